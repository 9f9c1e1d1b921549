"""Results out: files (CSV, JSON, Excel) written atomically, and the text table."""

"""Product lists in: files of every format and pasted text, decoded and checked."""

"""The window's fetch, run off its GUI thread (worker process or thread)."""

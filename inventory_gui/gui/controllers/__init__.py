"""What drives the window: fetch runs, file loading, history and stock updates."""

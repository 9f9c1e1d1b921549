"""The exit statuses of ``inventory-gui`` commands (a signal adds 128 to its number)."""

EXIT_OK = 0
EXIT_ERRORS = 1  # some products ended in error, or the output could not be written
EXIT_USAGE = 2  # bad usage or input, refused before anything was fetched
EXIT_INTERRUPTED = 130  # 128 + SIGINT

"""The ``inventory-gui`` command: argument parsing and one module per subcommand."""

"""The built-in demo inventory API."""

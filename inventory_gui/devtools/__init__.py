"""Developer tools (benchmark, README screenshot): importable by tests, not shipped in the wheel."""

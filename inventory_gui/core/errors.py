"""Typed errors whose messages are fit to show a user on one line."""

from __future__ import annotations

from pathlib import Path


class InventoryError(Exception):
    """Base class of every error the core raises on purpose."""


class InputError(InventoryError):
    """A product list could not be read.

    The message names the file, the problem and, where there is one, the line:
    ``products.csv: line 3: ...``.
    """

    def __init__(self, source: str | Path, problem: str, line: int | None = None) -> None:
        self.source = str(source)
        self.problem = problem
        self.line = line
        where = f"{self.source}: line {line}" if line is not None else self.source
        super().__init__(f"{where}: {problem}")


class TemplateError(InventoryError):
    """A URL template is malformed or names a column the products lack."""


class SettingsError(InventoryError):
    """A fetch setting (header, concurrency, timeout...) is not usable."""


class LoadCancelled(InventoryError):
    """Loading a product list was cancelled by the user; nothing was changed."""


class HistoryError(InventoryError):
    """The history cannot be opened, read or written (one line naming the file)."""

"""The one error every output writer raises, and how an OS error reads in it."""

from __future__ import annotations

import os

from inventory_gui.core.errors import InventoryError


class ExportError(InventoryError):
    """Results could not be written or read: ``results.xlsx: permission denied``."""

    def __init__(self, path: str | os.PathLike[str], problem: object) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.path}: {self.problem}")


def os_problem(exc: OSError) -> str:
    """Return an OS error in a few words: ``permission denied``, ``No space left on device``."""
    known = {PermissionError: "permission denied", IsADirectoryError: "is a folder, not a file"}
    return known.get(type(exc)) or exc.strerror or str(exc)

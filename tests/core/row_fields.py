"""A product's input columns as a file's loader makes them, for tests in several folders."""

from __future__ import annotations

from inventory_gui.core.models import Fields


def as_fields(columns: dict[str, str]) -> Fields:
    """The Fields a loader makes of one row with these columns."""
    return Fields({name: at for at, name in enumerate(columns)}, tuple(columns.values()))

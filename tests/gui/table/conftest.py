"""Fixtures of the table's tests."""

from __future__ import annotations

import pytest

from inventory_gui.core import id_index


@pytest.fixture(params=["plain", "sharded"])
def each_index_kind(request, monkeypatch) -> str:
    """Run the test with the model's indexes by ID as plain dicts, then sharded
    (as a list of SHARDED_FROM rows or more has them)."""
    if request.param == "sharded":
        monkeypatch.setattr(id_index, "SHARDED_FROM", 0)
    return request.param

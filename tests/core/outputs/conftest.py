"""Results and readers shared by the output tests."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from inventory_gui.core.models import Result

CHECKED = "2024-05-01T12:00:00+00:00"


@pytest.fixture
def sample_results() -> list[Result]:
    """Three results: input columns clashing with result columns, formulas, a nested response."""
    return [
        Result(
            id="007",
            status="ok",
            http_status=200,
            quantity=12,
            latency_ms=15.26,
            attempts=1,
            checked_at=CHECKED,
            fields={"name": "Widget é", "status": "active", "note": '=HYPERLINK("x")'},
            response={"sku": "007", "stock": {"qty": 12, "bins": [1, 2.5, None, True]}},
        ),
        Result(
            id="-A1",
            status="error",
            http_status=404,
            quantity=None,
            latency_ms=3.0,
            attempts=3,
            error="HTTP 404: not found",
            checked_at=CHECKED,
            fields={"name": "+cmd|' /C calc'!A0", "delta": "-5"},
            response=None,
        ),
        Result(id="X9", status="ok", http_status=200, quantity=-3.5, latency_ms=-1.0, attempts=1),
    ]


@pytest.fixture
def many_results() -> Callable[[int], list[Result]]:
    """Make ``count`` results like a large run's: every seventh an error, some formulas."""

    def make(count: int) -> list[Result]:
        return [
            Result(
                id=f"{i:06d}",
                status="ok" if i % 7 else "error",
                http_status=200 if i % 7 else 503,
                quantity=i % 50 - 10,
                latency_ms=12.34 + i % 100,
                attempts=1 + i % 3,
                error=None if i % 7 else "HTTP 503",
                checked_at=CHECKED,
                fields={
                    "name": f"Product {i}",
                    "warehouse": "=A1" if i % 1000 == 0 else "north",
                },
                response={
                    "sku": f"{i:06d}",
                    "quantity": i % 50 - 10,
                    "meta": {"tags": ["a", "b"]},
                },
            )
            for i in range(count)
        ]

    return make


@pytest.fixture
def temp_files_in() -> Callable[[Path], list[str]]:
    """List the temporary files (``*.tmp``) left in a folder."""
    return lambda folder: sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def read_csv_rows() -> Callable[[Path], list[list[str]]]:
    """Read a CSV output (with its BOM) as lists of cells."""

    def read(path: Path) -> list[list[str]]:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.reader(file))

    return read

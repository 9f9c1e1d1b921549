"""Tests for replacing an output atomically: permissions kept, nothing left behind."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.registry import write_results


def test_replaces_previous_file_and_keeps_its_mode(
    tmp_path: Path,
    sample_results: list[Result],
    temp_files_in: Callable[[Path], list[str]],
    read_csv_rows: Callable[[Path], list[list[str]]],
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)

    write_results(target, sample_results)

    assert read_csv_rows(target)[1][0] == "007"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert temp_files_in(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_new_file_gets_umask_permissions_not_0600(
    tmp_path: Path, sample_results: list[Result]
) -> None:
    old = os.umask(0o022)
    try:
        path = write_results(tmp_path / "out.json", sample_results)
    finally:
        os.umask(old)

    assert stat.S_IMODE(path.stat().st_mode) == 0o644

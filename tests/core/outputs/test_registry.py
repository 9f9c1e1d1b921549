"""Tests for choosing a writer by suffix, write failures and reading a JSON output back."""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.outputs import atomic_file, csv_output, xlsx_output
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.registry import EXPORT_FORMATS, read_results, write_results


def xlsx_temp_folders() -> list[str]:
    """The XLSX writer's temporary folders (its rows while it writes) now present."""
    return sorted(p.name for p in Path(tempfile.gettempdir()).glob("inventory-xlsx-*"))


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("name", ["out.json", "out.csv", "out.xlsx"])
def test_failure_midway_leaves_previous_file_and_no_temp(
    tmp_path: Path,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    sample_results: list[Result],
    temp_files_in: Callable[[Path], list[str]],
) -> None:
    target = tmp_path / name
    target.write_bytes(b"previous content")
    xlsx_temp_before = xlsx_temp_folders()
    results = [*sample_results, Result(id="boom", response=object()), *sample_results]
    if not name.endswith(".json"):
        calls = 0
        writer_module = csv_output if name.endswith(".csv") else xlsx_output
        real_rows = writer_module.result_rows

        def failing_rows(*args: object) -> object:
            nonlocal calls
            for row in real_rows(*args):
                calls += 1
                if calls == 3:
                    raise OSError(28, "No space left on device")
                yield row

        monkeypatch.setattr(writer_module, "result_rows", failing_rows)

    with pytest.raises(ExportError) as caught:
        write_results(target, results)

    message = str(caught.value)
    assert message.startswith(f"{target}: ")
    assert "\n" not in message
    assert ("'boom'" in message) if name.endswith(".json") else ("No space left" in message)
    assert target.read_bytes() == b"previous content"
    assert temp_files_in(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    gc.collect()  # a half-written workbook must not complain when collected
    assert xlsx_temp_folders() == xlsx_temp_before


@pytest.mark.parametrize("name", ["out.txt", "out", "out.json.bak", "out.xls"])
def test_unsupported_extension(tmp_path: Path, name: str, sample_results: list[Result]) -> None:
    with pytest.raises(ExportError, match="unsupported file type") as caught:
        write_results(tmp_path / name, sample_results)

    assert str(caught.value).startswith(str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


def test_missing_directory(tmp_path: Path, sample_results: list[Result]) -> None:
    target = tmp_path / "nope" / "out.csv"

    with pytest.raises(ExportError, match="does not exist") as caught:
        write_results(target, sample_results)

    assert str(caught.value).startswith(str(target))


def test_target_is_a_directory(tmp_path: Path, sample_results: list[Result]) -> None:
    (tmp_path / "dir.json").mkdir()

    with pytest.raises(ExportError, match="is a folder"):
        write_results(tmp_path / "dir.json", sample_results)


@pytest.mark.skipif(
    os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions that apply to the user",
)
def test_permission_denied(tmp_path: Path, sample_results: list[Result]) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_results(folder / "out.json", sample_results)
    finally:
        folder.chmod(0o700)


def test_permission_denied_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_results: list[Result]
) -> None:
    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_file.tempfile, "NamedTemporaryFile", deny)

    with pytest.raises(ExportError) as caught:
        write_results(tmp_path / "out.xlsx", sample_results)

    assert str(caught.value) == f"{tmp_path / 'out.xlsx'}: permission denied"


# --- read_results -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'[{"id": "a"},', "not valid JSON: Expecting value: line 1 column 14"),
        (b'{"id": "a"}', "expected a JSON array of results"),
        (b'[{"id": "a"}, 5]', "not a results file"),
        (b'[{"id": "a"}, {"status": "ok"}]', "not a results file"),
        (b"\xff\xfe[]", "not UTF-8"),
    ],
)
def test_read_results_rejects_bad_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    with pytest.raises(ExportError) as caught:
        read_results(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_read_results_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="No such file"):
        read_results(tmp_path / "missing.json")


def test_export_formats_constant() -> None:
    assert EXPORT_FORMATS == {".json": "JSON", ".csv": "CSV", ".xlsx": "Excel workbook"}

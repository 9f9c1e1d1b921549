"""The check history on the command line.

``inventory-gui history ID`` prints one product's recorded checks; the rest
serves ``inventory-gui fetch``: recording its run (:class:`FetchHistory`) and
the inputs of ``--retry-failed-from`` and ``--resume`` (:class:`FetchInput`).
Nothing here imports Qt or aiohttp.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from inventory_gui.cli.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.store import Check, HistoryStore, Run, default_data_dir
from inventory_gui.core.history.writer import HistoryWriter
from inventory_gui.core.models import RESULT_COLUMNS, Product, ProductList, Result
from inventory_gui.core.outputs.export import read_results
from inventory_gui.core.safe_values import format_change, format_number
from inventory_gui.core.secrets import MASK

_RESULT_KEYS = frozenset((*RESULT_COLUMNS, "response"))
_RETRIED = frozenset({"error", "cancelled"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HEADER = ("checked at (UTC)", "status", "quantity", "change", "error")
_ALIGN = "<<>><"


def data_dir(args: argparse.Namespace) -> Path:
    """Return ``--data-dir``, or the user data folder."""
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _warn(message: str) -> None:
    clear = "\r\x1b[2K" if sys.stderr.isatty() else ""  # over a progress line being drawn
    print(f"{clear}inventory-gui: warning: {message}", file=sys.stderr)


def run_history_command(args: argparse.Namespace) -> int:
    """Run ``inventory-gui history ID``: print its checks as a table; return the exit status."""
    try:
        store = HistoryStore(data_dir(args), create=False)
        try:
            checks = store.history(args.product_id, limit=args.limit + 1)
            unrecorded = store.unrecorded()
        finally:
            store.close()
    except HistoryError as exc:
        print(f"inventory-gui: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if unrecorded:
        _warn(f"the history is locked: the checks kept in {unrecorded[0].name} are not shown yet")
    if not checks:
        print(f"inventory-gui: no history for {args.product_id}", file=sys.stderr)
        return EXIT_ERRORS
    more = len(checks) > args.limit
    shown = checks[1:] if more else checks
    sys.stdout.write(format_history(shown) + "\n")
    if more:
        print(f"(the latest {args.limit} checks; --limit N shows more)")
    return EXIT_OK


def format_history(checks: Sequence[Check], *, max_error_width: int = 60) -> str:
    """Return checks as an aligned plain-text table (no final newline)."""
    rows = [list(_HEADER)] + [_history_cells(check, max_error_width) for check in checks]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    rows.insert(1, ["-" * width for width in widths])
    line = "  ".join(f"{{:{a}{w}}}" for a, w in zip(_ALIGN, widths, strict=True))
    return "\n".join(line.format(*row).rstrip() for row in rows)


def _history_cells(check: Check, max_error_width: int) -> list[str]:
    when = check.checked_at.replace("T", " ").removesuffix("Z")
    quantity = "-" if check.quantity is None else format_number(check.quantity)
    change = "" if check.change is None else format_change(check.change)
    error = _CONTROL.sub(" ", check.error or "")
    if len(error) > max_error_width:
        error = error[: max_error_width - 1] + "…"
    return [when, check.status, quantity, change, error]


class FetchHistory:
    """Records one ``fetch`` run; a failure prints one warning and recording stops.

    Args:
        store: the open history, or None to record nothing.
    """

    def __init__(self, store: HistoryStore | None) -> None:
        self.store = store
        self._writer: HistoryWriter | None = None
        self._run_id: int | None = None

    @classmethod
    def open(cls, args: argparse.Namespace) -> FetchHistory:
        """Open the history unless ``--no-history``.

        Raises:
            HistoryError: it cannot be opened and ``--resume`` needs it (otherwise
                that is a warning, and nothing is recorded).
        """
        if args.no_history:
            return cls(None)
        try:
            return cls(HistoryStore(data_dir(args)))
        except HistoryError as exc:
            if args.resume:
                raise
            _warn(f"the history is not recorded: {exc}")
            return cls(None)

    def begin(self, products: ProductList, url_template: str, resumes: Run | None = None) -> None:
        """Record the start of the run (and mark a resumed run ``resumed``)."""
        if self.store is None:
            return
        try:
            self._writer = self.store.writer(on_delayed=_warn)
            self._run_id = self._writer.begin_run(products.source, url_template, products.products)
        except HistoryError as exc:
            _warn(f"the history is not recorded: {exc}")
            if self._writer is not None:
                self._writer.close()  # its error is the one just shown
                self._writer = None
            return
        if resumes is not None:
            self._writer.mark_run(resumes.id, "resumed")

    def recorder(self) -> Callable[[Result], None] | None:
        """Return a function recording one result (one queue put), or None."""
        if self._writer is None or self._run_id is None:
            return None
        return partial(self._writer.record, self._run_id)

    def end(self, state: str) -> None:
        """Record the end of the run: ``done`` or ``cancelled``."""
        if self._writer is not None and self._run_id is not None:
            self._writer.end_run(self._run_id, state)

    def close(self) -> None:
        """Commit what is recorded (a run not ended stays resumable) and close.

        If the history is still locked after a short wait, what is not recorded
        stays in a journal that the next start records (one warning says so).
        """
        if self._writer is not None:
            self._writer.close()
            if self._writer.error is not None:
                _warn(f"{self._writer.file}: {self._writer.error}")
            if self._writer.left_in is not None:
                _warn(
                    f"{self._writer.file} is still locked: the checks not recorded yet are"
                    f" kept in {self._writer.left_in.name} and recorded at the next start"
                )
        if self.store is not None:
            self.store.close()


@dataclass
class FetchInput:
    """What ``fetch`` checks, and what its output is merged with.

    Attributes:
        products: the products to fetch.
        earlier: ``--retry-failed-from``: every row of the earlier output.
        positions: where each product's new result goes in ``earlier``.
        resumes: ``--resume``: the unfinished run being resumed.
    """

    products: ProductList
    earlier: list[Result] | None = None
    positions: list[int] = field(default_factory=list)
    resumes: Run | None = None

    def merge(self, results: list[Result]) -> list[Result]:
        """Return the output rows: ``results``, or the earlier rows with them in place."""
        if self.earlier is None:
            return results
        merged = list(self.earlier)
        for position, result in zip(self.positions, results, strict=True):
            merged[position] = result
        return merged


def load_retry_input(path: str) -> FetchInput:
    """Read an earlier JSON output; its error and cancelled rows are the products.

    Raises:
        ExportError: the file is missing, unreadable or not a results file.
    """
    earlier = [_result_from_row(row) for row in read_results(path)]
    positions = [i for i, result in enumerate(earlier) if result.status in _RETRIED]
    products = [_product(earlier[i]) for i in positions]
    columns = list(dict.fromkeys(key for result in earlier for key in result.fields))
    source = f"the failed rows of {path}"
    return FetchInput(ProductList(products, source, columns=columns), earlier, positions)


def load_resume_input(history: FetchHistory) -> FetchInput:
    """Return the products of the latest unfinished run still without an ok check.

    Raises:
        HistoryError: no history, or no unfinished run in it.
    """
    if history.store is None:
        raise HistoryError("--resume needs the history")
    unrecorded = history.store.unrecorded()
    if unrecorded:
        raise HistoryError(
            f"{history.store.file} is locked by another program and checks kept in"
            f" {unrecorded[0].name} are not recorded yet: try --resume once it is free"
        )
    run = history.store.unfinished_run()
    if run is None:
        raise HistoryError(f"{history.store.file}: no unfinished run to resume")
    products = history.store.resume_items(run.id)
    columns = list(dict.fromkeys(key for product in products for key in product.fields))
    source = f"the unfinished run {run.id} of {run.source}"
    return FetchInput(ProductList(products, source, columns=columns), resumes=run)


def resume_template(run: Run) -> str:
    """Return the URL template a resumed run used.

    Raises:
        HistoryError: it was stored with secrets removed; ``--url-template`` is needed.
    """
    if MASK in run.url_template:
        raise HistoryError(
            f"run {run.id}'s URL template was stored without its secrets: give --url-template"
        )
    return run.url_template


def _result_from_row(row: dict[str, Any]) -> Result:
    """Rebuild a result from a row of a JSON output, input columns as its fields."""

    def number(key: str) -> Any:
        value = row.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    return Result(
        id=str(row["id"]),
        status=row.get("status") if row.get("status") in ("ok", *_RETRIED) else "error",
        http_status=number("http_status"),
        quantity=number("quantity"),
        latency_ms=number("latency_ms"),
        attempts=number("attempts") or 0,
        error=row.get("error"),
        checked_at=row.get("checked_at"),
        fields={key: value for key, value in row.items() if key not in _RESULT_KEYS},
        response=row.get("response"),
    )


def _product(result: Result) -> Product:
    fields = {key: "" if v is None else str(v) for key, v in result.fields.items()}
    return Product(result.id, fields)

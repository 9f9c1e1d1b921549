"""Recording one ``inventory-gui fetch`` run in the check history.

A history that cannot be opened or written is one warning, and the run goes
on unrecorded (only ``--resume`` needs it).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from functools import partial

from inventory_gui.cli.options import data_dir
from inventory_gui.cli.terminal import warn
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.fetch.rate_control import RateController, api_origin
from inventory_gui.core.history.store import HistoryStore, Run
from inventory_gui.core.history.writer import HistoryWriter
from inventory_gui.core.models import Previous, ProductList, Result


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
            warn(f"the history is not recorded: {exc}")
            return cls(None)

    def previous(self, product_ids: Iterable[str]) -> dict[str, Previous]:
        """Each product's last ok check before this run ({} without a history).

        Read before :meth:`begin`, as the window does when a run starts; a
        history that cannot be read is one warning and no previous checks.
        """
        if self.store is None:
            return {}
        try:
            return self.store.last_ok(product_ids)
        except HistoryError as exc:
            warn(f"the previous checks are not shown: {exc}")
            return {}

    def begin(self, products: ProductList, url_template: str, resumes: Run | None = None) -> None:
        """Record the start of the run (and mark a resumed run ``resumed``)."""
        if self.store is None:
            return
        try:
            self._writer = self.store.writer(on_delayed=warn)
            self._run_id = self._writer.begin_run(products.source, url_template, products.products)
        except HistoryError as exc:
            warn(f"the history is not recorded: {exc}")
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

    def remembered_rate(self, url_template: str) -> float | None:
        """The API's rate limit learned by an earlier run, the next run's starting pace."""
        origin = api_origin(url_template)
        if self.store is None or origin is None:
            return None
        try:
            return self.store.remembered_rate(origin)
        except HistoryError:
            return None  # a pace not remembered: the run learns it again

    def remember_rate(self, url_template: str, control: RateController | None) -> None:
        """Keep the rate limit this run learned for its API host (one small write)."""
        origin = api_origin(url_template)
        rate = control.learned_rate if control is not None else None
        if self.store is None or origin is None or rate is None:
            return
        try:
            self.store.remember_rate(origin, rate, control.source)  # type: ignore[union-attr]
        except HistoryError as exc:
            warn(f"the API's rate limit is not remembered: {exc}")

    def close(self) -> None:
        """Commit what is recorded (a run not ended stays resumable) and close.

        If the history is still locked after a short wait, what is not recorded
        stays in a journal that the next start records (one warning says so).
        """
        if self._writer is not None:
            self._writer.close()
            if self._writer.error is not None:
                warn(f"{self._writer.file}: {self._writer.error}")
            if self._writer.left_in is not None:
                warn(
                    f"{self._writer.file} is still locked: the checks not recorded yet are"
                    f" kept in {self._writer.left_in.name} and recorded at the next start"
                )
        if self.store is not None:
            self.store.close()

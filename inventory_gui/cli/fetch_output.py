"""Where ``inventory-gui fetch`` puts its results: the ``--output`` file, or a table on stdout.

The output is checked before anything is fetched (a folder that is missing or
not writable, the input file itself), so a long run never ends in a file that
cannot be written for a reason known at the start.
"""

from __future__ import annotations

from collections.abc import Sequence

from inventory_gui.cli.exit_codes import EXIT_ERRORS
from inventory_gui.cli.stop_signals import Interrupted, StopSignals, signal_name
from inventory_gui.cli.terminal import error, write_stdout
from inventory_gui.core.models import Result
from inventory_gui.core.outputs.atomic_file import same_file
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.registry import check_output_path, write_results
from inventory_gui.core.outputs.text_table import results_table
from inventory_gui.core.stock import StockContext


def output_problem(output: str | None, input_path: str | None) -> str | None:
    """Return why ``--output`` cannot be written, or None.

    Args:
        output: the ``--output`` path, or None for a table on stdout.
        input_path: the product file the run reads, or None.
    """
    if not output:
        return None
    try:
        target = check_output_path(output)
    except ExportError as exc:
        return str(exc)
    if input_path is not None and same_file(target, input_path):
        return f"{output}: is the input file {input_path}; choose another --output"
    return None


def write_output(
    results: Sequence[Result],
    columns: Sequence[str],
    output: str | None,
    signals: StopSignals,
    stock: StockContext | None = None,
) -> int | None:
    """Write the results; return None, or the exit status if they could not be written.

    ``stock`` (stock rules and previous checks) fills the stock status and
    change columns.

    After a run stopped by a signal, further signals wait until the output is
    written; otherwise a signal abandons the write, leaving any earlier file
    as it was.
    """
    phase = signals.deferred() if signals.received is not None else signals.raising()
    try:
        with phase:
            if not output:
                return write_stdout(results_table(results, stock=stock) + "\n")
            write_results(output, results, columns=columns, stock=stock)
    except ExportError as exc:
        error(str(exc))
        return EXIT_ERRORS
    except Interrupted as exc:
        error(f"{output or 'stdout'}: not written, interrupted by {signal_name(exc.signum)}")
        return exc.exit_status
    return None

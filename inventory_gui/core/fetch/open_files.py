"""Making room for a run's connections within the open-file limit (RLIMIT_NOFILE).

Each request in flight holds a socket, and a process may open only as many
files as its soft limit allows (often 1024, sometimes 256): past it, every new
connection fails with "Too many open files".  At the start of a run
:func:`fit_concurrency` raises the soft limit as far as the hard limit allows;
if that is not enough it lowers the concurrency to what fits and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

try:
    import resource
except ImportError:  # Windows: no such limit to manage
    resource = None  # type: ignore[assignment]

# Files a run needs besides its connections: the interpreter's, the event
# loop's, the history database and journal, the log, the output file.
FD_HEADROOM = 64


@dataclass(frozen=True, slots=True)
class FdBudget:
    """The concurrency a run can afford.

    Attributes:
        concurrency: the requested concurrency, or less if the limit forced it.
        notice: one line to show the user when it was lowered, else None.
    """

    concurrency: int
    notice: str | None = None


def fit_concurrency(requested: int) -> FdBudget:
    """Raise the soft open-file limit for ``requested`` connections, or lower them to fit.

    Never raises: where the limit cannot be read or changed, the concurrency
    is fitted to the limit as it is.
    """
    if resource is None:
        return FdBudget(requested)
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (OSError, ValueError):
        return FdBudget(requested)
    needed = requested + FD_HEADROOM
    if _at_least(soft, needed):
        return FdBudget(requested)
    target = needed if _at_least(hard, needed) else hard
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (OSError, ValueError):
            pass  # not allowed here: fit within the current limit
    if _at_least(soft, needed):
        return FdBudget(requested)
    fitted = max(1, soft - FD_HEADROOM)
    notice = (
        f"concurrency lowered from {requested} to {fitted}: the open-file limit is {soft}"
        " (raise it with 'ulimit -n')"
    )
    return FdBudget(fitted, notice)


def _at_least(limit: int, needed: int) -> bool:
    return limit == resource.RLIM_INFINITY or limit >= needed

"""What the stop signals do in a command: SIGINT (Ctrl-C), SIGTERM, SIGHUP.

``timeout``, systemd and ``docker stop`` send SIGTERM; closing a terminal
sends SIGHUP.  A command treats all three like Ctrl-C.  :class:`StopSignals`
owns their handlers for the whole command, so there is never a moment where
one of them kills the process on the spot; each phase of the command says
what a signal does meanwhile:

- :meth:`StopSignals.raising`: raise :class:`Interrupted` where the main
  thread is (loading input, or an export that may be abandoned);
- :meth:`StopSignals.calling`: call a function on an event loop (a fetch that
  stops and keeps what it has);
- :meth:`StopSignals.deferred`: only note it (finishing what must not be cut
  short: writing the output of a stopped run, closing the history).

The first signal received is kept: the command exits with ``128 + its number``
(130, 143, 129), the conventional status of a process ended by it.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def exit_status(signum: int) -> int:
    """Return the conventional exit status of a process stopped by ``signum``."""
    return 128 + signum


def signal_name(signum: int) -> str:
    """Return ``SIGTERM`` for 15, and so on."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class Interrupted(BaseException):
    """A stop signal arrived in a phase that gives up what it was doing.

    A BaseException, like KeyboardInterrupt, so that ``except Exception`` does
    not swallow it and clean-up (``finally``, ``with``) still runs.
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal_name(signum))

    @property
    def exit_status(self) -> int:
        """``128 + signum``."""
        return exit_status(self.signum)


class StopSignals:
    """Handlers of the stop signals for one command (main thread only)."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._action: Callable[[int], None] = self._raise
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        for signum in STOP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    @property
    def exit_status(self) -> int | None:
        """``128 +`` the first signal received, or None when none was."""
        return None if self.received is None else exit_status(self.received)

    @contextmanager
    def raising(self) -> Iterator[None]:
        """Meanwhile a signal raises :class:`Interrupted` in the main thread."""
        with self._acting(self._raise):
            yield

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Meanwhile a signal is only noted (see :attr:`received`)."""
        with self._acting(lambda _signum: None):
            yield

    @contextmanager
    def calling(self, loop: asyncio.AbstractEventLoop, stop: Callable[[], None]) -> Iterator[None]:
        """Meanwhile the first signal calls ``stop`` on ``loop``; later ones are only noted.

        A signal noted before this phase calls ``stop`` at once.
        """
        waiting = [stop]  # emptied by the first signal: stop is called once

        def call(_signum: int) -> None:
            if waiting:
                loop.call_soon_threadsafe(waiting.pop())

        if self.received is not None:
            call(self.received)
        with self._acting(call):
            yield

    @contextmanager
    def _acting(self, action: Callable[[int], None]) -> Iterator[None]:
        before, self._action = self._action, action
        try:
            yield
        finally:
            self._action = before

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        self._action(signum)

    @staticmethod
    def _raise(signum: int) -> None:
        raise Interrupted(signum)

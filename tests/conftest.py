"""Test-wide set-up.

Qt must run headless everywhere the tests run, so the platform is chosen here,
before any test module can import PySide6.  The app's per-user folders (history
database, log, settings, single-instance socket) point at a throw-away folder
for the whole session, subprocesses included, so no test reads or writes the
real user's data.
Processes the tests start treat deprecations in the project's code as errors,
as the tests themselves do (pyproject.toml's filterwarnings).
Hypothesis runs 50 examples per property in the inner loop (the "fast"
profile, the default) and 300 in CI's full run (``--hypothesis-profile=ci``);
a test that asks for fewer keeps its own count.
"""

import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import pytest_asyncio
from hypothesis import settings

from tests.loopback import Handler, LoopbackApi

settings.register_profile("fast", max_examples=50)
settings.register_profile("ci", max_examples=300)
settings.load_profile("fast")  # pytest --hypothesis-profile=ci replaces it

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["INVENTORY_GUI_NO_KEYRING"] = "1"
_user_dirs = tempfile.mkdtemp(prefix="inventory-gui-tests-")
for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
    os.environ[variable] = os.path.join(_user_dirs, variable.lower())
# The window's single-instance socket: private to the user, as XDG asks (0700).
os.environ["XDG_RUNTIME_DIR"] = os.path.join(_user_dirs, "xdg_runtime_dir")
os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700)

# PYTHONWARNINGS names modules exactly (no patterns), so every module of the
# package is listed: the CLI, the window's fetch worker and the scripts that run
# the real app fail on a DeprecationWarning attributed to any of them.
_package = Path(__file__).resolve().parents[1] / "inventory_gui"
_modules = sorted(
    ".".join(path.relative_to(_package.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in _package.rglob("*.py")
)
os.environ["PYTHONWARNINGS"] = ",".join(
    [
        *filter(None, [os.environ.get("PYTHONWARNINGS")]),
        *(f"error::DeprecationWarning:{module}" for module in _modules),
    ]
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--window-engine",
        choices=("thread", "process"),
        default="thread",
        help="the fetch engine of the windows tests/gui builds (default: thread; CI's full"
        " run: process, the window's default on POSIX)",
    )


@pytest_asyncio.fixture
async def make_api() -> AsyncIterator[Callable[[Handler], Awaitable[LoopbackApi]]]:
    """Start loopback APIs with a given handler; all are closed after the test.

    The GUI tests have their own, run on the window's loop (tests/gui/conftest.py).
    """
    started: list[LoopbackApi] = []

    async def make(handler: Handler) -> LoopbackApi:
        api = await LoopbackApi(handler).start()
        started.append(api)
        return api

    yield make
    for api in started:
        await api.close()

"""The core, the window's fetch engines and the headless commands never import Qt."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCK_QT = textwrap.dedent(
    """
    import sys

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "qasync"):
                raise ImportError(f"Qt imported by the headless path: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    """
)


def run_blocked(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_core_and_engine_module_imports_without_qt():
    done = run_blocked(
        """
        import importlib, pkgutil
        import inventory_gui.core as core
        import inventory_gui.engine as engine
        names = [
            m.name
            for package in (core, engine)
            for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")
        ]
        for name in names:
            importlib.import_module(name)
        import inventory_gui.cli.fetch_command, inventory_gui.cli.fetch_run, inventory_gui.cli.main
        import inventory_gui.cli.demo_command, inventory_gui.cli.history_command
        import inventory_gui.cli.window_command
        print(len(names))
        """
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 14


def test_headless_fetch_runs_without_qt(tmp_path):
    out = tmp_path / "out.json"
    done = run_blocked(
        f"""
        from inventory_gui.cli.main import main
        raise SystemExit(main(["fetch", "--demo", "--quiet", "--output", {str(out)!r}]))
        """
    )
    # The bundled sample holds a few unknown IDs on purpose, so some rows are errors.
    assert done.returncode == 1, done.stderr
    assert out.exists()


def test_history_command_runs_without_qt(tmp_path):
    done = run_blocked(
        f"""
        from inventory_gui.cli.main import main
        raise SystemExit(main(["history", "A1", "--data-dir", {str(tmp_path)!r}]))
        """
    )
    assert done.returncode == 2, done.stderr  # no database there: the one-line error
    assert "Traceback" not in done.stderr

"""The core, the window's fetch engines and the headless commands never import Qt."""

from __future__ import annotations

from tests.qt_blocker import run_blocked


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

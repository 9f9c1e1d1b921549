"""The GIL switch interval is shortened while a large list is built, then restored."""

from __future__ import annotations

import sys
import threading

import pytest

from inventory_gui.gui.switch_interval import BUILDING_SWITCH_INTERVAL, while_building


@pytest.fixture
def interval():
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.003)
    yield 0.003
    sys.setswitchinterval(before)


def test_the_interval_is_short_inside_and_restored_after_even_on_error(interval) -> None:
    inside: list[float] = []

    def failing_build() -> None:
        with while_building():
            inside.append(sys.getswitchinterval())
            raise RuntimeError("a load failed")

    with pytest.raises(RuntimeError):
        failing_build()
    assert inside == [pytest.approx(BUILDING_SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_overlapping_builds_on_two_threads_restore_it_when_the_last_ends(interval) -> None:
    started, release = threading.Event(), threading.Event()

    def other_build() -> None:
        with while_building():
            started.set()
            release.wait(10)

    thread = threading.Thread(target=other_build)
    with while_building():
        thread.start()
        assert started.wait(10)
    # This block ended first: the other thread still builds, so the interval stays short.
    assert sys.getswitchinterval() == pytest.approx(BUILDING_SWITCH_INTERVAL)
    release.set()
    thread.join(10)
    assert sys.getswitchinterval() == pytest.approx(interval)


def test_opening_a_file_builds_its_list_with_the_short_interval(
    make_window, run, tmp_path, interval, monkeypatch
) -> None:
    from inventory_gui.gui.controllers import file_loader

    seen: list[float] = []
    real = file_loader.load_products

    def load_products(path, progress):
        seen.append(sys.getswitchinterval())  # on the loader's worker thread
        return real(path, progress=progress)

    monkeypatch.setattr(file_loader, "load_products", load_products)
    window = make_window()
    path = tmp_path / "list.csv"
    path.write_text("id\na\nb\n")
    assert run(window.load_file(path), timeout=10_000)
    assert seen == [pytest.approx(BUILDING_SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == pytest.approx(interval)
    assert window.model.rowCount() == 2

"""The settings' definitions: well-formed, and how they read, check and show values."""

from __future__ import annotations

import pytest

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.settings_schema import coerce, split_names
from inventory_gui.core.text import size_text


@pytest.mark.parametrize("setting", schema.ALL_SETTINGS, ids=lambda s: s.key)
def test_definitions_are_well_formed(setting):
    assert setting.kind in (int, float, bool, str, list)
    assert setting.help
    assert setting.help[0].islower() or not setting.help[0].isalpha()
    assert not setting.help.endswith(".")
    if setting.ranged:
        assert setting.kind in (int, float)
        assert setting.low < setting.high
        if setting.default != setting.off:
            assert setting.problem(setting.default) is None
    if setting.off is not None:
        assert setting.ranged
        assert setting.problem(setting.off) is not None  # off lies outside the range
    if setting.flag_scale != 1 or setting.metavar:
        assert setting.flag is not None


def test_keys_flags_and_stored_keys_are_unique():
    for attribute in ("flag", "stored"):
        values = [getattr(s, attribute) for s in schema.ALL_SETTINGS if getattr(s, attribute)]
        assert len(values) == len(set(values)), attribute
    for group in (schema.CONNECTION_SETTINGS, schema.STOCK_SETTINGS, schema.DEMO_SETTINGS):
        assert len({s.key for s in group}) == len(group)


def test_problem_words_and_edge_cases():
    assert schema.CONCURRENCY.problem(0) == "must be 1 to 10000, not 0"
    assert schema.TIMEOUT.problem(0.01) == "must be 0.1 s to 3600 s, not 0.01 s"
    assert schema.RATE_LIMIT.problem(0) == "must be 0.01/s to 100000/s, not 0/s"
    assert schema.MAX_BODY.problem(2**31) == "must be 1 KiB to 1 GiB, not 2 GiB"
    assert schema.CONCURRENCY.problem(10**30).endswith("not a number past 10^15")
    for bad in (True, 2.5, float("nan"), "16", None):
        assert schema.CONCURRENCY.problem(bad) is not None
    assert schema.TIMEOUT.problem(float("inf")) == "must be 0.1 s to 3600 s, not inf"
    assert schema.URL_TEMPLATE.problem("anything") is None  # no range: nothing to refuse
    with pytest.raises(SettingsError, match=r"^retries must be 0 to 20, not 21$"):
        schema.RETRIES.check(21)


def test_read_takes_text_checks_the_range_and_keeps_off():
    assert schema.CONCURRENCY.read("42") == 42
    assert schema.TIMEOUT.read("2.5") == 2.5
    assert schema.RATE_LIMIT.read("0") == 0.0  # off: no limit
    assert schema.AUTO_REFRESH.read(0) == 0
    assert schema.VERIFY_TLS.read("false") is False
    with pytest.raises(SettingsError, match=r"^concurrency must be a whole number, not 'lots'$"):
        schema.CONCURRENCY.read("lots")
    with pytest.raises(SettingsError, match=r"^timeout must be 0\.1 s to 3600 s, not -3 s$"):
        schema.TIMEOUT.read("-3")
    with pytest.raises(SettingsError, match=r"must be a number, not 'x{38}…$"):
        schema.TIMEOUT.read("x" * 100)


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("42", int, 42), (" 7 ", int, 7), (3.0, int, 3), (3.5, int, None), ("1e99", int, None),
        (True, int, None), ("2.5", float, 2.5), ("nan", float, None), ("inf", float, None),
        ("yes", bool, True), ("OFF", bool, False), ("maybe", bool, None), (1, bool, None),
        ("text", str, "text"), (5, str, None), ([1], int, None), ("x", list, None),
    ],
)  # fmt: skip
def test_coerce(raw, kind, value):
    assert coerce(raw, kind) == value
    assert type(coerce(raw, kind)) is (kind if value is not None else type(None))


def test_display_helpers():
    assert schema.TIMEOUT.decimals == 1
    assert schema.RATE_LIMIT.decimals == 2
    assert schema.LOW_THRESHOLD.decimals == 0
    assert schema.CONCURRENCY.decimals == 0
    assert schema.RATE_LIMIT.tooltip() == (
        "Most requests started per second. 0.01/s to 100000/s. At its lowest: no limit."
    )
    assert schema.LOW_THRESHOLD.span() == "0 to 1000000000"
    assert schema.QUANTITY_FIELD.tooltip().endswith("holding a number).")
    assert size_text(5 * 1024**2) == "5 MiB"
    assert size_text(1000) == "1000 bytes"
    assert split_names(" a, b,,c ") == ("a", "b", "c")

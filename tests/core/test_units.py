"""Unit tests: URL templating and encoding, retry policy, quantity extraction, progress."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime

import pytest

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.errors import SettingsError, TemplateError
from inventory_gui.core.fetch import fetcher as fetcher_module
from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity, to_number
from inventory_gui.core.fetch.retry import RetryPolicy, parse_retry_after
from inventory_gui.core.fetch.settings import FetchSettings, parse_header
from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product, Result
from inventory_gui.core.progress import Progress, format_duration

BASE = "https://api.example.com/get-current-inventory/{id}"


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("k3is9dj", "k3is9dj"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("50%", "50%25"),
        ("a b", "a%20b"),
        ("café", "caf%C3%A9"),
        ("007", "007"),
        ("...", "..."),
        ("%2F", "%252F"),
    ],
)
def test_path_value_is_one_encoded_segment(value, encoded):
    url = UrlTemplate(BASE).build(Product(value))
    assert url.raw_path == f"/get-current-inventory/{encoded}"
    assert str(url) == f"https://api.example.com/get-current-inventory/{encoded}"


@pytest.mark.parametrize("value", [".", ".."])
def test_dot_segments_are_refused(value):
    with pytest.raises(UnsafeValueError, match="path segment"):
        UrlTemplate(BASE).build(Product(value))


def test_dot_is_fine_as_a_query_value():
    url = UrlTemplate("https://h/x?id={id}").build(Product(".."))
    assert url.raw_query_string == "id=.."


def test_other_columns_and_query_values():
    template = UrlTemplate("https://h/stores/{store}/items/{id}?region={region}")
    url = template.build(Product("a/b", {"store": "north 1", "region": "eu&x=1"}))
    assert str(url) == "https://h/stores/north%201/items/a%2Fb?region=eu%26x%3D1"
    assert template.placeholders == ("store", "id", "region")


def test_missing_column_is_reported_before_a_run():
    template = UrlTemplate("https://h/{store}/{id}")
    template.check_columns(["store", "name"])
    with pytest.raises(TemplateError, match=r"\{store\}.*columns: id, name"):
        template.check_columns(["name"])
    with pytest.raises(UnsafeValueError):
        template.build(Product("x"))


def test_describe_hides_the_query():
    template = UrlTemplate("https://h/{id}?api_key=SECRET")
    assert template.describe(Product("a b")) == "https://h/a%20b"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("", "empty"),
        ("ftp://h/{id}", "http"),
        ("/get-current-inventory/{id}", "http"),
        ("https://h/items", "no placeholder"),
        ("https://h/{id", "unbalanced"),
        ("https://h/{}", "empty placeholder"),
        ("https://{host}/{id}", "host"),
    ],
)
def test_bad_templates(template, problem):
    with pytest.raises(TemplateError, match=problem):
        UrlTemplate(template)


def test_retry_policy_statuses():
    policy = RetryPolicy()
    assert [s for s in (400, 401, 404, 408, 409, 429, 500, 501, 502, 503, 504) if
            policy.retryable_status(s)] == [408, 429, 500, 502, 503, 504]  # fmt: skip


def test_backoff_is_full_jitter_with_a_growing_capped_ceiling():
    policy = RetryPolicy(backoff_base=0.5, backoff_cap=4.0)
    rng = random.Random(7)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = [policy.delay(attempt, rng=rng) for _ in range(300)]
        assert min(delays) >= 0
        assert max(delays) <= ceiling
        assert max(delays) > ceiling * 0.9  # spread over the whole range, not fixed
        assert min(delays) < ceiling * 0.1


def test_retry_after_wins_and_is_capped():
    policy = RetryPolicy()
    assert policy.delay(1, retry_after=3.0) == 3.0
    assert policy.delay(1, retry_after=600.0) == 60.0


def test_parse_retry_after():
    now = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("5", now) == 5.0
    assert parse_retry_after("Sat, 28 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


@pytest.mark.parametrize(
    ("body", "path", "expected"),
    [
        ({"quantity": 5}, None, 5),
        ({"qty": "12"}, None, 12),
        ({"stock": " 2.5 "}, None, 2.5),
        ({"available": 0}, None, 0),
        ({"inventory": "1,200"}, None, 1200),
        ({"on_hand": 3, "quantity": None}, None, 3),
        ({"stock": {"available": 4}, "on_hand": 9}, None, 9),
        ({"name": "x"}, None, None),
        ([1, 2], None, None),
        ({"stock": {"available": "8"}}, "stock.available", 8),
        ({"items": [{"qty": 4}]}, "items.0.qty", 4),
        ({"stock": {}}, "stock.available", None),
        ({"q": True}, None, None),
    ],
)
def test_extract_quantity(body, path, expected):
    assert extract_quantity(body, path) == expected


def test_extract_quantity_named_field_must_be_numeric():
    with pytest.raises(QuantityError, match="'stock' is not a number: 'lots'"):
        extract_quantity({"stock": "lots"}, "stock")


def test_to_number_rejects_non_finite_and_bools():
    assert to_number("nan") is None
    assert to_number(float("inf")) is None
    assert to_number(False) is None
    assert to_number("-3") == -3


def test_parse_header_never_echoes_the_value():
    assert parse_header("Authorization: Bearer abc:def") == ("Authorization", "Bearer abc:def")
    with pytest.raises(SettingsError) as info:
        parse_header("no colon secret-token")
    assert "secret-token" not in str(info.value).split("named")[0]
    with pytest.raises(SettingsError, match="not valid"):
        parse_header("Bad Name: v")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"concurrency": 0}, "concurrency"),
        ({"timeout": 0}, "timeout"),
        ({"retries": -1}, "retries"),
        ({"headers": {"X": "a\nb"}}, "line break"),
    ],
)
def test_settings_validation(change, message):
    with pytest.raises(SettingsError, match=message):
        FetchSettings(BASE, **change).validate()


def test_progress_counts_rate_and_eta():
    now = [100.0]
    progress = Progress(total=10, clock=lambda: now[0])
    for status in ["ok", "ok", "error", "ok"]:
        progress.add(Result(id="x", status=status))
    now[0] = 102.0
    progress.tick()
    assert (progress.done, progress.ok, progress.errors) == (4, 3, 1)
    assert progress.rate == pytest.approx(2.0)
    assert progress.eta == pytest.approx(3.0)
    assert progress.summary() == "4/10 · 3 ok · 1 errors · 2/s · ETA 0:03 · elapsed 0:02"
    assert format_duration(3725) == "1:02:05"


def test_collector_paused_freezes_what_was_built_and_restores_collection():
    import gc

    from inventory_gui.core import gc_policy

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_policy.paused():
        assert not gc.isenabled()
        rows = [[i] for i in range(10_000)]  # lists: tracked by the collector
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(rows)  # never walked by a pass again
    with gc_policy.paused(), gc_policy.paused():  # nested: the inner one does not re-enable
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()  # leave the test process as it was


def test_ramp_is_capped_for_a_large_pool():
    assert fetcher_module._ramp_step(100) == fetcher_module._RAMP_STEP_S
    assert fetcher_module._ramp_step(1000) * 1000 == pytest.approx(fetcher_module._RAMP_MAX_S)
    assert fetcher_module._ramp_step(0) == 0.0


def test_check_times_are_iso_utc_and_shared_within_a_millisecond():
    stamps = [utc_stamp() for _ in range(2000)]
    parsed = datetime.fromisoformat(stamps[0].replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - parsed).total_seconds()) < 5
    assert all(len(s) == len("2024-01-01T00:00:00.000Z") and s.endswith("Z") for s in stamps)
    same = [(a, b) for a, b in itertools.pairwise(stamps) if a == b]
    assert same  # 2,000 calls take far less than 2,000 ms
    assert all(a is b for a, b in same)

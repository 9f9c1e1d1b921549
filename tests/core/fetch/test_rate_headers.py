"""Reading rate-limit budgets from answer headers (core/fetch/rate_headers.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from multidict import CIMultiDict

from inventory_gui.core.fetch.rate_headers import Budget, read_budget


def budget(**headers: str) -> Budget | None:
    return read_budget(CIMultiDict({k.replace("_", "-"): v for k, v in headers.items()}), 1e9)


def test_ietf_structured_fields():
    headers = {"RateLimit": '"default";r=50;t=30', "RateLimit-Policy": '"default";q=100;w=60'}
    got = read_budget(CIMultiDict(headers))
    assert got == Budget(limit=100, window=60, remaining=50, reset=30, source="RateLimit")
    assert got.sustained_rate == 100 / 60


def test_the_first_of_several_policies_is_followed():
    got = read_budget(CIMultiDict({"RateLimit-Policy": '"burst";q=10;w=1, "day";q=5000;w=86400'}))
    assert (got.limit, got.window) == (10, 1)


def test_older_draft_and_github_style_fields():
    assert budget(RateLimit_Limit="10", RateLimit_Remaining="3", RateLimit_Reset="7") == Budget(
        limit=10, remaining=3, reset=7, source="RateLimit-*"
    )
    got = budget(X_RateLimit_Limit="5000", X_RateLimit_Remaining="4999", X_RateLimit_Reset="7")
    assert (got.limit, got.remaining, got.reset, got.sustained_rate) == (5000, 4999, 7, None)


def test_an_absolute_reset_is_made_relative():
    got = budget(X_RateLimit_Remaining="1", X_RateLimit_Reset=str(int(1e9) + 90))
    assert got.reset == 90


def test_shopify_leaky_bucket():
    got = read_budget(CIMultiDict({"X-Shopify-Shop-Api-Call-Limit": "32/40"}))
    assert (got.limit, got.remaining, got.window) == (40, 8, 20)
    assert got.sustained_rate == 2.0  # Shopify's documented leak for a bucket of 40


def test_no_budget_and_unreadable_values():
    assert read_budget(CIMultiDict({"Content-Type": "application/json"})) is None
    assert budget(X_RateLimit_Remaining="lots") is None
    assert read_budget(CIMultiDict({"X-Shopify-Shop-Api-Call-Limit": "1/0"})) is None
    assert read_budget(CIMultiDict({"RateLimit": "r=5"})) is None  # no ';': not a parameter


NAMES = st.sampled_from(
    [
        "RateLimit", "RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining",
        "RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
        "X-Shopify-Shop-Api-Call-Limit", "Retry-After",
    ]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=60),
    st.from_regex(r'"[a-z]*";[qrtw]=-?[0-9]{0,20}(\.[0-9]{0,12})?(;[qrtw]=[0-9e+.]{0,20})*'),
    st.from_regex(r"[0-9]{0,25}/[0-9]{0,25}"),
    st.from_regex(r"[0-9]{0,30}(\.[0-9]{0,30})?"),
)


@given(st.dictionaries(NAMES, VALUES, max_size=6), st.floats(allow_nan=True))
def test_never_raises_and_gives_finite_non_negative_numbers(headers, now):
    got = read_budget(CIMultiDict(headers), now)
    if got is None:
        return
    for value in (got.limit, got.window, got.remaining, got.reset):
        assert value is None or (value >= 0 and value < float("inf"))
    rate = got.sustained_rate
    assert rate is None or rate >= 0


@pytest.mark.parametrize(
    "name",
    ["ratelimit-policy", "RATELIMIT", "x-ratelimit-remaining", "X-SHOPIFY-SHOP-API-CALL-LIMIT",
     "RateLimit-Limit"],
)  # fmt: skip
def test_a_budget_field_in_any_case_among_other_headers_is_read(name):
    values = {"ratelimit-policy": '"burst";q=10;w=1', "ratelimit": '"default";r=3;t=1',
              "x-ratelimit-remaining": "3", "x-shopify-shop-api-call-limit": "37/40",
              "ratelimit-limit": "10"}  # fmt: skip
    headers = CIMultiDict(
        {"Content-Type": "application/json", "Date": "x", name: values[name.lower()]}
    )
    assert read_budget(headers, 1e9) is not None


def test_answers_without_budget_fields_advertise_none():
    assert read_budget(CIMultiDict({"Content-Type": "application/json", "X-Limit": "5"})) is None
    assert read_budget({}) is None

"""Hypothesis strategies for what a result can hold: any text, any number, any JSON.

Shared by the exporters' property tests (``test_export_values.py``,
``test_json_output.py``).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from inventory_gui.core.models import Previous, Result
from inventory_gui.core.stock import StockContext, StockRules

CHARACTERS = st.one_of(
    st.characters(exclude_categories=()),  # surrogates and controls included
    st.sampled_from(["\x00", "\udc80", "\ud800", "\u202e", "\r", "\n", "\t", "=", "-", "\ufffe"]),
)
TEXT = st.text(CHARACTERS, max_size=30)
NUMBERS = st.one_of(
    st.integers(),
    # as powers: hypothesis prints its strategies, and int's repr refuses 5,000 digits
    st.tuples(st.sampled_from([1, -1]), st.sampled_from([15, 18, 400, 5000])).map(
        lambda sign_power: sign_power[0] * 10 ** sign_power[1]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
)
JSON_LIKE = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
RESULTS = st.lists(
    st.builds(
        Result,
        id=TEXT,
        status=st.sampled_from(["ok", "error", "cancelled"]),
        http_status=st.none() | st.integers(100, 599),
        quantity=st.none() | NUMBERS,
        latency_ms=st.none() | st.floats(0, 1e6),
        attempts=st.integers(0, 10),
        error=st.none() | TEXT,
        checked_at=st.none() | TEXT,
        fields=st.dictionaries(TEXT, TEXT, max_size=3),
        response=JSON_LIKE,
    ),
    max_size=5,
)
PREVIOUS = st.builds(Previous, quantity=st.none() | NUMBERS, checked_at=TEXT)
RULES = st.builds(
    StockRules,
    low_threshold=st.none() | NUMBERS,
    threshold_columns=st.lists(TEXT, max_size=2).map(tuple),
)


@st.composite
def runs(draw: st.DrawFn) -> tuple[list[Result], StockContext]:
    """Results, and stock rules with a previous check (of any value) for some of them."""
    results = draw(RESULTS)
    previous = {r.id: draw(PREVIOUS) for r in results if draw(st.booleans())}
    return results, StockContext(draw(RULES), previous)


PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

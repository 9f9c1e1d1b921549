"""Fixtures of the real-API tests: Prism serving StockTrim's published API description."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.real_apis.tools import Prism, Unavailable, prism_mock, stocktrim_spec


@pytest.fixture(scope="module")
def stocktrim_prism() -> Iterator[Prism]:
    """``prism mock --errors`` on StockTrim's document: requests are validated against it."""
    try:
        spec = stocktrim_spec()
        with prism_mock(spec, "--errors") as prism:
            yield prism
    except Unavailable as exc:
        pytest.skip(str(exc))

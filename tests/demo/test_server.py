"""The demo inventory API, the bundled catalogue and the sample lists.

Every test talks to a real server on loopback through ``aiohttp.ClientSession``.
"""

from __future__ import annotations

import asyncio
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
import pytest_asyncio
from openpyxl import load_workbook
from yarl import URL

from inventory_gui.core.resources import load_catalogue, resource_path
from inventory_gui.demo.server import (
    FAULT_HEADER,
    FAULT_KINDS,
    ROUTE_PREFIX,
    DemoConfig,
    DemoServer,
    drifted_quantity,
    start_demo_server,
)

# Declared in resources/make_samples.py: sample IDs that are not in the catalogue.
UNKNOWN_SAMPLE_IDS = {"zz9plur", "000999", "7", "AB/13"}
AWKWARD_IDS = ["007", "0042", "000123", "12345", "AB/12", "size M", "café-01", "50%off", "x+y?"]
T0 = 1_717_000_000.0  # a multiple of 5: bucket boundaries fall on whole steps

StartServer = Callable[..., Awaitable[DemoServer]]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in load_catalogue()}


@pytest_asyncio.fixture
async def start() -> AsyncIterator[StartServer]:
    """Start demo servers on loopback; all are closed after the test."""
    servers: list[DemoServer] = []

    async def make(**config: Any) -> DemoServer:
        server = await start_demo_server(DemoConfig(**config))
        servers.append(server)
        return server

    yield make
    for server in servers:
        await server.close()


@pytest_asyncio.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


def product_url(server: DemoServer, product_id: str) -> URL:
    """The URL of one product, its ID encoded as one path segment."""
    return URL(server.url + ROUTE_PREFIX + quote(product_id, safe=""), encoded=True)


async def get(session: aiohttp.ClientSession, url: URL | str) -> tuple[int, Any, Any]:
    """``(status, JSON body, headers)`` of a GET."""
    async with session.get(url) as response:
        return response.status, await response.json(), response.headers


# -- the inventory route --------------------------------------------------------------


@pytest.mark.asyncio
async def test_known_id_answers_its_product(start, session, catalogue) -> None:
    server = await start(drift=False)
    product = catalogue["12345"]
    status, body, _ = await get(session, product_url(server, "12345"))
    assert status == 200
    assert body["id"] == "12345"
    assert body["quantity"] == product["quantity"]
    assert {k: body[k] for k in ("name", "warehouse", "category")} == {
        k: product[k] for k in ("name", "warehouse", "category")
    }
    assert body["updated_at"].endswith("Z")


@pytest.mark.asyncio
async def test_url_template_serves_products(start, session, catalogue) -> None:
    server = await start()
    product_id = next(iter(catalogue))
    url = URL(server.url_template.replace("{id}", quote(product_id, safe="")), encoded=True)
    assert server.url_template == f"http://127.0.0.1:{server.port}/get-current-inventory/{{id}}"
    status, body, _ = await get(session, url)
    assert (status, body["id"]) == (200, product_id)
    assert body["quantity"] >= 0


@pytest.mark.asyncio
async def test_unknown_id_is_404_with_json(start, session) -> None:
    server = await start()
    status, body, _ = await get(session, product_url(server, "zz9plur"))
    assert status == 404
    assert body == {"error": "unknown product", "id": "zz9plur"}


@pytest.mark.asyncio
@pytest.mark.parametrize("product_id", AWKWARD_IDS)
async def test_awkward_ids_are_found_when_encoded(start, session, product_id) -> None:
    server = await start()
    status, body, _ = await get(session, product_url(server, product_id))
    assert (status, body["id"]) == (200, product_id)


@pytest.mark.asyncio
async def test_encoded_slash_stays_in_the_id(start, session) -> None:
    server = await start()
    url = URL(f"{server.url}/get-current-inventory/AB%2F12", encoded=True)
    status, body, _ = await get(session, url)
    assert (status, body["id"]) == (200, "AB/12")


@pytest.mark.asyncio
async def test_unencoded_slash_is_not_found(start, session) -> None:
    server = await start()
    status, body, _ = await get(session, f"{server.url}/get-current-inventory/AB/12")
    assert status == 404
    assert body["id"] == "AB/12"


@pytest.mark.asyncio
async def test_leading_zeros_matter(start, session) -> None:
    server = await start()
    assert (await get(session, product_url(server, "007")))[0] == 200
    assert (await get(session, product_url(server, "7")))[0] == 404


@pytest.mark.asyncio
async def test_health(start, session) -> None:
    server = await start()
    status, body, _ = await get(session, server.url + "/health")
    assert (status, body) == (200, {"ok": True})


# -- faults and latency -----------------------------------------------------------------


async def fault_sequence(session: aiohttp.ClientSession, server: DemoServer, n: int) -> list[str]:
    """Make ``n`` requests one by one; check each fault's answer; return the kinds."""
    kinds = []
    for _ in range(n):
        status, _, headers = await get(session, product_url(server, "007"))
        kind = headers[FAULT_HEADER]
        assert status == (200 if kind == "slow" else int(kind))
        if status in (429, 503):
            assert headers["Retry-After"] == "1"
        kinds.append(kind)
    return kinds


@pytest.mark.asyncio
async def test_error_rate_one_gives_every_fault_class(start, session) -> None:
    server = await start(error_rate=1.0, seed=7, slow_seconds=0.01)
    kinds = await fault_sequence(session, server, 40)
    assert set(kinds) == set(FAULT_KINDS)
    assert Counter(kinds) == Counter(server.stats.faults)


@pytest.mark.asyncio
async def test_faults_are_reproducible_with_a_seed(start, session) -> None:
    first = await start(error_rate=1.0, seed=3, slow_seconds=0.0)
    second = await start(error_rate=1.0, seed=3, slow_seconds=0.0)
    assert await fault_sequence(session, first, 12) == await fault_sequence(session, second, 12)


@pytest.mark.asyncio
async def test_error_rate_zero_never_faults(start, session) -> None:
    server = await start(seed=1)
    for _ in range(20):
        status, _, headers = await get(session, product_url(server, "007"))
        assert status == 200
        assert FAULT_HEADER not in headers
    assert sum(server.stats.faults.values()) == 0


@pytest.mark.asyncio
async def test_slow_fault_outlasts_client_timeout_and_is_cancelled(start, session) -> None:
    server = await start(error_rate=1.0, seed=5, slow_seconds=30.0)
    timeout = aiohttp.ClientTimeout(total=0.3)
    for _ in range(30):
        try:
            async with session.get(product_url(server, "007"), timeout=timeout) as response:
                await response.read()
        except TimeoutError:
            break
    else:
        pytest.fail("no slow fault in 30 requests")
    for _ in range(100):  # the client hung up: the server ends the handler
        if server.stats.in_flight == 0:
            break
        await asyncio.sleep(0.02)
    assert server.stats.in_flight == 0
    started = time.monotonic()
    await server.close()
    assert time.monotonic() - started < 2.0


@pytest.mark.asyncio
async def test_latency_delays_answers(start, session) -> None:
    server = await start(latency_ms=150.0, jitter_ms=50.0, seed=2)
    started = time.monotonic()
    await get(session, product_url(server, "007"))
    assert time.monotonic() - started >= 0.095


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="error_rate"):
        DemoConfig(error_rate=1.5)
    with pytest.raises(ValueError, match="latency_ms"):
        DemoConfig(latency_ms=-1.0)


# -- drift --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_quantity_drifts_across_buckets_only(start, session, catalogue) -> None:
    clock = FakeClock()
    server = await start(clock=clock)
    busy = [pid for pid, p in catalogue.items() if p["quantity"] > 100][:5]
    seen: dict[str, list[int]] = {pid: [] for pid in busy}
    for step in range(10):
        clock.now = T0 + 5.0 * step
        for pid in busy:
            _, body, _ = await get(session, product_url(server, pid))
            seen[pid].append(body["quantity"])
            clock.now += 4.9  # same bucket: same answer
            assert (await get(session, product_url(server, pid)))[1]["quantity"] == seen[pid][-1]
            clock.now -= 4.9
    assert all(len(set(quantities)) > 1 for quantities in seen.values())


@pytest.mark.asyncio
async def test_updated_at_is_the_bucket_start(start, session) -> None:
    server = await start(clock=FakeClock(T0 + 7.5))
    _, body, _ = await get(session, product_url(server, "007"))
    assert body["updated_at"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(T0 + 5.0))


@pytest.mark.asyncio
async def test_no_drift_answers_catalogue_quantities(start, session, catalogue) -> None:
    clock = FakeClock()
    server = await start(drift=False, clock=clock)
    for step in range(5):
        clock.now = T0 + 5.0 * step
        _, body, _ = await get(session, product_url(server, "000123"))
        assert body["quantity"] == catalogue["000123"]["quantity"]


def test_drift_never_negative_and_some_products_sell_out_and_return(catalogue) -> None:
    bucket0 = int(T0 // 5)
    came_back = 0
    for pid, product in catalogue.items():
        series = [drifted_quantity(pid, product["quantity"], bucket0 + b) for b in range(60)]
        assert min(series) >= 0
        zero_at = [i for i, q in enumerate(series) if q == 0]
        if zero_at and any(q > 0 for q in series[zero_at[0] :]):
            came_back += 1
    assert came_back >= 10


# -- stats --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_stats_count_inventory_requests(start, session) -> None:
    server = await start()
    for pid in ("007", "zz9plur", "AB/12"):
        await get(session, product_url(server, pid))
    await get(session, server.url + "/health")
    status, body, _ = await get(session, server.url + "/stats")
    assert status == 200
    assert body["requests_total"] == 3
    assert body["in_flight"] == 0
    assert body["max_in_flight"] == 1
    assert body["products"] == 300


@pytest.mark.asyncio
async def test_stats_track_concurrency(start, session) -> None:
    server = await start(latency_ms=300.0)
    await asyncio.gather(*(get(session, product_url(server, "007")) for _ in range(10)))
    assert server.stats.max_in_flight == 10
    assert server.stats.in_flight == 0
    assert server.stats.requests_total == 10


# -- bundled files ------------------------------------------------------------------------


def test_catalogue_is_plausible(catalogue) -> None:
    products = list(catalogue.values())
    assert len(products) == 300
    assert all(isinstance(p["id"], str) for p in products)
    assert any(p["quantity"] == 0 for p in products)
    assert any(0 < p["quantity"] < p["reorder_point"] for p in products)
    assert set(AWKWARD_IDS) <= set(catalogue)
    assert not UNKNOWN_SAMPLE_IDS & set(catalogue)


def sample_ids() -> dict[str, list[str]]:
    """The ID column of each sample file, as text."""
    with resource_path("sample-products.csv").open(encoding="utf-8", newline="") as handle:
        csv_ids = [row["id"] for row in csv.DictReader(handle)]
    items = json.loads(resource_path("sample-products.json").read_text(encoding="utf-8"))
    workbook = load_workbook(resource_path("sample-products.xlsx"), read_only=True)
    try:
        rows = list(workbook.active.iter_rows(min_row=2, max_col=1, values_only=True))
    finally:
        workbook.close()
    return {
        "csv": csv_ids,
        "json": [item["id"] for item in items],
        "xlsx": [str(cell) for (cell,) in rows],
    }


@pytest.mark.parametrize("kind", ["csv", "json", "xlsx"])
def test_sample_ids_are_known_or_declared_unknown(kind, catalogue) -> None:
    ids = sample_ids()[kind]
    assert 50 <= len(ids) <= 70
    assert set(ids) <= set(catalogue) | UNKNOWN_SAMPLE_IDS
    assert 3 <= len(set(ids) & UNKNOWN_SAMPLE_IDS) <= 4
    duplicates = [pid for pid, n in Counter(ids).items() if n > 1]
    assert len(duplicates) == 1
    assert duplicates[0] in catalogue
    assert {"007", "000123", "AB/12", "café-01"} <= set(ids)


def test_xlsx_ids_are_text_except_one_number() -> None:
    workbook = load_workbook(resource_path("sample-products.xlsx"), read_only=True)
    try:
        rows = list(workbook.active.iter_rows(values_only=True))
    finally:
        workbook.close()
    assert rows[0] == ("id", "name", "reorder_point")
    numeric = [row[0] for row in rows[1:] if not isinstance(row[0], str)]
    assert numeric == [12345]


def test_csv_has_the_documented_columns() -> None:
    with resource_path("sample-products.csv").open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["id", "name", "reorder_point"]


def test_json_sample_is_a_list_of_id_and_name() -> None:
    items = json.loads(resource_path("sample-products.json").read_text(encoding="utf-8"))
    assert all(set(item) == {"id", "name"} for item in items)


# -- resource lookup ------------------------------------------------------------------------


def test_missing_resource_names_the_places_searched() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such-file\.txt.*looked in"):
        resource_path("no-such-file.txt")


def test_frozen_bundle_resources_come_first(monkeypatch, tmp_path: Path) -> None:
    bundled = tmp_path / "inventory_gui" / "resources" / "catalogue.json"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("[]", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("catalogue.json") == bundled
    assert load_catalogue() == []

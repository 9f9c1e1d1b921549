"""The fetcher against real loopback servers: one test per fault class."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import resource
from urllib.parse import quote

import aiohttp
import pytest
from aiohttp import web

from inventory_gui.core.fetch import fetcher as fetcher_module
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result
from tests.loopback import product_id, stock_handler, wait_forever

pytestmark = pytest.mark.asyncio


def products(*ids: str, **fields: str) -> list[Product]:
    return [Product(i, dict(fields)) for i in ids]


class RecordingSleep:
    """Stands in for asyncio.sleep between retries; records the delays asked for."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


async def test_results_in_input_order_with_fields_and_callback(make_api):
    api = await make_api(stock_handler)
    seen: list[tuple[int, str]] = []
    items = [Product(f"p{i}", {"name": f"n{i}"}) for i in range(50)]
    fetcher = Fetcher(FetchSettings(api.template, concurrency=7))
    results = await fetcher.run(items, lambda i, r: seen.append((i, r.id)))
    assert [r.id for r in results] == [p.id for p in items]
    assert all(r.status == "ok" and r.attempts == 1 and r.http_status == 200 for r in results)
    assert results[12].quantity == len("p12")
    assert results[12].fields == {"name": "n12"}
    assert results[0].checked_at.endswith("Z")
    assert results[0].response == {"id": "p0", "quantity": 2}
    assert sorted(seen) == [(i, f"p{i}") for i in range(50)]


async def test_ids_are_percent_encoded_as_one_segment(make_api):
    api = await make_api(stock_handler)
    ids = ["a/b", "x?y", "50%", "café", "sp ace", "h#sh", "007"]
    results = await Fetcher(FetchSettings(api.template)).run(products(*ids))
    assert [r.status for r in results] == ["ok"] * len(ids)
    assert [r.response["id"] for r in results] == ids
    expected = {"/get-current-inventory/" + quote(i, safe="") for i in ids}
    assert set(api.requests) == expected
    assert "/get-current-inventory/a%2Fb" in api.requests


async def test_query_placeholder_is_encoded_as_a_value(make_api):
    api = await make_api(stock_handler)
    template = f"{api.base}/stock?sku={{id}}&store={{store}}"
    result = (await Fetcher(FetchSettings(template)).run(products("a&b=c", store="N 1")))[0]
    assert result.status == "ok"
    assert api.requests == ["/stock?sku=a%26b%3Dc&store=N%201"]


async def test_dot_segments_become_errors_and_are_never_sent(make_api):
    api = await make_api(stock_handler)
    results = await Fetcher(FetchSettings(api.template)).run(products(".", "..", "ok"))
    assert [r.status for r in results] == ["error", "error", "ok"]
    assert "path segment" in results[0].error
    assert results[0].attempts == 0
    assert api.requests == ["/get-current-inventory/ok"]


async def test_404_is_an_error_without_retry(make_api):
    async def handler(request, api):
        return web.json_response({"error": "unknown product"}, status=404)

    api = await make_api(handler)
    result = (await Fetcher(FetchSettings(api.template)).run(products("nope")))[0]
    assert (result.status, result.http_status, result.attempts) == ("error", 404, 1)
    assert result.error == "HTTP 404 Not Found: unknown product"
    assert result.quantity is None


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried_then_succeed(make_api, status):
    async def handler(request, api):
        if len(api.requests) <= 2:
            return web.Response(status=status, text="busy")
        return web.json_response({"qty": "12"})

    api = await make_api(handler)
    sleep = RecordingSleep()
    fetcher = Fetcher(FetchSettings(api.template, retries=3), sleep=sleep, rng=random.Random(1))
    result = (await fetcher.run(products("x")))[0]
    assert (result.status, result.attempts, result.quantity) == ("ok", 3, 12)
    # Full jitter: each delay lies in [0, base * 2**(attempt-1)].
    assert len(sleep.delays) == 2
    assert 0 <= sleep.delays[0] <= 0.5
    assert 0 <= sleep.delays[1] <= 1.0


async def test_retries_exhausted_keep_last_status(make_api):
    async def handler(request, api):
        return web.Response(status=500, text="<html>boom</html>")

    api = await make_api(handler)
    fetcher = Fetcher(FetchSettings(api.template, retries=2), sleep=RecordingSleep())
    result = (await fetcher.run(products("x")))[0]
    assert (result.status, result.http_status, result.attempts) == ("error", 500, 3)
    assert result.error.startswith("HTTP 500 Internal Server Error")
    assert api.count("x") == 3


async def test_retry_after_seconds_and_date_are_honoured_and_capped(make_api):
    answers = iter(
        [
            ("503", {"Retry-After": "2"}),
            ("429", {"Retry-After": "Wed, 21 Oct 2065 07:28:00 GMT"}),
            ("200", {}),
        ]
    )

    async def handler(request, api):
        status, headers = next(answers)
        if status == "200":
            return web.json_response({"quantity": 1})
        return web.Response(status=int(status), headers=headers)

    api = await make_api(handler)
    sleep = RecordingSleep()
    # Without adaptation the row sleeps the Retry-After itself; with it, the rate
    # controller pauses the whole run instead (test_fetcher_rate_limits.py).
    settings = FetchSettings(api.template, adaptive=False)
    result = (await Fetcher(settings, sleep=sleep).run(products("x")))[0]
    assert result.status == "ok"
    assert sleep.delays == [2.0, 60.0]


async def test_other_4xx_are_not_retried(make_api):
    async def handler(request, api):
        return web.Response(status=401, text="who are you")

    api = await make_api(handler)
    result = (await Fetcher(FetchSettings(api.template)).run(products("x")))[0]
    assert (result.status, result.attempts) == ("error", 1)
    assert result.error == "HTTP 401 Unauthorized: who are you"


async def test_timeout_is_retried_then_reported(make_api):
    api = await make_api(wait_forever)
    settings = FetchSettings(api.template, timeout=0.2, retries=1)
    result = (await Fetcher(settings, sleep=RecordingSleep()).run(products("slow")))[0]
    assert (result.status, result.attempts, result.http_status) == ("error", 2, None)
    assert result.error == "timed out after 0.2 s"


async def test_connection_refused(make_api):
    api = await make_api(stock_handler)
    template = api.template
    await api.close()
    settings = FetchSettings(template, retries=1)
    result = (await Fetcher(settings, sleep=RecordingSleep()).run(products("x")))[0]
    assert (result.status, result.attempts) == ("error", 2)
    assert result.error.startswith("connection failed: 127.0.0.1:")


async def test_server_dropping_the_connection(make_api):
    async def handler(request, api):
        request.transport.close()
        await asyncio.sleep(0)
        return web.Response()

    api = await make_api(handler)
    settings = FetchSettings(api.template, retries=0)
    result = (await Fetcher(settings).run(products("x")))[0]
    assert result.status == "error"
    assert result.error.startswith(("connection broken", "network error"))


async def test_non_json_body_names_content_type_and_first_bytes(make_api):
    async def handler(request, api):
        return web.Response(text="<html><body>maintenance</body></html>", content_type="text/html")

    api = await make_api(handler)
    result = (await Fetcher(FetchSettings(api.template)).run(products("x")))[0]
    assert result.status == "error"
    assert result.error.startswith("HTTP 200: not JSON (text/html): b'<html><body>")


async def test_declared_large_body_is_not_read(make_api):
    async def handler(request, api):
        return web.Response(body=b"x" * 2048, content_type="application/json")

    api = await make_api(handler)
    settings = FetchSettings(api.template, max_body_bytes=1024)
    result = (await Fetcher(settings).run(products("x")))[0]
    assert result.status == "error"
    assert result.error == "HTTP 200: response larger than 1 KiB, not read"


async def test_streamed_200_mib_body_stops_at_the_cap_without_growing_memory(make_api):
    chunk = b" " * (1024 * 1024)
    sent = 0

    async def handler(request, api):
        nonlocal sent
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(200):
                await response.write(chunk)
                sent += len(chunk)
        except (ConnectionResetError, aiohttp.ClientConnectionResetError):
            pass
        return response

    api = await make_api(handler)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    settings = FetchSettings(api.template, max_body_bytes=5 * 1024 * 1024, retries=0)
    result = (await Fetcher(settings).run(products("big")))[0]
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.status == "error"
    assert result.error == "HTTP 200: response larger than 5 MiB, not read"
    assert sent < 200 * len(chunk)
    assert (peak_after - peak_before) * 1024 < 40 * 1024 * 1024


async def test_concurrency_bound_holds(make_api):
    release = asyncio.Event()

    async def handler(request, api):
        if api.in_flight >= 5:
            release.set()
        await release.wait()
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    results = await Fetcher(FetchSettings(api.template, concurrency=5)).run(
        products(*[f"p{i}" for i in range(60)])
    )
    assert all(r.status == "ok" for r in results)
    assert api.max_in_flight == 5
    assert len(api.requests) == 60


async def test_workers_start_spread_out_not_in_lock_step(make_api):
    # Held answers keep each worker on its first product, so each arrival time
    # is one worker's first request.  Started together, all 50 leave within a
    # few ms once every connection is open; the ramp spreads them over 49 steps.
    arrivals: list[float] = []
    everyone = asyncio.Event()

    async def handler(request, api):
        arrivals.append(asyncio.get_running_loop().time())
        if len(arrivals) == 50:
            everyone.set()
        await everyone.wait()
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    results = await Fetcher(FetchSettings(api.template, concurrency=50)).run(
        products(*[f"p{i}" for i in range(50)])
    )
    assert all(r.status == "ok" for r in results)
    assert arrivals[-1] - arrivals[0] >= 49 * fetcher_module._RAMP_STEP_S / 2


async def test_cancel_during_the_ramp_ends_every_row_cancelled(make_api):
    api = await make_api(wait_forever)
    fetcher = Fetcher(FetchSettings(api.template, concurrency=100))
    task = asyncio.ensure_future(fetcher.run(products(*[f"p{i}" for i in range(300)])))
    await api.wait_in_flight(1)  # the first worker has sent; most still wait their turn
    fetcher.cancel()
    results = await task
    assert [r.status for r in results] == ["cancelled"] * 300
    assert all(r.checked_at for r in results)


async def test_quantity_field_path_and_defaults(make_api):
    async def handler(request, api):
        pid = product_id(request)
        bodies = {
            "nested": {"stock": {"available": "7"}},
            "missing": {"name": "x"},
            "bad": {"stock": {"available": "lots"}},
        }
        return web.json_response(bodies[pid])

    api = await make_api(handler)
    settings = FetchSettings(api.template, quantity_field="stock.available")
    results = await Fetcher(settings).run(products("nested", "missing", "bad"))
    assert (results[0].status, results[0].quantity) == ("ok", 7)
    assert (results[1].status, results[1].quantity) == ("ok", None)
    assert results[2].status == "error"
    assert "not a number" in results[2].error


async def test_headers_are_sent_and_secret_never_in_errors(make_api):
    secret = "sk-live-SECRET-123"

    async def handler(request, api):
        if request.headers.get("Authorization") != f"Bearer {secret}":
            return web.Response(status=403)
        return web.Response(status=500, text=f"echo {request.headers.get('X-Api-Key')}")

    api = await make_api(handler)
    headers = {"Authorization": f"Bearer {secret}", "X-Api-Key": "other"}
    settings = FetchSettings(api.template, headers=headers, retries=0)
    result = (await Fetcher(settings).run(products("x")))[0]
    assert api.headers[0]["Authorization"] == f"Bearer {secret}"
    assert result.http_status == 500
    assert secret not in json.dumps(dataclasses.asdict(result))


async def fast_or_never(request, api):
    """IDs starting "fast" answer at once; the others never do."""
    if product_id(request).startswith("fast"):
        return web.json_response({"quantity": 1})
    await asyncio.Event().wait()
    raise AssertionError


async def test_cancel_marks_unfinished_rows_and_closes_cleanly(make_api, caplog):
    api = await make_api(fast_or_never)
    ids = [f"fast{i}" for i in range(3)] + [f"slow{i}" for i in range(20)]
    fetcher = Fetcher(FetchSettings(api.template, concurrency=4))
    reported: dict[int, str] = {}

    def on_result(index, result):
        reported[index] = result.status

    caplog.set_level(logging.DEBUG, logger="asyncio")
    task = asyncio.ensure_future(fetcher.run(products(*ids), on_result))
    await api.wait_in_flight(4)
    fetcher.cancel()
    results = await task
    assert [r.status for r in results[:3]] == ["ok"] * 3
    assert {r.status for r in results[3:]} == {"cancelled"}
    assert len(reported) == len(ids)
    assert all(r.checked_at for r in results)
    assert len(api.requests) == 7  # 3 fast + 4 in flight; no new request after cancel
    assert sum(r.attempts for r in results[3:]) == 4
    assert "destroyed but it is pending" not in caplog.text
    assert "Unclosed" not in caplog.text


async def test_results_not_kept_still_reach_the_callback_cancelled_ones_included(make_api):
    api = await make_api(fast_or_never)
    ids = [f"fast{i}" for i in range(3)] + [f"slow{i}" for i in range(10)]
    fetcher = Fetcher(FetchSettings(api.template, concurrency=4))
    reported: dict[int, Result] = {}
    task = asyncio.ensure_future(
        fetcher.run(products(*ids), reported.__setitem__, keep_results=False)
    )
    await api.wait_in_flight(4)
    fetcher.cancel()
    assert await task == []  # nothing kept
    assert sorted(reported) == list(range(13))
    assert [reported[i].status for i in range(3)] == ["ok"] * 3
    assert {reported[i].status for i in range(3, 13)} == {"cancelled"}
    assert sum(reported[i].attempts for i in range(3, 13)) == 4  # the ones cut off mid-request


async def test_outside_cancellation_finalises_rows_then_propagates(make_api):
    api = await make_api(wait_forever)
    seen: list[str] = []
    fetcher = Fetcher(FetchSettings(api.template, concurrency=2))
    task = asyncio.ensure_future(
        fetcher.run(products("a", "b", "c"), lambda i, r: seen.append(r.status))
    )
    await api.wait_in_flight(2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == ["cancelled"] * 3


async def test_injected_session_is_used_and_left_open(make_api):
    api = await make_api(stock_handler)
    async with aiohttp.ClientSession(headers={"X-From": "injected"}) as session:
        result = (await Fetcher(FetchSettings(api.template), session=session).run(products("a")))[0]
        assert not session.closed
    assert result.status == "ok"
    assert api.headers[0]["X-From"] == "injected"


async def test_empty_list_returns_no_results():
    assert await Fetcher(FetchSettings("http://127.0.0.1:9/{id}")).run([]) == []

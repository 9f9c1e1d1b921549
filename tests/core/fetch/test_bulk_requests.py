"""Methods, bodies and batches against real loopback servers (aiohttp.web)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.fetcher import Fetcher, FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.core.stock import Stock, StockRules

pytestmark = pytest.mark.asyncio

Answer = Callable[["Seen"], Awaitable[web.StreamResponse]]


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path_qs: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Api:
    """A loopback API taking any method; records every request."""

    answer: Answer
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    base: str = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        seen = Seen(request.method, request.raw_path, dict(request.headers), await request.read())
        self.seen.append(seen)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self.answer(seen)
        finally:
            self.in_flight -= 1


@pytest_asyncio.fixture
async def serve() -> AsyncIterator[Callable[[Answer], Awaitable[Api]]]:
    runners: list[web.AppRunner] = []

    async def start(answer: Answer) -> Api:
        api = Api(answer)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", api.handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        runners.append(runner)
        api.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        return api

    yield start
    for runner in runners:
        await runner.cleanup()


class NoSleep:
    """Stands in for asyncio.sleep between retries."""

    async def __call__(self, seconds: float) -> None:
        return None


def products(*ids: str, **fields: str) -> list[Product]:
    return [Product(i, dict(fields)) for i in ids]


def counts_for(ids: list[str], per_id: int = 1) -> dict[str, Any]:
    """A Square-like batch answer: per-location counts, quantities as text."""
    records = [
        {"catalog_object_id": i, "location_id": f"L{k}", "quantity": str(len(i) + k)}
        for i in ids
        for k in range(per_id)
    ]
    return {"counts": records}


# -- methods and bodies -------------------------------------------------------------


async def test_post_sends_the_filled_json_body_with_its_content_type(serve):
    async def answer(seen: Seen) -> web.Response:
        assert seen.method == "POST"
        assert seen.headers["Content-Type"] == "application/json"
        body = seen.json()  # the server refuses anything that is not JSON
        return web.json_response({"quantity": len(body["sku"]), "echo": body})

    api = await serve(answer)
    settings = FetchSettings(
        api.base + "/stock", method="POST", body='{"sku": {id}, "store": {store}, "n": 1}'
    )
    ids = ['quo"te', "back\\slash", "café", "new\nline", "7"]
    results = await Fetcher(settings).run(products(*ids, store="S 1"))
    assert [r.status for r in results] == ["ok"] * len(ids), [r.error for r in results]
    assert [r.response["echo"] for r in results] == [
        {"sku": i, "store": "S 1", "n": 1} for i in ids
    ]
    assert {s.path_qs for s in api.seen} == {"/stock"}


async def test_a_content_type_header_wins_over_the_default(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"quantity": 1, "type": seen.headers["Content-Type"]})

    api = await serve(answer)
    settings = FetchSettings(
        api.base + "/s/{id}",
        method="PUT",
        body="{}",
        headers={"content-type": "application/vnd.api+json"},
    )
    [result] = await Fetcher(settings).run(products("a"))
    assert result.response["type"] == "application/vnd.api+json"
    assert api.seen[0].method == "PUT"


async def test_get_sends_no_body_and_no_content_type(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"quantity": 2})

    api = await serve(answer)
    [result] = await Fetcher(FetchSettings(api.base + "/s/{id}")).run(products("a"))
    assert result.status == "ok"
    assert api.seen[0].method == "GET"
    assert api.seen[0].body == b""
    assert "Content-Type" not in api.seen[0].headers


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"body": '{"id": {id}'}, "body is not valid JSON"),
        ({"body": "{id} {id}"}, "body is not valid JSON"),
        ({"method": "GET", "body": '{"id": {id}}'}, "needs method POST"),
        ({"method": "DELETE"}, "method must be one of GET, POST, PUT, PATCH"),
        ({"batch_size": 5}, "batch size 5 needs {ids}"),
        ({"batch_size": 5, "url_template": "http://h/s?ids={ids}&x={id}"}, "not {id}"),
        ({"batch_size": 0}, "batch size must be 1 to 1000"),
        ({"batch_size": 1001}, "batch size must be 1 to 1000"),
        ({"quantity_field": "counts[?"}, "quantity field 'counts[?' is not a valid path"),
        ({"items": "a[", "batch_size": 2, "url_template": "http://h/?{ids}"}, "items 'a['"),
        ({"body": "{}", "url_template": "http://h/s"}, "needs a placeholder"),
    ],
)
async def test_settings_no_run_can_use_are_refused_in_one_line(changes, needle):
    settings = {"url_template": "http://h/s/{id}", "method": "POST"} | changes
    if "body" not in changes and settings["method"] == "POST" and "{" in settings["url_template"]:
        settings["method"] = changes.get("method", "GET")
    with pytest.raises(SettingsError) as caught:
        FetchSettings(**settings).validate()
    assert needle in str(caught.value)
    assert "\n" not in str(caught.value)


# -- batches ------------------------------------------------------------------------


def bulk_answer(per_id: int = 1, skip: frozenset[str] = frozenset()) -> Answer:
    async def answer(seen: Seen) -> web.Response:
        ids = [i for i in seen.json()["catalog_object_ids"] if i not in skip]
        return web.json_response(counts_for(ids, per_id))

    return answer


def bulk_settings(base: str, **changes: Any) -> FetchSettings:
    values: dict[str, Any] = {
        "url_template": base + "/v2/inventory/counts/batch-retrieve",
        "method": "POST",
        "body": '{"catalog_object_ids": {ids}, "states": ["IN_STOCK"]}',
        "batch_size": 3,
        "items": "counts",
        "item_id": "catalog_object_id",
        "quantity_field": "quantity",
    }
    return FetchSettings(**(values | changes))


async def test_a_bulk_post_splits_the_answer_back_with_missing_and_repeated_records(serve):
    api = await serve(bulk_answer(per_id=3, skip=frozenset({"gone"})))
    ids = ["a", "bb", "gone", "dddd", "e/5", "ff"]
    results = await Fetcher(bulk_settings(api.base)).run(products(*ids))
    assert [s.json()["catalog_object_ids"] for s in api.seen] in (
        [ids[:3], ids[3:]],
        [ids[3:], ids[:3]],
    )
    assert all(s.headers["Content-Type"] == "application/json" for s in api.seen)
    by_id = {r.id: r for r in results}
    for i in ("a", "bb", "dddd", "e/5", "ff"):
        # three locations: len+0, len+1, len+2, summed after converting the text
        assert by_id[i].status == "ok", by_id[i].error
        assert by_id[i].quantity == 3 * len(i) + 3
        assert len(by_id[i].response) == 3
        assert by_id[i].attempts == 1
    gone = by_id["gone"]
    assert gone.status == "error"
    assert gone.http_status == 404
    assert "not found" in gone.error
    assert StockRules().status(gone) is Stock.UNKNOWN
    assert [r.id for r in results] == ids  # input order kept


async def test_record_ids_are_compared_as_text(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response(
            [{"id": 7, "qty": 1}, {"id": 7.0, "qty": 2}, {"id": "8", "qty": 3}]
        )

    api = await serve(answer)
    settings = FetchSettings(
        api.base + "/s?ids={ids}", batch_size=2, quantity_field="qty"
    )  # no items path: the answer itself is the list
    results = await Fetcher(settings).run(products("7", "8"))
    assert [(r.id, r.quantity) for r in results] == [("7", 3), ("8", 3)]


async def test_ids_in_the_url_are_comma_joined_each_percent_encoded(serve):
    async def answer(seen: Seen) -> web.Response:
        query = seen.path_qs.split("ids=", 1)[1].split("&", 1)[0]
        ids = [unquote(part) for part in query.split(",")]
        return web.json_response({"items": [{"sku": i, "stock": {"n": len(i)}} for i in ids]})

    api = await serve(answer)
    ids = ["a,b", "x y", "c/d", "é", "p&q=r", "50%"]
    settings = FetchSettings(
        api.base + "/products?ids={ids}&fields=stock",
        batch_size=10,
        items="items",
        item_id="sku",
        quantity_field="stock.n",
    )
    results = await Fetcher(settings).run(products(*ids))
    assert [(r.status, r.quantity) for r in results] == [("ok", len(i)) for i in ids]
    [seen] = api.seen
    assert seen.path_qs == "/products?ids=" + ",".join(quote(i, safe="") for i in ids) + (
        "&fields=stock"
    )


async def test_a_batch_answered_503_then_200_is_retried_once_as_a_whole(serve):
    calls: dict[str, int] = {}

    async def answer(seen: Seen) -> web.Response:
        key = ",".join(seen.json()["catalog_object_ids"])
        calls[key] = calls.get(key, 0) + 1
        if key == "c,d" and calls[key] == 1:
            return web.json_response({"error": "busy"}, status=503)
        return web.json_response(counts_for(seen.json()["catalog_object_ids"]))

    api = await serve(answer)
    settings = bulk_settings(api.base, batch_size=2, retries=2)
    results = await Fetcher(settings, sleep=NoSleep()).run(products("a", "b", "c", "d"))
    assert calls == {"a,b": 1, "c,d": 2}
    assert len(api.seen) == 3
    assert [(r.status, r.attempts) for r in results] == [("ok", 1), ("ok", 1), ("ok", 2), ("ok", 2)]


async def test_a_batch_failing_for_good_fails_each_of_its_products(serve):
    async def answer(seen: Seen) -> web.Response:
        if "x" in seen.json()["catalog_object_ids"]:
            return web.json_response({"error": "broken"}, status=500)
        return web.json_response(counts_for(seen.json()["catalog_object_ids"]))

    api = await serve(answer)
    settings = bulk_settings(api.base, batch_size=2, retries=1)
    results = await Fetcher(settings, sleep=NoSleep()).run(products("a", "b", "x", "y"))
    assert [r.status for r in results] == ["ok", "ok", "error", "error"]
    for r in results[2:]:
        assert r.error.startswith("HTTP 500")
        assert "broken" in r.error
        assert r.http_status == 500
        assert r.attempts == 2
    assert len(api.seen) == 1 + 2


async def test_an_answer_without_the_items_list_fails_the_batch(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"data": []})

    api = await serve(answer)
    results = await Fetcher(bulk_settings(api.base)).run(products("a", "b"))
    assert {r.error for r in results} == {"the batch's answer has no list of records at 'counts'"}


async def test_results_are_emitted_as_each_batch_lands(serve):
    api = await serve(bulk_answer())
    requests_when_emitted: list[tuple[int, int]] = []
    settings = bulk_settings(api.base, batch_size=3, concurrency=1)
    await Fetcher(settings).run(
        products(*[f"p{i}" for i in range(8)]),
        lambda index, result: requests_when_emitted.append((index, len(api.seen))),
    )
    # one worker: batch k's rows are all delivered before batch k+1 is sent
    assert requests_when_emitted == [(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 2), (6, 3), (7, 3)]


async def test_concurrency_counts_requests_not_products(serve):
    release = asyncio.Event()

    async def answer(seen: Seen) -> web.Response:
        if api.in_flight >= 2:
            release.set()
        await release.wait()
        return web.json_response(counts_for(seen.json()["catalog_object_ids"]))

    api = await serve(answer)
    settings = bulk_settings(api.base, batch_size=10, concurrency=2)
    results = await Fetcher(settings).run(products(*[f"p{i}" for i in range(95)]))
    assert all(r.status == "ok" for r in results)
    assert len(api.seen) == 10  # ceil(95 / 10)
    assert api.max_in_flight == 2
    assert sorted(len(s.json()["catalog_object_ids"]) for s in api.seen) == [5] + [10] * 9


async def test_batch_size_1_keeps_one_plain_get_per_product(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"quantity": len(seen.path_qs)})

    api = await serve(answer)
    results = await Fetcher(FetchSettings(api.base + "/s/{id}", batch_size=1)).run(
        products("a/b", "c")
    )
    assert sorted(s.path_qs for s in api.seen) == ["/s/a%2Fb", "/s/c"]
    assert [r.status for r in results] == ["ok", "ok"]
    assert all(s.method == "GET" for s in api.seen)


async def test_ids_placeholder_with_batch_size_1_sends_one_id(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"quantity": 1, "ids": seen.json()["ids"]})

    api = await serve(answer)
    settings = FetchSettings(api.base + "/s", method="POST", body='{"ids": {ids}}')
    results = await Fetcher(settings).run(products("a", "b"))
    assert sorted(tuple(r.response["ids"]) for r in results) == [("a",), ("b",)]


async def test_cancelling_mid_batch_marks_its_rows_cancelled(serve):
    arrived = asyncio.Event()

    async def answer(seen: Seen) -> web.Response:
        arrived.set()
        await asyncio.Event().wait()  # never answers
        raise AssertionError

    api = await serve(answer)
    fetcher = Fetcher(bulk_settings(api.base, batch_size=2, concurrency=1))
    running = asyncio.ensure_future(fetcher.run(products("a", "b", "c")))
    await arrived.wait()
    fetcher.cancel()
    results = await running
    assert [r.status for r in results] == ["cancelled"] * 3
    assert len(api.seen) == 1


async def test_secrets_in_a_failed_batch_error_are_scrubbed(serve):
    async def answer(seen: Seen) -> web.Response:
        return web.json_response({"error": "bad key s3cr3t-token"}, status=401)

    api = await serve(answer)
    settings = bulk_settings(api.base, headers={"Authorization": "s3cr3t-token"})
    results = await Fetcher(settings).run(products("a", "b"))
    assert all(r.status == "error" for r in results)
    assert not any("s3cr3t-token" in r.error for r in results)
    assert api.seen[0].headers["Authorization"] == "s3cr3t-token"


# -- redirects with a body ------------------------------------------------------------


async def test_a_body_is_never_redirected_to_another_origin(serve):
    async def elsewhere_answer(seen: Seen) -> web.Response:
        return web.json_response({"quantity": 1})

    elsewhere = await serve(elsewhere_answer)

    async def answer(seen: Seen) -> web.Response:
        if seen.path_qs == "/here":  # same origin, method and body kept
            assert seen.method == "POST"
            assert seen.json() == {"id": "a"}
            raise web.HTTPTemporaryRedirect(elsewhere.base + "/there")
        raise web.HTTPTemporaryRedirect("/here")

    api = await serve(answer)
    settings = FetchSettings(api.base + "/s/{id}", method="POST", body='{"id": {id}}')
    [result] = await Fetcher(settings).run(products("a"))
    assert result.status == "error"
    assert "another origin would send the request body there" in result.error
    assert [s.path_qs for s in api.seen] == ["/s/a", "/here"]
    assert elsewhere.seen == []


async def test_a_303_after_a_post_is_followed_as_a_get_without_body(serve):
    async def answer(seen: Seen) -> web.Response:
        if seen.method == "POST":
            raise web.HTTPSeeOther("/result")
        assert seen.body == b""
        assert "Content-Type" not in seen.headers
        return web.json_response({"quantity": 4})

    api = await serve(answer)
    settings = FetchSettings(api.base + "/s/{id}", method="POST", body='{"id": {id}}')
    [result] = await Fetcher(settings).run(products("a"))
    assert result.quantity == 4
    assert [s.method for s in api.seen] == ["POST", "GET"]


async def test_secret_values_in_the_body_are_scrubbed_from_errors(serve):
    async def answer(seen: Seen) -> web.Response:
        assert seen.json()["auth"]["api_key"] == "body-s3cret"
        key = seen.json()["auth"]["api_key"]
        return web.json_response({"error": f"key {key} expired", "key": key}, status=403)

    api = await serve(answer)
    settings = FetchSettings(
        api.base + "/s",
        method="POST",
        body='{"auth": {"api_key": "body-s3cret"}, "sku": {id}, "note": "plain"}',
    )
    [result] = await Fetcher(settings).run(products("a"))
    assert result.error.startswith("HTTP 403")
    assert "body-s3cret" not in result.error
    assert "body-s3cret" not in json.dumps(result.response)
    assert "***" in result.error


async def test_an_id_no_url_can_carry_fails_alone_and_the_rest_of_its_batch_is_sent(serve):
    async def answer(seen: Seen) -> web.Response:
        ids = [unquote(p) for p in seen.path_qs.split("ids=", 1)[1].split(",")]
        return web.json_response([{"id": i, "quantity": 1} for i in ids])

    api = await serve(answer)
    settings = FetchSettings(api.base + "/s?ids={ids}", batch_size=3)
    results = await Fetcher(settings).run(products("a", "bad\udc80", "c"))
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error == "the URL cannot be built (UnicodeEncodeError)"
    assert [s.path_qs for s in api.seen] == ["/s?ids=a,c"]

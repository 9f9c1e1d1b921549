"""Basic auth and OAuth2 client credentials against loopback servers."""

from __future__ import annotations

import asyncio
import base64
import logging

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.fetch.auth import OAuth2ClientCredentials
from inventory_gui.core.fetch.auth_settings import AuthSettings
from inventory_gui.core.fetch.fetcher import Fetcher, FetchSettings
from inventory_gui.core.models import Product
from tests.loopback import product_id
from tests.oauth2_server import TokenServer

pytestmark = pytest.mark.asyncio

PASSWORD = "pässword-Q7x9"
CLIENT_SECRET = "client-secret-Zk42"
API_KEY = "query-key-77ab"


def products(count: int) -> list[Product]:
    return [Product(f"p{i}") for i in range(count)]


@pytest_asyncio.fixture
async def tokens():
    server = await TokenServer().start()
    yield server
    await server.close()


class RecordingSleep:
    """Stands in for asyncio.sleep between retries; records the delays asked for."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def oauth2(server: TokenServer, **extra: str) -> AuthSettings:
    return AuthSettings(
        "oauth2", token_url=server.url, client_id="app-1", client_secret=CLIENT_SECRET, **extra
    )


def bearer_checker(valid: set[str] | None = None):
    """An API answering 200 to a bearer token in ``valid`` (any token if None), else 401."""

    async def handler(request: web.Request, api) -> web.Response:
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ")
        if not auth.startswith("Bearer ") or (valid is not None and token not in valid):
            return web.json_response({"error": f"bad token {auth}"}, status=401)
        return web.json_response({"quantity": len(product_id(request))})

    return handler


# -- Basic ----------------------------------------------------------------------


async def test_basic_auth_header_reaches_the_api(make_api):
    expected = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()

    async def handler(request: web.Request, api) -> web.Response:
        if request.headers.get("Authorization") != expected:
            return web.json_response({"error": "who are you"}, status=401)
        return web.json_response({"quantity": 5})

    api = await make_api(handler)
    auth = AuthSettings("basic", user="alice", password=PASSWORD)
    results = await Fetcher(FetchSettings(api.template, auth=auth)).run(products(3))
    assert [r.status for r in results] == ["ok"] * 3
    assert all(r.attempts == 1 for r in results)  # a 401 is not retried for Basic


async def test_wrong_basic_password_is_the_rows_error_once(make_api):
    async def handler(request: web.Request, api) -> web.Response:
        return web.json_response({"error": request.headers["Authorization"]}, status=401)

    api = await make_api(handler)
    auth = AuthSettings("basic", user="alice", password=PASSWORD)
    (result,) = await Fetcher(FetchSettings(api.template, auth=auth)).run(products(1))
    assert result.status == "error"
    assert result.error.startswith("HTTP 401")
    assert result.attempts == 1
    encoded = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    assert encoded not in result.error
    assert encoded not in str(result.response)


async def test_basic_auth_is_dropped_on_a_cross_origin_redirect(make_api):
    other = await make_api(lambda r, api: _json({"quantity": 3}))

    async def bounce(request: web.Request, api) -> web.StreamResponse:
        raise web.HTTPFound(f"{other.base}/landing")

    first = await make_api(bounce)
    auth = AuthSettings("basic", user="alice", password=PASSWORD)
    (result,) = await Fetcher(FetchSettings(f"{first.base}/s/{{id}}", auth=auth)).run(products(1))
    assert result.status == "ok"
    assert first.headers[0]["Authorization"].startswith("Basic ")
    assert "Authorization" not in other.headers[0]


async def test_api_key_in_query_still_works_and_stays_secret_with_auth(make_api):
    async def handler(request: web.Request, api) -> web.Response:
        assert request.headers["Authorization"].startswith("Basic ")
        if request.query.get("api_key") != API_KEY:
            return web.json_response({"error": "bad key"}, status=403)
        if product_id(request) == "bad":
            return web.json_response({"error": f"echo {request.query_string}"}, status=400)
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    auth = AuthSettings("basic", user="alice", password=PASSWORD)
    template = f"{api.base}/s/{{id}}?api_key={API_KEY}"
    good, bad = await Fetcher(FetchSettings(template, auth=auth, retries=0)).run(
        [Product("good"), Product("bad")]
    )
    assert good.status == "ok"
    assert bad.status == "error"
    assert "echo" in bad.error
    assert API_KEY not in bad.error
    assert API_KEY not in str(bad.response)


# -- OAuth2 ----------------------------------------------------------------------


async def test_64_waiting_workers_share_one_token_request(make_api, tokens):
    api = await make_api(bearer_checker())
    settings = FetchSettings(api.template, concurrency=64, auth=oauth2(tokens, scope="inv:read"))
    results = await Fetcher(settings).run(products(640))
    assert all(r.status == "ok" for r in results)
    assert len(tokens.forms) == 1
    (form,) = tokens.forms
    assert form == {
        "grant_type": "client_credentials",
        "client_id": "app-1",
        "client_secret": CLIENT_SECRET,
        "scope": "inv:read",
    }
    assert {h["Authorization"] for h in api.headers} == {f"Bearer {tokens.issued[0]}"}


async def test_concurrent_waiters_before_the_first_answer_make_one_request(tokens):
    # All 64 tasks are waiting before the token request even leaves.
    auth = OAuth2ClientCredentials(oauth2(tokens, audience="https://api"), lambda s: None)
    async with aiohttp.ClientSession() as session:
        sent = await asyncio.gather(*(auth.headers(session) for _ in range(64)))
    assert len(tokens.forms) == 1  # what the token endpoint received
    assert tokens.forms[0]["audience"] == "https://api"
    assert {h["Authorization"] for h in sent} == {f"Bearer {tokens.issued[0]}"}


async def test_token_is_renewed_before_it_expires(make_api, tokens):
    now = [0.0]
    tokens.expires_in = 100  # used for 70 s: 30 s margin

    async def handler(request: web.Request, api) -> web.Response:
        now[0] += 40  # each request takes "40 s" of the fake clock
        return await bearer_checker()(request, api)

    api = await make_api(handler)
    settings = FetchSettings(api.template, concurrency=1, auth=oauth2(tokens))
    results = await Fetcher(settings, clock=lambda: now[0]).run(products(4))
    assert all(r.status == "ok" for r in results)
    # t=0 token 1 (good until 70); t=40 still good; t=80 token 2 (until 150); t=120 good.
    used = [h["Authorization"].removeprefix("Bearer ") for h in api.headers]
    assert used == [tokens.issued[0], tokens.issued[0], tokens.issued[1], tokens.issued[1]]
    assert len(tokens.forms) == 2


async def test_a_401_renews_the_token_once_and_retries(make_api, tokens):
    async def handler(request: web.Request, api) -> web.Response:
        if request.headers["Authorization"] == f"Bearer {tokens.issued[0]}":  # revoked
            return web.json_response({"error": "token revoked"}, status=401)
        return web.json_response({"quantity": 2})

    api = await make_api(handler)
    settings = FetchSettings(api.template, concurrency=1, retries=0, auth=oauth2(tokens))
    results = await Fetcher(settings).run(products(3))
    assert [r.status for r in results] == ["ok"] * 3
    assert [r.attempts for r in results] == [2, 1, 1]
    assert len(tokens.forms) == 2


async def test_a_second_401_is_the_rows_error(make_api, tokens):
    api = await make_api(bearer_checker(valid=set()))
    settings = FetchSettings(api.template, concurrency=1, retries=3, auth=oauth2(tokens))
    (result,) = await Fetcher(settings).run(products(1))
    assert result.status == "error"
    assert result.error.startswith("HTTP 401")
    assert result.attempts == 2
    assert len(tokens.forms) == 2
    for token in tokens.issued:  # the API echoed the token: masked in the row
        assert token not in result.error
        assert token not in str(result.response)


async def test_failing_token_endpoint_fails_every_row_after_one_request(make_api, tokens):
    tokens.status = 401
    api = await make_api(bearer_checker())
    settings = FetchSettings(api.template, concurrency=8, auth=oauth2(tokens))
    results = await asyncio.wait_for(Fetcher(settings).run(products(50)), 10)
    assert {r.error for r in results} == {"could not get an OAuth2 token: HTTP 401 invalid_client"}
    assert len(tokens.forms) == 1
    assert api.requests == []


async def test_unreachable_token_endpoint_is_a_clear_error(make_api, tokens):
    url = tokens.url
    await tokens.close()
    api = await make_api(bearer_checker())
    settings = FetchSettings(
        api.template, auth=AuthSettings("oauth2", token_url=url, client_id="a", client_secret="s")
    )
    sleep = RecordingSleep()
    results = await asyncio.wait_for(Fetcher(settings, sleep=sleep).run(products(3)), 10)
    assert all(r.error.startswith("could not get an OAuth2 token: ") for r in results)
    assert len(sleep.delays) == settings.retries  # retried as a request would be, then given up
    assert api.requests == []


async def _json(body: object) -> web.Response:
    return web.json_response(body)


async def test_no_token_or_secret_reaches_the_log(make_api, tokens, caplog):
    caplog.set_level(logging.DEBUG)
    api = await make_api(bearer_checker(valid=set()))  # every token refused: errors
    settings = FetchSettings(api.template, concurrency=2, retries=0, auth=oauth2(tokens))
    results = await Fetcher(settings).run(products(4))
    assert all(r.status == "error" for r in results)
    assert tokens.issued
    for secret in (CLIENT_SECRET, *tokens.issued):
        assert secret not in caplog.text
        assert all(secret not in r.error for r in results)


async def test_an_unavailable_token_endpoint_is_retried_with_the_runs_backoff(make_api, tokens):
    tokens.unavailable_first = 2
    api = await make_api(bearer_checker())
    sleep = RecordingSleep()
    settings = FetchSettings(api.template, concurrency=4, retries=2, auth=oauth2(tokens))
    results = await Fetcher(settings, sleep=sleep).run(products(8))
    assert all(r.status == "ok" for r in results)
    assert len(tokens.forms) == 3  # two 503s, then the token
    assert len(sleep.delays) == 2


async def test_retries_spent_on_the_token_endpoint_fail_every_row(make_api, tokens):
    tokens.unavailable_first = 10
    api = await make_api(bearer_checker())
    settings = FetchSettings(api.template, concurrency=4, retries=1, auth=oauth2(tokens))
    results = await Fetcher(settings, sleep=RecordingSleep()).run(products(8))
    expected = "could not get an OAuth2 token: HTTP 503 temporarily_unavailable"
    assert {r.error for r in results} == {expected}
    assert len(tokens.forms) == 2
    assert api.requests == []


async def test_token_requests_take_no_rate_limit_token(make_api, tokens):
    # One request per 100 s: the bucket holds one token, for the product's request.
    # Had the token request taken it, the product would wait 100 s.
    api = await make_api(bearer_checker())
    settings = FetchSettings(api.template, rate_limit=0.01, auth=oauth2(tokens))
    (result,) = await asyncio.wait_for(Fetcher(settings).run(products(1)), 10)
    assert result.status == "ok"
    assert len(tokens.forms) == 1

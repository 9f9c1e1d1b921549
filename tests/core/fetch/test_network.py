"""Proxies and TLS against real loopback servers: a counting proxy, a private CA,
a server that asks for a client certificate (tests/network_servers.py)."""

from __future__ import annotations

import base64
import contextlib
import os
import ssl
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.fetch.fetcher import Fetcher, FetchSettings
from inventory_gui.core.models import Product
from tests.loopback import stock_handler
from tests.network_servers import CountingProxy, Pki, tls_api

pytestmark = pytest.mark.asyncio

IDS = ("A1", "B2", "C3")
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch):
    """Each test sets the proxy variables it means (the machine's are not ours)."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest_asyncio.fixture
async def proxy() -> AsyncIterator[CountingProxy]:
    server = await CountingProxy().start()
    yield server
    await server.close()


@pytest.fixture
def pki(tmp_path) -> Pki:
    return Pki.make(tmp_path)


@contextlib.asynccontextmanager
async def https_api(context: ssl.SSLContext):
    api = await tls_api(stock_handler, context).start()
    try:
        yield api
    finally:
        await api.close()


async def fetch(template: str, **options) -> list:
    settings = FetchSettings(template, retries=0, **options)
    return await Fetcher(settings).run([Product(i, {}) for i in IDS])


# -- proxies -----------------------------------------------------------------------


async def test_the_proxy_setting_carries_every_request(make_api, proxy):
    api = await make_api(stock_handler)
    results = await fetch(api.template, proxy=proxy.url)
    assert [r.status for r in results] == ["ok"] * 3
    assert len(proxy.lines) == 3
    assert all(line.startswith(f"GET {api.base}/get-current-inventory/") for line in proxy.lines)
    assert proxy.auth == [None] * 3


async def test_http_proxy_from_the_environment_is_honoured(make_api, proxy, monkeypatch):
    api = await make_api(stock_handler)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    results = await fetch(api.template)
    assert [r.status for r in results] == ["ok"] * 3
    assert len(proxy.lines) == 3


async def test_no_proxy_skips_the_proxy_for_its_hosts(make_api, proxy, monkeypatch):
    api = await make_api(stock_handler)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    results = await fetch(api.template)
    assert [r.status for r in results] == ["ok"] * 3
    assert proxy.lines == []
    assert len(api.requests) == 3


async def test_proxy_env_off_ignores_the_environment(make_api, proxy, monkeypatch):
    api = await make_api(stock_handler)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    results = await fetch(api.template, proxy_env=False)
    assert [r.status for r in results] == ["ok"] * 3
    assert proxy.lines == []


async def test_the_proxy_setting_wins_over_the_environment(make_api, proxy, monkeypatch):
    api = await make_api(stock_handler)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:1")  # nothing listens there
    results = await fetch(api.template, proxy=proxy.url)
    assert [r.status for r in results] == ["ok"] * 3
    assert len(proxy.lines) == 3


async def test_proxy_credentials_reach_the_proxy_only(make_api, proxy):
    api = await make_api(stock_handler)
    url = proxy.url.replace("//", "//ops:pr0xy-s3cret@")
    results = await fetch(api.template, proxy=url)
    assert [r.status for r in results] == ["ok"] * 3
    expected = "Basic " + base64.b64encode(b"ops:pr0xy-s3cret").decode()
    assert proxy.auth == [expected] * 3
    for headers in api.headers:  # the API never sees them
        assert "Proxy-Authorization" not in headers
        assert "pr0xy-s3cret" not in repr(headers)


async def test_proxy_credentials_never_appear_in_an_error_row(make_api):
    async def leaky_proxy(request: web.Request, _api) -> web.Response:
        # A proxy whose error page quotes the credentials it was given, decoded.
        scheme, _sp, encoded = request.headers["Proxy-Authorization"].partition(" ")
        given = base64.b64decode(encoded).decode()
        return web.Response(status=502, text=f"{scheme} login {given} refused for {request.url}")

    proxy = await make_api(leaky_proxy)
    results = await fetch(
        "http://127.0.0.1:2/{id}", proxy=f"http://ops:pr0xy-s3cret@{proxy.base[7:]}"
    )
    assert [r.http_status for r in results] == [502] * 3
    for result in results:
        assert "login ***" in result.error
        assert "pr0xy-s3cret" not in result.error
        assert "pr0xy-s3cret" not in repr(result.response)


async def test_https_goes_through_the_proxy_as_a_tunnel(proxy, pki):
    async with https_api(pki.server_context()) as api:
        results = await fetch(api.template, proxy=proxy.url, ca_bundle=str(pki.ca_file))
    assert [r.status for r in results] == ["ok"] * 3
    assert proxy.lines
    assert all(line.startswith("CONNECT 127.0.0.1:") for line in proxy.lines)


# -- TLS ---------------------------------------------------------------------------


async def test_a_private_ca_is_refused_without_its_bundle(pki):
    async with https_api(pki.server_context()) as api:
        results = await fetch(api.template)
    assert [r.status for r in results] == ["error"] * 3
    assert results[0].error.startswith("TLS certificate not trusted")
    assert len(results[0].error) <= 200


async def test_a_private_ca_is_trusted_with_its_bundle(pki):
    async with https_api(pki.server_context()) as api:
        results = await fetch(api.template, ca_bundle=str(pki.ca_file))
    assert [r.status for r in results] == ["ok"] * 3
    assert all(r.quantity is not None for r in results)


async def test_the_system_store_trusts_a_ca_installed_on_the_machine(pki, monkeypatch):
    # On Linux truststore reads the store OpenSSL knows, which SSL_CERT_FILE names.
    if os.uname().sysname != "Linux":
        pytest.skip("SSL_CERT_FILE names the system store on Linux only")
    monkeypatch.setenv("SSL_CERT_FILE", str(pki.ca_file))
    async with https_api(pki.server_context()) as api:
        results = await fetch(api.template)
    assert [r.status for r in results] == ["ok"] * 3


async def test_mutual_tls_without_a_client_certificate_fails_short(pki):
    async with https_api(pki.server_context(require_client_cert=True)) as api:
        results = await fetch(api.template, ca_bundle=str(pki.ca_file))
    assert [r.status for r in results] == ["error"] * 3
    assert len(results[0].error) <= 200
    assert "\n" not in results[0].error


@pytest.mark.parametrize("apart", [False, True], ids=["key in the cert file", "key apart"])
async def test_mutual_tls_with_a_client_certificate(pki, apart):
    files = (
        {"client_cert": str(pki.client_cert_only), "client_key": str(pki.client_key)}
        if apart
        else {"client_cert": str(pki.client_cert)}
    )
    async with https_api(pki.server_context(require_client_cert=True)) as api:
        results = await fetch(api.template, ca_bundle=str(pki.ca_file), **files)
    assert [r.status for r in results] == ["ok"] * 3


async def test_insecure_still_presents_a_client_certificate(pki):
    async with https_api(pki.server_context(require_client_cert=True)) as api:
        results = await fetch(api.template, verify_tls=False, client_cert=str(pki.client_cert))
    assert [r.status for r in results] == ["ok"] * 3

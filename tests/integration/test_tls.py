"""TLS: certificates are verified by default; --insecure turns that off."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


@pytest_asyncio.fixture
async def https_template(self_signed):
    async def handler(request):
        return web.json_response({"quantity": 3})

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*self_signed)
    app = web.Application()
    app.router.add_get("/{id}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    yield f"https://127.0.0.1:{runner.addresses[0][1]}/{{id}}"
    await runner.cleanup()


@pytest.mark.asyncio
async def test_untrusted_certificate_is_an_error_by_default(https_template):
    result = (await Fetcher(FetchSettings(https_template, retries=0)).run([Product("a")]))[0]
    assert result.status == "error"
    assert result.error.startswith("TLS certificate not trusted")
    assert result.attempts == 1


@pytest.mark.asyncio
async def test_verification_can_be_turned_off(https_template):
    settings = FetchSettings(https_template, verify_tls=False)
    result = (await Fetcher(settings).run([Product("a")]))[0]
    assert (result.status, result.quantity) == ("ok", 3)

"""Secrets are never leaked: the name policy, scrubbing, redirects, template errors.

Hostile servers: a raw TCP server in a thread (malformed answers aiohttp turns
into exceptions whose text holds the URL, echoed request lines) serves both the
in-process fetcher and the CLI in a subprocess; two aiohttp loopback servers on
different ports are two origins for the redirect tests.
"""

from __future__ import annotations

import json
import re
import socket
import socketserver
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from aiohttp import web

from inventory_gui.core.errors import TemplateError
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product
from inventory_gui.core.outputs.registry import write_results
from inventory_gui.core.secrets import (
    MASK,
    Scrubber,
    is_secret_name,
    mask_template,
    mask_url_params,
    restore_template,
)

KEY = "qk-Zx81-LEAKME-secret"  # a query key
HEADER_KEY = "hk-Ab12-LEAKME-header"

SECRET_NAMES = [
    "key", "api_key", "apikey", "apiKey", "X-Api-Key", "XAPIKEY", "token", "access_token",
    "refresh_token", "id_token", "accessToken", "secret", "client_secret", "clientSecret",
    "auth", "Authorization", "Proxy-Authorization", "X-Auth", "session", "sessionid",
    "PHPSESSID", "password", "passwd", "pwd", "pass", "passphrase", "sig", "signature",
    "credential", "credentials", "X-Amz-Signature", "X-Amz-Credential",
    "X-Amz-Security-Token", "code", "cookie", "Set-Cookie", "private", "private_key",
    "X-CSRF-Token", "api%5Fkey",
]  # fmt: skip
PLAIN_NAMES = [
    "id", "q", "store", "page", "sku", "Accept", "Content-Type", "User-Agent",
    "X-Request-Id", "keyboard", "passage", "author", "monkey", "format", "limit",
]  # fmt: skip


@pytest.mark.parametrize("name", SECRET_NAMES)
def test_secret_names(name):
    from inventory_gui.core.connection import is_secret_header

    assert is_secret_name(name)
    assert is_secret_header(name)
    assert mask_template(f"https://h/{{id}}?{name}=v4lue&a=1") == f"https://h/{{id}}?{name}=***&a=1"


@pytest.mark.parametrize("name", PLAIN_NAMES)
def test_plain_names(name):
    assert not is_secret_name(name)
    assert mask_template(f"https://h/{{id}}?{name}=v4lue") == f"https://h/{{id}}?{name}=v4lue"


def test_one_policy_for_headers_queries_and_history():
    from inventory_gui.core.connection import is_secret_header

    for name in ("pwd", "sig", "X-Amz-Credential", "access_token", "code"):
        assert is_secret_header(name)
        assert mask_template(f"https://h/{{id}}?{name}=v4lue") == f"https://h/{{id}}?{name}=***"


def test_mask_and_restore_template():
    real = f"https://u:pw@h:8443/s/{{id}}?sig={KEY}&store={{store}}&pwd=p4ss&sig=two#f"
    shown = mask_template(real)
    assert shown == "https://***@h:8443/s/{id}?sig=***&store={store}&pwd=***&sig=***#f"
    assert restore_template(shown, real) == real
    assert (
        restore_template(shown, "", unknown="")
        == "https://h:8443/s/{id}?sig=&store={store}&pwd=&sig=#f"
    )


def test_mask_url_params_in_free_text():
    text = f"400, message='Bad', url='http://h/x/1?q=2&api_key={KEY}&X-Amz-Signature=ab'"
    masked = mask_url_params(text)
    assert KEY not in masked
    assert "=ab'" not in masked
    assert "q=2&api_key=***&X-Amz-Signature=***'" in masked


def test_scrubber_masks_encoded_forms_and_bodies():
    key = "a+b/c d=é-LEAK"
    scrub = Scrubber.for_run(f"http://h/{{id}}?token={key}", {"X-Api-Key": HEADER_KEY})
    lower_hex = re.sub("%[0-9A-F]{2}", lambda m: m[0].lower(), quote(key, safe=""))
    for form in (key, quote(key, safe=""), lower_hex, quote_plus(key), HEADER_KEY):
        assert form not in scrub.text(f"echo: {form} !")
        assert scrub.text(f"echo: {form} !") == f"echo: {MASK} !"
    cut = f"HTTP 500: X-Api-Key: {HEADER_KEY[:-5]}…"  # an echo shortened mid-secret
    assert scrub.text(cut) == f"HTTP 500: X-Api-Key: {MASK}…"
    body = {"echo": {"headers": [f"X-Api-Key: {HEADER_KEY}"]}, "n": 1}
    assert HEADER_KEY not in json.dumps(scrub.value(body))
    assert scrub.value({"n": 1}) == {"n": 1}
    quoted = Scrubber(['k3y"with\\quote'])
    assert 'k3y"with' not in json.dumps(quoted.value({"echo": 'k3y"with\\quote'}))
    assert "k3y" not in quoted.text(repr(b'x k3y"with\\quote'))


def test_log_lines_and_tracebacks_are_masked():
    import io
    import logging

    from inventory_gui.core.secrets import MaskingFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(MaskingFormatter("%(levelname)s %(message)s"))
    log = logging.getLogger("tests.secrets.masking")
    log.addHandler(handler)
    try:
        try:
            raise ValueError(f"failed: url='http://h/x?token={KEY}'")
        except ValueError:
            log.exception("run failed for http://u:%s@h/x?api_key=%s", KEY, KEY)
    finally:
        log.removeHandler(handler)
    written = stream.getvalue()
    assert "Traceback" in written
    assert "token=***" in written
    assert KEY not in written


# -- URL templates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("http://h:99999/{id}", "Port out of range"),
        ("http://h:0/{id}", "port must be 1 to 65535"),
        ("http://[::1/{id}", "Invalid IPv6"),
        ("http://[::zz]/{id}", "not a valid URL"),
        ("http://ba d/{id}", "no valid host"),
        ("http://a<b>/{id}", "no valid host"),
        ("http://a..b/{id}", "no valid host"),
        ("http:///{id}", "http:// or https://"),
        ("http://h/{id}\udc80", "not valid text"),
    ],
)
def test_unusable_template_is_one_line_with_secrets_masked(template, problem):
    with pytest.raises(TemplateError) as caught:
        UrlTemplate(f"{template}?api_key={KEY}&token=t0k3n-x")
    message = str(caught.value)
    assert problem in message
    assert "\n" not in message
    assert KEY not in message
    assert "t0k3n-x" not in message
    assert "api_key=***" in message


@pytest.mark.parametrize("good", ["http://[::1]:8080/{id}", "https://a-b.c_d.example/{id}?p=1"])
def test_usable_templates_pass(good):
    UrlTemplate(good)


def test_unencodable_value_is_unsafe():
    template = UrlTemplate("http://h/s/{id}?store={store}")
    with pytest.raises(UnsafeValueError):
        template.build(Product("bad\udc80"))
    with pytest.raises(UnsafeValueError):
        template.build(Product("ok", {"store": "\ud800x"}))


# -- hostile servers ----------------------------------------------------------


def _reply(status: bytes, body: bytes, kind: bytes = b"text/plain") -> bytes:
    return b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s" % (
        status, kind, len(body), body,
    )  # fmt: skip


def _header_line(head: bytes, name: bytes) -> bytes:
    return next(line for line in head.split(b"\r\n") if line.startswith(name))


def _echo_json(head: bytes) -> bytes:
    text = head.decode()
    body = json.dumps({"error": text, "request": text}).encode()
    return _reply(b"502 Bad Gateway", body, b"application/json")


_ANSWERS = {
    # Each gets the raw request head; aiohttp's exceptions for most of these hold the URL.
    "echo": lambda head: _reply(b"500 Internal Server Error", head),
    "echojson": _echo_json,
    # An echo that the error text shortens in the middle of the header's value.
    "echocut": lambda head: _reply(b"500 Oops", b"x" * 60 + b" " + _header_line(head, b"X-Api")),
    "bigheader": lambda head: b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
    "badstatus": lambda head: b"HTTP/1.1 abc nonsense\r\nContent-Length: 0\r\n\r\n",
    "badheader": lambda head: b"HTTP/1.1 200 OK\r\nNo colon here\r\nContent-Length: 2\r\n\r\n{}",
    "payload": lambda head: b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"quantity"',
    "badchunk": lambda head: (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n"
    ),
    "badredirect": lambda head: b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\n\r\n",
}


class _Hostile(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.request.recv(65536)
            if not chunk:
                return
            head += chunk
        head = head.split(b"\r\n\r\n", 1)[0]
        mode = head.split(b" ", 2)[1].split(b"/")[1].decode()
        self.request.sendall(_ANSWERS[mode](head))
        self.request.shutdown(socket.SHUT_WR)


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    """The base URL of the raw hostile server (in a thread, usable by subprocesses)."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _leaks(text: str) -> bool:
    return any(s in text for s in (KEY, quote(KEY), HEADER_KEY, HEADER_KEY[:6]))


@pytest.mark.asyncio
@pytest.mark.parametrize("mode", list(_ANSWERS))
async def test_error_rows_hold_no_secret(hostile, mode):
    settings = FetchSettings(
        f"{hostile}/{mode}/{{id}}?api_key={KEY}&q=1",
        headers={"X-Api-Key": HEADER_KEY},
        retries=0,
    )
    (result,) = await Fetcher(settings).run([Product("p1")])
    assert result.status == "error"
    assert result.error
    assert not _leaks(result.error), result.error
    assert not _leaks(json.dumps(result.response)), result.response


@pytest.mark.asyncio
async def test_aiohttp_errors_do_not_repeat_the_url(hostile):
    settings = FetchSettings(f"{hostile}/badstatus/{{id}}?api_key={KEY}", retries=0)
    (result,) = await Fetcher(settings).run([Product("p1")])
    assert result.error.startswith("malformed answer")  # short: the row names the product
    assert "api_key" not in result.error


def test_cli_echo_leaks_nothing_to_outputs_history_or_terminal(hostile, tmp_path):
    products = tmp_path / "ids.txt"
    products.write_text("p1\np2\n")
    data = tmp_path / "data"
    for output in ("out.json", "out.csv"):
        done = subprocess.run(
            [
                sys.executable, "-m", "inventory_gui", "fetch", str(products),
                "--url-template", f"{hostile}/echo/{{id}}?api_key={KEY}&q=1",
                "--header", f"X-Api-Key: {HEADER_KEY}", "--retries", "0",
                "--data-dir", str(data), "-o", str(tmp_path / output),
            ],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert not _leaks(done.stdout + done.stderr)
        written = (tmp_path / output).read_text()
        assert "HTTP 500" in written
        assert not _leaks(written), written
    with closing(sqlite3.connect(data / "history.sqlite3")) as db, db:
        dump = "\n".join(db.iterdump())
    assert "HTTP 500" in dump
    assert "api_key=***" in dump
    assert not _leaks(dump)


def test_exports_of_a_scrubbed_echo_row_hold_no_secret(hostile, tmp_path):
    import asyncio

    settings = FetchSettings(f"{hostile}/echojson/{{id}}?token={KEY}", retries=0)
    results = asyncio.run(Fetcher(settings).run([Product("p1")]))
    for name in ("r.json", "r.csv", "r.xlsx"):
        write_results(tmp_path / name, results)
    assert not _leaks((tmp_path / "r.json").read_text() + (tmp_path / "r.csv").read_text())


def test_cli_template_error_exits_2_with_the_key_masked(tmp_path):
    products = tmp_path / "ids.txt"
    products.write_text("p1\n")
    for template in (f"http://h:99999/{{id}}?api_key={KEY}", f"http://[::1/{{id}}?sig={KEY}"):
        done = subprocess.run(
            [sys.executable, "-m", "inventory_gui", "fetch", str(products),
             "--url-template", template, "--no-history"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert "URL template" in lines[0]
        assert "=***" in lines[0]
        assert KEY not in lines[0]


# -- redirects ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_cross_origin_redirect_carries_no_secret(make_api):
    other = await make_api(lambda r, api: _json({"quantity": 3}))

    async def bounce(request: web.Request, api) -> web.StreamResponse:
        # A hostile redirect: the whole query (with the key) to another origin.
        raise web.HTTPFound(f"{other.base}/landing?{request.query_string}")

    first = await make_api(bounce)
    settings = FetchSettings(
        f"{first.base}/s/{{id}}?api_key={KEY}&store=7",
        headers={
            "X-Api-Key": HEADER_KEY,
            "Authorization": f"Bearer {HEADER_KEY}2",
            "X-Plain": "ok",
        },
        retries=0,
    )
    (result,) = await Fetcher(settings).run([Product("p1")])
    assert result.status == "ok"
    assert result.quantity == 3
    assert first.headers[0]["X-Api-Key"] == HEADER_KEY  # the named origin gets them
    assert KEY in first.requests[0]
    (sent,) = other.headers
    assert "X-Api-Key" not in sent
    assert "Authorization" not in sent
    assert sent["X-Plain"] == "ok"
    assert other.requests == ["/landing?store=7"]


@pytest.mark.asyncio
async def test_cross_origin_redirect_with_the_key_in_its_path_is_refused(make_api):
    other = await make_api(lambda r, api: _json({"quantity": 3}))

    async def bounce(request: web.Request, api) -> web.StreamResponse:
        raise web.HTTPFound(f"{other.base}/steal/{request.query['api_key']}")

    first = await make_api(bounce)
    settings = FetchSettings(f"{first.base}/s/{{id}}?api_key={KEY}", retries=0)
    (result,) = await Fetcher(settings).run([Product("p1")])
    assert result.status == "error"
    assert "another origin" in result.error
    assert other.requests == []
    assert KEY not in result.error


@pytest.mark.asyncio
async def test_same_origin_redirect_keeps_secrets_and_loops_end(make_api):
    async def handler(request: web.Request, api) -> web.StreamResponse:
        if request.path.startswith("/loop"):
            raise web.HTTPFound("/loop")
        if request.path.startswith("/s/"):
            raise web.HTTPMovedPermanently(f"/final?{request.query_string}")
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    headers = {"X-Api-Key": HEADER_KEY}
    (ok,) = await Fetcher(FetchSettings(f"{api.base}/s/{{id}}?k={KEY}", headers=headers)).run(
        [Product("p1")]
    )
    assert ok.status == "ok"
    assert api.headers[1]["X-Api-Key"] == HEADER_KEY
    assert api.requests[1] == f"/final?k={KEY}"
    (looped,) = await Fetcher(FetchSettings(f"{api.base}/loop/{{id}}", retries=0)).run(
        [Product("p1")]
    )
    assert looped.error == "too many redirects"


async def _json(body: object) -> web.Response:
    return web.json_response(body)


def test_history_db_never_holds_the_template_key(tmp_path):
    from inventory_gui.core.history.store import HistoryStore

    store = HistoryStore(Path(tmp_path / "h.sqlite3"))
    writer = store.writer()
    writer.begin_run("list.txt", f"http://h/{{id}}?pwd={KEY}&sig={KEY}x", [Product("p1")])
    writer.close()
    store.close()
    assert KEY not in (tmp_path / "h.sqlite3").read_bytes().decode("latin-1")
    assert MASK in (tmp_path / "h.sqlite3").read_bytes().decode("latin-1")


def test_redirect_guard_judges_origins_by_scheme_host_and_port():
    from yarl import URL

    from inventory_gui.core.fetch.redirects import RedirectGuard, RedirectRefused

    here = URL(f"http://api.example.com/s/1?api_key={KEY}")
    guard = RedirectGuard(here, Scrubber([KEY]).values)
    assert guard.follow(here, "/t/1?x=1") == URL("http://api.example.com/t/1?x=1")
    assert guard.same_origin(URL("HTTP://API.example.com:80/x"))
    for other in ("https://api.example.com/", "http://api.example.com:8080/", "http://evil/"):
        assert not guard.same_origin(URL(other))
        moved = guard.follow(here, f"{other}p?api_key={KEY}&keep=1")
        assert KEY not in str(moved)
        assert moved.query == {"keep": "1"}
    for bad in ("ftp://evil/x", "javascript:alert(1)", f"http://evil/{quote(KEY)}/x"):
        with pytest.raises(RedirectRefused) as caught:
            guard.follow(here, bad)
        assert KEY not in str(caught.value)

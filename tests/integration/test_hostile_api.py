"""A hostile inventory API: every way an answer can be broken ends as that row's short error.

Malformed-protocol answers come from a raw asyncio server (aiohttp.web would
not send them); the product ID names the kind of answer.  Whatever a row gets,
the other rows are fetched and nothing raises.
"""

from __future__ import annotations

import asyncio
import json
import resource
import socket
import struct
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import aiohttp.abc
import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.failures import MAX_ERROR_CHARS
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.limits import RateLimiter
from inventory_gui.core.fetch.open_files import FD_HEADROOM
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from tests.cli.commands import fetch_cli
from tests.loopback import LoopbackApi, stock_handler

SECRET = "sk-hostile-7c1d"
BIG_INT = int("9" * 320)  # past float range; JSON allows it


def _answer(body: bytes, headers: str = "Content-Type: application/json\r\n") -> bytes:
    head = f"HTTP/1.1 200 OK\r\n{headers}Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode() + body


# Each kind: the bytes the server sends back (then it closes the connection).
RAW_ANSWERS: dict[str, bytes] = {
    "ok": _answer(b'{"quantity": 7}'),
    "mid-header": b"HTTP/1.1 200 OK\r\nContent-Type: applic",
    "bad-status": b"HTTP/1.1 2x0 OK\r\nContent-Length: 2\r\n\r\n{}",
    "not-http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    "huge-header": b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n{}",
    "bad-header": b"HTTP/1.1 200 OK\r\nNo Colon Here\r\nContent-Length: 2\r\n\r\n{}",
    "bad-length": b"HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n{}",
    "bad-chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    "short-body": b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + b'{"quantity": 1}',
    "bad-gzip": b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\nabc",
    "no-answer": b"",
    "nan": _answer(b'{"quantity": NaN}'),
    "infinity": _answer(b'{"quantity": -Infinity}'),
    "overflow": _answer(b'{"quantity": 1e999}'),
    "12abc": _answer(b'{"quantity": "12abc"}'),
    "true": _answer(b'{"quantity": true}'),
    "list": _answer(b'{"quantity": [1, 2]}'),
    "big-int": _answer(b'{"quantity": %d}' % BIG_INT),
    "too-many-digits": _answer(b'{"quantity": 1' + b"0" * 5000 + b"}"),
    "deep": _answer(b"[" * 100_000 + b"]" * 100_000),
    "deep-error": b"HTTP/1.1 500 Oops\r\nContent-Length: 200000\r\n\r\n"
    + b"[" * 100_000
    + b"]" * 100_000,
    "html": _answer(b"<html>down</html>", "Content-Type: text/html\r\n"),
    "empty-body": _answer(b""),
    "binary": _answer(bytes(range(256))),
    "huge-declared": b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n[",
    "huge-unsized": b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + b"1" * (6 * 1024 * 1024),
}

# What each row's error must say (lower case); None: the row is ok.
EXPECTED: dict[str, str | None] = {
    "ok": None,
    "mid-header": "server closed the connection",
    "bad-status": "malformed answer: bad status line",
    "not-http": "malformed answer",
    "huge-header": "malformed answer",
    "bad-header": "malformed answer",
    "bad-length": "malformed answer",
    "bad-chunks": "malformed answer",
    "short-body": "connection broken",
    "bad-gzip": "connection broken",
    "no-answer": "server closed the connection without answering",
    "nan": "'quantity' is not a number: nan",
    "infinity": "'quantity' is not a number: -inf",
    "overflow": "'quantity' is not a number: inf",
    "12abc": "'quantity' is not a number: '12abc'",
    "true": "'quantity' is not a number: true",
    "list": "'quantity' is not a number: [1, 2]",
    "big-int": None,
    "too-many-digits": "number too long",
    "deep": "nested too deeply",
    "deep-error": "http 500 oops",
    "html": "not json (text/html)",
    "empty-body": "not json (application/json): empty body",
    "binary": "not json",
    "huge-declared": "response larger than 5 mib, not read",
    "huge-unsized": "response larger than 5 mib, not read",
}


async def _serve_raw(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        request = await reader.readuntil(b"\r\n\r\n")
        target = request.split(b" ", 2)[1].decode()
        kind = target.split("?", 1)[0].rsplit("/", 1)[-1]
        if kind == "reset":  # an RST instead of an answer
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return
        if kind == "trickle":  # headers, then a byte now and then: never done
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
            while True:
                writer.write(b" ")
                await writer.drain()
                await asyncio.sleep(0.05)  # the server's pace, not a synchronisation
        writer.write(RAW_ANSWERS.get(kind, RAW_ANSWERS["ok"]))
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass  # the client went away: nothing to answer
    finally:
        writer.close()


@pytest_asyncio.fixture
async def raw_template() -> AsyncIterator[str]:
    """The URL template of the raw hostile server, a secret key in its query."""
    server = await asyncio.start_server(_serve_raw, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/get-current-inventory/{{id}}?api_key={SECRET}"
    server.close()
    await server.wait_closed()


def assert_short_human(error: str) -> None:
    assert len(error) <= MAX_ERROR_CHARS, error
    assert not set(error) & {"\n", "\r"}, error
    for leak in (SECRET, "RawResponseMessage", "CIMultiDict", "HttpVersion", "url=", "Error("):
        assert leak not in error, error


@pytest.mark.asyncio
async def test_every_hostile_answer_is_that_rows_short_error(raw_template):
    ids = [*EXPECTED, "ok-after-them-all"]  # the server answers unknown kinds like "ok"
    settings = FetchSettings(raw_template, retries=0, concurrency=4, adaptive=False)
    results = await Fetcher(settings).run([Product(i) for i in ids])
    assert [r.id for r in results] == ids
    for result in results:
        expected = EXPECTED.get(result.id)
        if expected is None:
            assert (result.status, result.error) == ("ok", None), (result.id, result.error)
            continue
        assert result.status == "error", (result.id, result)
        assert_short_human(result.error)
        assert expected in result.error.lower(), (result.id, result.error)


@pytest.mark.asyncio
async def test_big_integer_quantity_stays_exact(raw_template):
    results = await Fetcher(FetchSettings(raw_template, retries=0)).run([Product("big-int")])
    assert results[0].status == "ok"
    assert type(results[0].quantity) is int
    assert results[0].quantity == BIG_INT


@pytest.mark.asyncio
async def test_reset_and_trickle_end_as_errors_and_retries_are_counted(raw_template):
    settings = FetchSettings(raw_template, retries=1, timeout=0.5, backoff_base=0)
    ids = ["reset", "trickle", "ok-1"]
    results = await Fetcher(settings).run([Product(i) for i in ids])
    reset, trickle, ok = results
    assert reset.status == "error"
    assert reset.attempts == 2
    assert reset.error.startswith(("network error", "connection broken")), reset.error
    assert (trickle.status, trickle.error, trickle.attempts) == (
        "error",
        "timed out after 0.5 s",
        2,
    )
    assert ok.status == "ok"
    assert ok.quantity == 7
    for result in (reset, trickle):
        assert_short_human(result.error)


@pytest.mark.asyncio
async def test_tls_to_a_plain_server_is_a_short_tls_error():
    async def plain(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(plain, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        settings = FetchSettings(f"https://127.0.0.1:{port}/{{id}}?token={SECRET}", retries=0)
        result = (await Fetcher(settings).run([Product("a")]))[0]
    finally:
        server.close()
        await server.wait_closed()
    assert result.status == "error"
    assert result.error.startswith(("TLS handshake failed", "connection broken", "network error"))
    assert_short_human(result.error)


class _NoSuchHost(aiohttp.abc.AbstractResolver):
    """A resolver that knows no host, as DNS answers for a mistyped name."""

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async def close(self) -> None:
        pass


@pytest.mark.asyncio
async def test_an_unknown_host_is_a_short_error():
    settings = FetchSettings(f"http://stock.example.invalid/{{id}}?key={SECRET}", retries=0)
    connector = aiohttp.TCPConnector(resolver=_NoSuchHost())
    async with aiohttp.ClientSession(connector=connector) as session:
        result = (await Fetcher(settings, session=session).run([Product("a")]))[0]
    assert result.status == "error"
    assert result.error == "connection failed: host stock.example.invalid not found"


@pytest.mark.asyncio
@pytest.mark.parametrize("concurrency", [1, 3])
async def test_an_unencodable_id_fails_alone(make_api, concurrency):
    api = await make_api(stock_handler)
    ids = ["a", "bad\udc80", "c", "x" * 100_000 + "\ud800", "e"]
    settings = FetchSettings(api.template, concurrency=concurrency)
    results = await Fetcher(settings).run([Product(i) for i in ids])
    assert [r.status for r in results] == ["ok", "error", "ok", "error", "ok"]
    assert "'bad\\udc80' is not valid text" in results[1].error
    assert_short_human(results[1].error)
    assert_short_human(results[3].error)
    assert results[1].attempts == 0
    assert sorted(api.requests) == ["/get-current-inventory/a", "/get-current-inventory/c",
                                    "/get-current-inventory/e"]  # fmt: skip


@pytest.mark.asyncio
async def test_an_unencodable_column_value_fails_alone(make_api):
    api = await make_api(stock_handler)
    template = api.base + "/stores/{store}/items/{id}"
    products = [Product("a", {"store": "s1"}), Product("b", {"store": "\udfff"})]
    results = await Fetcher(FetchSettings(template, concurrency=1)).run(products)
    assert [r.status for r in results] == ["ok", "error"]
    assert "'\\udfff' is not valid text" in results[1].error


@pytest.mark.asyncio
async def test_a_failing_result_callback_does_not_stop_the_other_rows(make_api, caplog):
    api = await make_api(stock_handler)
    seen: list[str] = []

    def on_result(index: int, result) -> None:
        seen.append(result.id)
        if result.id == "b":
            raise UnicodeEncodeError("utf-8", "b", 0, 1, "a callback's own failure")

    settings = FetchSettings(api.template, concurrency=1)
    results = await Fetcher(settings).run([Product(i) for i in "abcd"], on_result)
    assert [r.status for r in results] == ["ok"] * 4
    assert seen == ["a", "b", "c", "d"]
    assert "could not be finished" in caplog.text


def _demo_cli(*args: str, timeout: float = 60, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_gui", "fetch", *args],
        capture_output=True, text=True, timeout=timeout, check=False, **popen,
    )  # fmt: skip


def test_cli_run_with_an_unencodable_id_fetches_every_other_row(tmp_path):
    source = tmp_path / "ids.json"
    source.write_text(json.dumps(["a1", "bad\udc80", "c3", "d4"]), encoding="utf-8")
    out = tmp_path / "out.json"
    done = _demo_cli(str(source), "--demo", "--no-history", "--concurrency", "1", "-q",
                     "-o", str(out))  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [row["status"] for row in rows] == ["error"] * 4  # the demo API knows none of them
    assert [row["http_status"] for row in rows] == [404, None, 404, 404]
    assert "is not valid text" in rows[1]["error"]


# --- settings that would hang or crash -------------------------------------------------

BAD_OPTIONS = [
    ("--max-body-mib", "inf"),
    ("--max-body-mib", "nan"),
    ("--max-body-mib", "-1"),
    ("--max-body-mib", "0.0001"),
    ("--max-body-mib", "4096"),
    ("--rate-limit", "1e-300"),
    ("--rate-limit", "nan"),
    ("--rate-limit", "inf"),
    ("--rate-limit", "0"),
    ("--rate-limit", "1e9"),
    ("--timeout", "nan"),
    ("--timeout", "inf"),
    ("--timeout", "-5"),
    ("--timeout", "0.001"),
    ("--timeout", "1e12"),
    ("--concurrency", "0"),
    ("--concurrency", "-3"),
    ("--concurrency", "1e6"),
    ("--concurrency", "99999999999999999999999"),
    ("--concurrency", "nan"),
    ("--retries", "-1"),
    ("--retries", "1000"),
    ("--retries", "inf"),
]


@pytest.mark.parametrize(("option", "value"), BAD_OPTIONS)
def test_cli_refuses_settings_that_would_hang_or_crash(tmp_path, option, value):
    source = tmp_path / "ids.txt"
    source.write_text("a\nb\n", encoding="utf-8")
    out = tmp_path / "out.json"
    done = fetch_cli(str(source), "--url-template", "http://127.0.0.1:9/{id}", "--no-history",
                     "-q", "-o", str(out), f"{option}={value}")  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"argument {option}: must be" in lines[0]
    assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"concurrency": 0}, {"concurrency": 10_001}, {"concurrency": 2.5}, {"concurrency": True},
        {"timeout": 0}, {"timeout": float("nan")}, {"timeout": float("inf")}, {"timeout": -1},
        {"timeout": 0.01}, {"timeout": 10**400},
        {"retries": -1}, {"retries": 21}, {"retries": float("inf")},
        {"rate_limit": 1e-300}, {"rate_limit": float("nan")}, {"rate_limit": float("inf")},
        {"rate_limit": 0}, {"rate_limit": 1e6},
        {"max_body_bytes": 0}, {"max_body_bytes": 1023}, {"max_body_bytes": 2**30 + 1},
        {"max_body_bytes": float("inf")},
        {"backoff_base": float("nan")}, {"backoff_base": -1},
    ],
)  # fmt: skip
def test_settings_validation_refuses_out_of_bounds_numbers(change):
    with pytest.raises(SettingsError) as caught:
        FetchSettings("http://127.0.0.1:9/{id}", **change).validate()
    assert "must be" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_settings_bounds_are_inclusive():
    edges = FetchSettings(
        "http://127.0.0.1:9/{id}", concurrency=10_000, timeout=0.1, retries=20,
        rate_limit=0.01, max_body_bytes=1024,
    )  # fmt: skip
    edges.validate()
    FetchSettings(
        "http://127.0.0.1:9/{id}", concurrency=1, timeout=3600, retries=0,
        rate_limit=100_000, max_body_bytes=2**30,
    ).validate()  # fmt: skip


def test_rate_limiter_never_sleeps_absurdly_long():
    now = [0.0]
    sleeps: list[float] = []

    class Stop(Exception):
        pass

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 3:
            raise Stop
        now[0] += seconds

    async def take_two() -> None:
        limiter = RateLimiter(1e-300, clock=lambda: now[0], sleep=sleep)
        await limiter.acquire()  # the first token is there
        await limiter.acquire()

    with pytest.raises(Stop):
        asyncio.run(take_two())
    assert sleeps
    assert max(sleeps) <= 60


# --- the open-file limit -------------------------------------------------------------------


@pytest.fixture
def slow_api() -> Iterator[str]:
    """A loopback API in its own thread whose answers take 0.3 s (so connections pile up)."""

    async def slow(request: web.Request, api: LoopbackApi) -> web.Response:
        await asyncio.sleep(0.3)  # the API's latency, not a synchronisation
        return web.json_response({"quantity": 1})

    ready = threading.Event()
    box: dict[str, object] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        api = loop.run_until_complete(LoopbackApi(slow).start())
        box.update(loop=loop, api=api)
        ready.set()
        loop.run_forever()
        loop.run_until_complete(api.close())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield box["api"].template  # type: ignore[attr-defined]
    box["loop"].call_soon_threadsafe(box["loop"].stop)  # type: ignore[attr-defined]
    thread.join(10)


def _limited_run(tmp_path: Path, template: str, soft: int, hard: int, concurrency: int):
    ours = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if ours != resource.RLIM_INFINITY and ours < hard:
        pytest.skip(f"the hard open-file limit here is {ours}, below {hard}")
    source = tmp_path / "ids.txt"
    source.write_text("".join(f"p{n}\n" for n in range(concurrency)), encoding="utf-8")
    out = tmp_path / "out.json"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    done = _demo_cli(str(source), "--url-template", template, "--no-history", "-q",
                     "--retries", "0", "--no-adaptive", "--concurrency", str(concurrency),
                     "-o", str(out), preexec_fn=limit)  # fmt: skip
    rows = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
    return done, rows


def test_concurrency_past_a_low_hard_open_file_limit_is_capped_and_said(tmp_path, slow_api):
    done, rows = _limited_run(tmp_path, slow_api, soft=256, hard=256, concurrency=600)
    assert "Too many open files" not in done.stdout + done.stderr + json.dumps(rows)
    assert [row["status"] for row in rows] == ["ok"] * 600, done.stderr
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, done.stderr
    assert f"concurrency lowered from 600 to {256 - FD_HEADROOM}" in warnings[0]
    assert "open-file limit is 256" in warnings[0]


def test_a_low_soft_open_file_limit_is_raised_silently(tmp_path, slow_api):
    done, rows = _limited_run(tmp_path, slow_api, soft=128, hard=1024, concurrency=600)
    assert [row["status"] for row in rows] == ["ok"] * 600, done.stderr
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr

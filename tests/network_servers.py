"""Loopback networks for the proxy and TLS tests: a counting HTTP proxy, a
private CA with server and client certificates (``trustme``), HTTPS servers.

The proxy speaks both forms a client uses: an absolute URL (``GET
http://host/path``) for plain HTTP, forwarded with ``Connection: close``, and
``CONNECT host:port`` for HTTPS, tunnelled byte for byte.  It records each
request line and the ``Proxy-Authorization`` it came with.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import trustme
from aiohttp import web

from tests.loopback import Handler, LoopbackApi


@dataclass
class CountingProxy:
    """A forward proxy on loopback that counts what goes through it."""

    lines: list[str] = field(default_factory=list)  # request lines, as received
    auth: list[str | None] = field(default_factory=list)  # Proxy-Authorization of each
    port: int = 0
    _server: asyncio.Server | None = None

    async def start(self) -> CountingProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            line, *header_lines = head.decode("latin-1").split("\r\n")
            headers = dict(h.split(": ", 1) for h in header_lines if ": " in h)
            self.lines.append(line)
            self.auth.append(headers.get("Proxy-Authorization"))
            method, target, _version = line.split(" ")
            if method == "CONNECT":
                await self._tunnel(target, reader, writer)
            else:
                await self._forward(method, target, headers, reader, writer)
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _tunnel(self, target: str, reader, writer) -> None:
        host, port = target.rsplit(":", 1)
        up_reader, up_writer = await asyncio.open_connection(host, int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await _pipe_both(reader, writer, up_reader, up_writer)

    async def _forward(self, method: str, target: str, headers, reader, writer) -> None:
        url = urlsplit(target)
        up_reader, up_writer = await asyncio.open_connection(url.hostname, url.port or 80)
        drop = {"proxy-authorization", "proxy-connection", "connection"}
        kept = [f"{k}: {v}" for k, v in headers.items() if k.lower() not in drop]
        path = url.path + (f"?{url.query}" if url.query else "")
        request = "\r\n".join([f"{method} {path} HTTP/1.1", *kept, "Connection: close", "", ""])
        up_writer.write(request.encode("latin-1"))
        await _pipe_both(reader, writer, up_reader, up_writer)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


async def _pipe_both(reader, writer, up_reader, up_writer) -> None:
    """Copy bytes both ways until the server's side ends (it closes after answering)."""

    async def copy(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError):
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()

    upstream = asyncio.ensure_future(copy(reader, up_writer))
    try:
        await copy(up_reader, writer)
    finally:
        upstream.cancel()
        up_writer.close()


@dataclass
class Pki:
    """A private CA and the files a test hands to the fetcher (paths, as a user would)."""

    ca: trustme.CA
    ca_file: Path
    client_cert: Path  # certificate and key in one file
    client_cert_only: Path
    client_key: Path

    @classmethod
    def make(cls, folder: Path) -> Pki:
        ca = trustme.CA()
        ca_file = folder / "ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        client = ca.issue_cert("client@example.test")
        both, cert_only, key = folder / "client.pem", folder / "client.crt", folder / "client.key"
        client.private_key_and_cert_chain_pem.write_to_path(str(both))
        for blob in client.cert_chain_pems:
            blob.write_to_path(str(cert_only), append=True)
        client.private_key_pem.write_to_path(str(key))
        return cls(ca, ca_file, both, cert_only, key)

    def server_context(self, *, require_client_cert: bool = False) -> ssl.SSLContext:
        """A server context for 127.0.0.1/localhost, signed by the private CA."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        if require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            self.ca.configure_trust(context)
        return context


@dataclass
class TlsApi(LoopbackApi):
    """A :class:`LoopbackApi` served over HTTPS with ``context``."""

    context: ssl.SSLContext | None = None

    async def start(self) -> TlsApi:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=self.context)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    @property
    def base(self) -> str:
        return f"https://127.0.0.1:{self.port}"


def tls_api(handler: Handler, context: ssl.SSLContext) -> TlsApi:
    """An HTTPS API (not started) answering with ``handler``."""
    return TlsApi(handler, context=context)

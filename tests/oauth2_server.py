"""A loopback OAuth2 token endpoint (client credentials) for the auth tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class TokenServer:
    """A loopback OAuth2 token endpoint handing out tok-1, tok-2... and counting requests."""

    status: int = 200
    unavailable_first: int = 0  # answer 503 to this many requests first
    expires_in: float | None = 3600
    forms: list[dict[str, str]] = field(default_factory=list)
    issued: list[str] = field(default_factory=list)
    runner: web.AppRunner | None = None
    port: int = 0

    async def start(self) -> TokenServer:
        app = web.Application()
        app.router.add_post("/oauth/token", self.handle)
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = self.runner.addresses[0][1]
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/oauth/token"

    async def handle(self, request: web.Request) -> web.Response:
        self.forms.append(dict(await request.post()))  # type: ignore[arg-type]
        if len(self.forms) <= self.unavailable_first:
            return web.json_response({"error": "temporarily_unavailable"}, status=503)
        if self.status != 200:
            return web.json_response({"error": "invalid_client"}, status=self.status)
        token = f"tok-{len(self.issued) + 1}-secretvalue"
        self.issued.append(token)
        body: dict[str, object] = {"access_token": token, "token_type": "Bearer"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return web.json_response(body)

    async def close(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

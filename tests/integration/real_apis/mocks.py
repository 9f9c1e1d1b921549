"""Loopback mocks of three real inventory APIs, each shaped as its documentation says.

- Square: ``POST /v2/inventory/counts/batch-retrieve`` (one request for up to
  1,000 catalog object IDs; counts per location and state, quantities as text).
- Shopify Admin REST: ``GET /admin/api/2024-01/inventory_levels.json
  ?inventory_item_ids=1,2,3`` (up to 50 IDs comma-joined; one level per location).
- Microsoft Dynamics 365 Business Central: OAuth2 client credentials at the
  Microsoft identity platform's token endpoint, then ``GET .../items?$filter=``.

Each mock refuses what the real API would refuse (a missing credential, a body
or query of the wrong shape) with that API's kind of 4xx answer, and counts
what it was sent so that the tests can check the requests too.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

SQUARE_TOKEN = "EAAAl-square-access-token-3f9a"
SQUARE_VERSION = "2024-01-18"
SQUARE_STATES = {"IN_STOCK", "SOLD", "RETURNED_BY_CUSTOMER", "WASTE", "NONE"}
SHOPIFY_TOKEN = "shpat_0123456789abcdef0123456789abcdef"
BC_TENANT = "contoso.onmicrosoft.com"
BC_CLIENT_ID = "5e0a1c3b-7d1f-4b2e-9c8d-0f1e2d3c4b5a"
BC_CLIENT_SECRET = "Qx8Q~client-secret-value-1234"
BC_SCOPE = "https://api.businesscentral.dynamics.com/.default"
BC_COMPANY = "b6c9e1a2-0000-4a5b-8c7d-112233445566"


@dataclass
class MockServer:
    """An aiohttp application on a free loopback port (for ``serve_in_thread``)."""

    runner: web.AppRunner
    url: str

    @classmethod
    async def start(cls, app: web.Application) -> MockServer:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return cls(runner, f"http://127.0.0.1:{runner.addresses[0][1]}")

    async def close(self) -> None:
        await self.runner.cleanup()


@dataclass
class Square:
    """Square's batch-retrieve endpoint over ``counts``: ID -> [(location, state, quantity)]."""

    counts: dict[str, list[tuple[str, str, str]]]
    batches: list[list[str]] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v2/inventory/counts/batch-retrieve", self.batch_retrieve)
        return app

    @staticmethod
    def _error(status: int, category: str, code: str, detail: str) -> web.Response:
        body = {"errors": [{"category": category, "code": code, "detail": detail}]}
        return web.json_response(body, status=status)

    async def batch_retrieve(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SQUARE_TOKEN}":
            return self._error(401, "AUTHENTICATION_ERROR", "UNAUTHORIZED", "bad token")
        if request.headers.get("Square-Version") != SQUARE_VERSION:
            return self._error(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", "Square-Version")
        if request.content_type != "application/json":
            return self._error(400, "INVALID_REQUEST_ERROR", "BAD_REQUEST", "content type")
        try:
            body = json.loads(await request.text())
        except ValueError:
            return self._error(400, "INVALID_REQUEST_ERROR", "INVALID_BODY", "not JSON")
        problem = self._body_problem(body)
        if problem:
            return self._error(400, "INVALID_REQUEST_ERROR", "INVALID_VALUE", problem)
        ids, states = body["catalog_object_ids"], set(body.get("states", SQUARE_STATES))
        self.batches.append(ids)
        counts = [
            {"catalog_object_id": pid, "catalog_object_type": "ITEM_VARIATION",
             "state": state, "location_id": location, "quantity": quantity,
             "calculated_at": "2024-01-18T10:00:00.000Z"}
            for pid in ids for location, state, quantity in self.counts.get(pid, [])
            if state in states
        ]  # fmt: skip
        # Square leaves empty fields out: no counts at all is an empty object.
        return web.json_response({"counts": counts} if counts else {})

    @staticmethod
    def _body_problem(body: Any) -> str | None:
        if not isinstance(body, dict):
            return "the body is not an object"
        known = {"catalog_object_ids", "location_ids", "updated_after", "cursor", "states",
                 "limit"}  # fmt: skip
        if set(body) - known:
            return f"unknown fields {sorted(set(body) - known)}"
        ids = body.get("catalog_object_ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return "catalog_object_ids must be a list of strings"
        if not 1 <= len(ids) <= 1000:
            return "catalog_object_ids must hold 1 to 1000 IDs"
        states = body.get("states", [])
        if not isinstance(states, list) or not set(states) <= SQUARE_STATES:
            return "states must be a list of inventory states"
        return None


@dataclass
class Shopify:
    """Shopify's inventory levels: item ID -> {location ID: available}."""

    levels: dict[int, dict[int, int]]
    batches: list[list[str]] = field(default_factory=list)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/admin/api/2024-01/inventory_levels.json", self.inventory_levels)
        return app

    async def inventory_levels(self, request: web.Request) -> web.Response:
        if request.headers.get("X-Shopify-Access-Token") != SHOPIFY_TOKEN:
            message = "[API] Invalid API key or access token (unrecognized login or wrong password)"
            return web.json_response({"errors": message}, status=401)
        # The IDs as sent: comma-joined in the raw query, each one a number.
        query = request.raw_path.partition("?")[2]
        raw = [part.partition("=")[2] for part in query.split("&")
               if part.startswith("inventory_item_ids=")]  # fmt: skip
        ids = raw[0].split(",") if len(raw) == 1 else []
        if not ids or not all(i.isdigit() for i in ids) or len(ids) > 50:
            problem = "expected 1 to 50 comma-separated integer IDs"
            return web.json_response({"errors": {"inventory_item_ids": problem}}, status=422)
        self.batches.append(ids)
        levels = [
            {"inventory_item_id": int(pid), "location_id": location, "available": available,
             "updated_at": "2024-01-18T10:00:00-05:00",
             "admin_graphql_api_id": f"gid://shopify/InventoryLevel/{pid}?inventory_item_id={pid}"}
            for pid in ids for location, available in self.levels.get(int(pid), {}).items()
        ]  # fmt: skip
        return web.json_response({"inventory_levels": levels})


@dataclass
class BusinessCentral:
    """Business Central items behind Microsoft identity platform client credentials.

    ``revoke_after``: the first token stops working after that many item
    requests (as when an administrator rotates it), so that the client must
    ask for a new one after a 401.
    """

    inventory: dict[str, float]
    revoke_after: int | None = None
    token_requests: int = 0
    item_requests: int = 0
    tokens: list[str] = field(default_factory=list)

    @property
    def token_url(self) -> str:
        return f"/{BC_TENANT}/oauth2/v2.0/token"

    @property
    def items_path(self) -> str:
        return f"/v2.0/{BC_TENANT}/Production/api/v2.0/companies({BC_COMPANY})/items"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post(self.token_url, self.token)
        app.router.add_get(self.items_path, self.items)
        return app

    async def token(self, request: web.Request) -> web.Response:
        self.token_requests += 1
        form = await request.post()
        client = (form.get("client_id"), form.get("client_secret"))
        basic = request.headers.get("Authorization", "")
        if basic.startswith("Basic "):  # client_secret_basic, which RFC 6749 also allows
            client = tuple(base64.b64decode(basic[6:]).decode().split(":", 1))
        if form.get("grant_type") != "client_credentials":
            return self._oauth_error(400, "unsupported_grant_type")
        if client != (BC_CLIENT_ID, BC_CLIENT_SECRET):
            return self._oauth_error(401, "invalid_client")
        if form.get("scope") != BC_SCOPE:
            return self._oauth_error(400, "invalid_scope")
        token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + secrets.token_urlsafe(24)
        self.tokens.append(token)
        return web.json_response({"token_type": "Bearer", "expires_in": 3599,
                                  "ext_expires_in": 3599, "access_token": token})  # fmt: skip

    @staticmethod
    def _oauth_error(status: int, error: str) -> web.Response:
        return web.json_response({"error": error, "error_description": error}, status=status)

    def _valid(self, authorization: str) -> bool:
        live = self.tokens[1:] if self._revoked() else self.tokens
        return any(authorization == f"Bearer {token}" for token in live)

    def _revoked(self) -> bool:
        return self.revoke_after is not None and self.item_requests > self.revoke_after

    async def items(self, request: web.Request) -> web.Response:
        self.item_requests += 1
        if not self._valid(request.headers.get("Authorization", "")):
            body = {"error": {"code": "Authentication_InvalidCredentials",
                              "message": "The credentials provided are incorrect"}}  # fmt: skip
            return web.json_response(body, status=401)
        number = request.query.get("$filter", "").removeprefix("number eq '").removesuffix("'")
        if request.query.get("$filter") != f"number eq '{number}'":
            body = {"error": {"code": "BadRequest", "message": "expected $filter=number eq '…'"}}
            return web.json_response(body, status=400)
        found = [
            {"id": f"item-{number}", "number": number, "displayName": f"Item {number}",
             "type": "Inventory", "inventory": self.inventory[number], "unitPrice": 9.5}
        ] if number in self.inventory else []  # fmt: skip
        context = f"{request.url.origin()}/v2.0/$metadata#companies({BC_COMPANY})/items"
        return web.json_response({"@odata.context": context, "value": found})

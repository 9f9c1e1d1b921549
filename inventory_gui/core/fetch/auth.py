"""Request authentication as small flows, in the manner of httpx's ``Auth``.

The fetcher asks its :class:`Auth` for headers before each request attempt
(outside the adaptive limit and the rate limiter) and sends them only to the
URL template's origin, like any secret header.  On an HTTP 401 it calls
:meth:`Auth.on_unauthorized`; when that returns True the request is sent once
more with fresh headers, and a second 401 is the row's error.

- :class:`BasicAuth`: a fixed ``Authorization: Basic ...``.
- :class:`OAuth2ClientCredentials`: a bearer token from a token endpoint
  (RFC 6749, section 4.4), asked for once however many workers wait for it,
  asked for again shortly before it expires and after a 401.

Every secret an auth learns (a token) is passed to ``on_secret`` as soon as it
is known, so the run's :class:`~inventory_gui.core.secrets.Scrubber` masks it in
error texts.  Nothing here logs or stores a secret.
"""

from __future__ import annotations

import asyncio
import base64
import json
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol

import aiohttp

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.auth_settings import BASIC, OAUTH2, AuthSettings
from inventory_gui.core.fetch.failures import describe_failure
from inventory_gui.core.fetch.retry import RETRY_STATUSES
from inventory_gui.core.text import shorten

# A token is renewed this long before it expires (at most half its lifetime),
# so that a request never leaves with a token about to lapse on its way.
EXPIRY_MARGIN_S = 30.0
_MAX_TOKEN_ANSWER = 64 * 1024


class AuthError(InventoryError):
    """Credentials could not be had; the message (no secret in it) is the row's error.

    Attributes:
        retryable: asking again may work (a timeout, 429, 503...).
    """

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class Auth(Protocol):
    """What the fetcher asks of an authentication flow."""

    async def headers(self, session: aiohttp.ClientSession) -> Mapping[str, str]:
        """The headers to add to the next request attempt.

        Raises:
            AuthError: no credentials can be had (the row ends in that error).
        """
        ...

    def on_unauthorized(self, sent: Mapping[str, str]) -> bool:
        """A request sent with ``sent`` was answered 401: True to send it once more."""
        ...


class BasicAuth:
    """``Authorization: Basic`` with a user name and password (RFC 7617, UTF-8)."""

    def __init__(self, user: str, password: str, on_secret: Callable[[str], None]) -> None:
        credentials = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self._headers = {"Authorization": f"Basic {credentials}"}
        on_secret(password)
        on_secret(credentials)

    async def headers(self, session: aiohttp.ClientSession) -> Mapping[str, str]:
        """The same header for every request."""
        return self._headers

    def on_unauthorized(self, sent: Mapping[str, str]) -> bool:
        """A fixed password does not get better by asking again."""
        return False


class OAuth2ClientCredentials:
    """A bearer token from an OAuth2 token endpoint (client credentials grant).

    The client authenticates with ``client_id`` and ``client_secret`` in the
    form body (``client_secret_post``).  One token request is in flight at a
    time: every worker needing a token awaits the same one.  A failed token
    request (after the run's retries for timeouts, 429 and 5xx, with its
    backoff) ends the run's authentication: every later row fails at once with
    the same error instead of each asking the endpoint again.

    Args:
        settings: the token URL, client, scope and audience.
        on_secret: called with each token as it arrives (register it with
            the run's Scrubber).
        clock: monotonic seconds (tests pass a fake one to expire tokens).
        retries: how many times a failed token request may be sent again.
        pause: waits before retry number ``n`` (1-based): the run's backoff.
    """

    def __init__(
        self,
        settings: AuthSettings,
        on_secret: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
        retries: int = 0,
        pause: Callable[[int], Awaitable[object]] | None = None,
    ) -> None:
        self._settings = settings
        self._on_secret = on_secret
        self._clock = clock
        self._retries = retries
        self._pause = pause
        self._token: str | None = None
        self._expires_at = 0.0
        self._failure: str | None = None
        self._pending: asyncio.Future[None] | None = None

    async def headers(self, session: aiohttp.ClientSession) -> Mapping[str, str]:
        """``Authorization: Bearer <token>``, fetching the token first if needed."""
        renewed = False  # a token just renewed is used even if its lifetime is tiny
        while self._failure is None:
            token = self._token
            if token is not None and (renewed or self._clock() < self._expires_at):
                return {"Authorization": f"Bearer {token}"}
            if self._pending is None:
                self._pending = asyncio.ensure_future(self._renew(session))
            # Shielded: one waiting worker cancelled must not cancel the others' token.
            await asyncio.shield(self._pending)
            renewed = True
        raise AuthError(self._failure)

    def on_unauthorized(self, sent: Mapping[str, str]) -> bool:
        """Drop the token that was refused (once: other workers may have renewed it)."""
        if self._failure is None and sent.get("Authorization") == f"Bearer {self._token}":
            self._token = None
        return True

    async def _renew(self, session: aiohttp.ClientSession) -> None:
        """Ask for a token; on any failure remember why. Never raises but CancelledError."""
        try:
            for attempt in range(1, self._retries + 2):
                try:
                    token, lifetime = await self._send(session)
                except AuthError as exc:
                    if not exc.retryable or attempt > self._retries or self._pause is None:
                        self._failure = str(exc)
                        return
                    await self._pause(attempt)
                else:
                    self._on_secret(token)
                    self._token = token
                    self._expires_at = self._clock() + lifetime
                    return
        finally:
            self._pending = None

    async def _send(self, session: aiohttp.ClientSession) -> tuple[str, float]:
        """One token request; every failure as an AuthError."""
        try:
            return await self._request(session)
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            error, retryable = describe_failure(exc, session.timeout.total or 0.0)
            raise AuthError(f"could not get an OAuth2 token: {error}", retryable) from None

    async def _request(self, session: aiohttp.ClientSession) -> tuple[str, float]:
        """Send one token request; return the token and how long to use it."""
        settings = self._settings
        form = {
            "grant_type": "client_credentials",
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
        }
        if settings.scope:
            form["scope"] = settings.scope
        if settings.audience:
            form["audience"] = settings.audience
        # No redirects: the client secret goes only to the URL the user named.
        async with session.post(
            settings.token_url,
            data=form,
            headers={"Accept": "application/json"},
            allow_redirects=False,
        ) as response:
            raw = await response.content.read(_MAX_TOKEN_ANSWER)
            status = response.status
        return parse_token_answer(status, raw)


def parse_token_answer(status: int, raw: bytes) -> tuple[str, float]:
    """The token and its usable lifetime in seconds from a token endpoint's answer.

    Without ``expires_in`` the token is used until a 401 refuses it.

    Raises:
        AuthError: an error answer (``HTTP 401 invalid_client``) or no token in it.
    """
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        body = {}
    if status != 200:
        reason = body.get("error") if isinstance(body.get("error"), str) else ""
        detail = f"HTTP {status} {shorten(' '.join(reason.split()), 60)}".rstrip()
        raise AuthError(f"could not get an OAuth2 token: {detail}", status in RETRY_STATUSES)
    token = body.get("access_token")
    if not isinstance(token, str) or not token.isascii() or not token.isprintable() or not token:
        raise AuthError("could not get an OAuth2 token: the answer holds no access_token")
    expires_in = body.get("expires_in")  # a number, or text such as "3600"
    try:
        seconds = math.nan if isinstance(expires_in, bool) else float(expires_in)
    except (TypeError, ValueError, OverflowError):
        seconds = math.nan
    if not 0 < seconds < math.inf:
        return token, math.inf
    return token, seconds - min(EXPIRY_MARGIN_S, seconds / 2)


def build_auth(
    settings: AuthSettings | None,
    on_secret: Callable[[str], None],
    clock: Callable[[], float] = time.monotonic,
    retries: int = 0,
    pause: Callable[[int], Awaitable[object]] | None = None,
) -> Auth | None:
    """The flow ``settings`` ask for, or None for no authentication beyond headers.

    ``clock``, ``retries`` and ``pause``: see :class:`OAuth2ClientCredentials`.
    """
    if settings is None:
        return None
    if settings.kind == BASIC:
        return BasicAuth(settings.user, settings.password, on_secret)
    if settings.kind == OAUTH2:
        on_secret(settings.client_secret)
        return OAuth2ClientCredentials(settings, on_secret, clock, retries, pause)
    return None

"""Sending one request: secrets kept to the template's origin, redirects followed.

A :class:`Sender` holds what every request of a run shares (the method, the
secret headers, the body's type, the redirect guard) and sends one attempt,
turning a transport failure into an error :class:`~.answers.Answer` instead
of raising.  Qt-free.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp

from inventory_gui.core.fetch.answers import Answer, read_answer
from inventory_gui.core.fetch.failures import describe_failure
from inventory_gui.core.fetch.redirects import (
    MAX_REDIRECTS,
    REDIRECT_STATUSES,
    RedirectGuard,
    RedirectRefused,
)
from inventory_gui.core.fetch.retry import RetryPolicy
from inventory_gui.core.fetch.settings import FetchSettings


class Sender:
    """Sends the requests of one :class:`~.fetcher.Fetcher`.

    Args:
        settings: the API (method, timeout, body cap).
        policy: which error statuses are worth another try.
        redirects: where redirects may go, and which secrets they must not carry.
        secret_headers: sent per request, to the template's origin only (or None).
        body_type: the ``Content-Type`` sent with a body (or None).
    """

    def __init__(
        self,
        settings: FetchSettings,
        policy: RetryPolicy,
        redirects: RedirectGuard,
        secret_headers: Mapping[str, str] | None,
        body_type: Mapping[str, str] | None,
    ) -> None:
        self._settings = settings
        self._policy = policy
        self._redirects = redirects
        self._secret_headers = secret_headers
        self._body_type = body_type

    async def send(
        self,
        session: aiohttp.ClientSession,
        url: Any,
        auth_headers: Mapping[str, str] | None,
        body: bytes | None,
    ) -> Answer:
        """One attempt: the answer, or an error answer for what failed on the way.

        Redirects are followed with secrets kept to the template's origin;
        ``auth_headers`` (Basic, a bearer token) are secret headers like the others.
        """
        secret = self._secret_headers
        if auth_headers is not None:
            secret = {**secret, **auth_headers} if secret else auth_headers
        method = self._settings.method
        headers = self._headers(secret, body)
        cap = self._settings.max_body_bytes
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                async with session.request(
                    method, url, data=body, allow_redirects=False, headers=headers
                ) as response:
                    status = response.status
                    location = (
                        response.headers.get("Location") if status in REDIRECT_STATUSES else None
                    )
                    if location is None:
                        return await read_answer(response, self._policy, cap)
                hop = self._redirect(url, location, status, method, body, secret)
                if isinstance(hop, Answer):
                    return hop
                url, method, body, headers = hop
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            error, retryable = describe_failure(exc, self._settings.timeout)
            return Answer(error=error, retryable=retryable)
        return Answer(error="too many redirects")

    def _redirect(
        self,
        url: Any,
        location: str,
        status: int,
        method: str,
        body: bytes | None,
        secret: Mapping[str, str] | None,
    ) -> Answer | tuple[Any, str, bytes | None, Mapping[str, str] | None]:
        """The next hop (URL, method, body, headers), or the answer that ends here."""
        try:
            url = self._redirects.follow(url, location)
        except RedirectRefused as exc:
            return Answer(http_status=status, error=str(exc))
        if status == 303 or (status in (301, 302) and method == "POST"):
            method, body = "GET", None  # as browsers and aiohttp do
        same = self._redirects.same_origin(url)
        if body is not None and not same:  # a body may hold what was meant for this API only
            error = "redirect to another origin would send the request body there, not followed"
            return Answer(http_status=status, error=error)
        if not same:
            return url, method, body, None
        return url, method, body, self._headers(secret, body)  # same origin: the secrets go on

    def _headers(
        self, secret: Mapping[str, str] | None, body: bytes | None
    ) -> Mapping[str, str] | None:
        """The per-request headers: the secret ones, and ``Content-Type`` with a body."""
        body_type = self._body_type if body is not None else None
        return {**secret, **body_type} if secret and body_type else secret or body_type

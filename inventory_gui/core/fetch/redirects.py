"""Following redirects without taking secrets to an origin the user did not name.

aiohttp drops only ``Authorization`` and ``Cookie`` when it follows a redirect
to another host; an ``X-Api-Key`` header or a ``?api_key=`` query value would
go along.  The fetcher therefore follows redirects itself, asking a
:class:`RedirectGuard` where to go next: to the template's own origin (scheme,
host and port) anything goes; to another origin the request goes without secret
headers (the fetcher's choice), without the query values that carry one of the
run's secrets, and is refused if a secret is still in the URL (in its path).

Stripping rather than refusing: an API that answers with a redirect to a CDN
or a presigned storage URL still works, and the secrets stay with the origin
the user named.  Query values the redirect target minted itself (a presigned
``X-Amz-Signature``) are not the user's secrets and are kept.
"""

from __future__ import annotations

from urllib.parse import unquote

from yarl import URL

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10


class RedirectRefused(Exception):
    """A redirect that cannot be followed; the message is one line, with no secret."""


class RedirectGuard:
    """Decides where a redirect leads, and whether secrets may go there.

    Args:
        origin: a URL of the origin the user named (the run's first URL).
        secrets: every form of the run's secret values (``Scrubber.values``).
    """

    def __init__(self, origin: URL, secrets: tuple[str, ...]) -> None:
        self._origin = _origin(origin)
        self._secrets = secrets

    def same_origin(self, url: URL) -> bool:
        """True when ``url`` is on the origin the user named."""
        return _origin(url) == self._origin

    def follow(self, current: URL, location: str) -> URL:
        """The URL to request next, stripped of the run's secrets if off-origin.

        Raises:
            RedirectRefused: a Location that is no http(s) URL, or one to
                another origin that still holds a secret once stripped.
        """
        try:
            target = current.join(URL(location)).with_fragment(None)
            target_origin = _origin(target)
        except (ValueError, UnicodeError):
            raise RedirectRefused("redirect to an invalid Location, not followed") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise RedirectRefused(f"redirect to a {target.scheme or 'relative'} URL, not followed")
        if target_origin == self._origin:
            return target
        target = target.with_user(None)
        kept = [(k, v) for k, v in target.query.items() if not self._holds_secret(v)]
        if len(kept) != len(target.query):
            target = target.with_query(kept)
        if self._holds_secret(str(target)) or self._holds_secret(unquote(str(target))):
            scheme, host, port = target_origin
            raise RedirectRefused(
                f"redirect to another origin ({scheme}://{host}:{port}) would carry a secret "
                "in its URL, not followed"
            )
        return target

    def _holds_secret(self, text: str) -> bool:
        return any(secret in text for secret in self._secrets)


def _origin(url: URL) -> tuple[str, str, int | None]:
    return url.scheme.lower(), (url.host or "").lower(), url.port

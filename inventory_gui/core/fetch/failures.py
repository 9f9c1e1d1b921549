"""Short, human error texts for what can go wrong sending a request and reading its answer.

aiohttp's exception texts are written for developers: a connection closed in
the middle of the headers reads ``<RawResponseMessage(version=..., headers=...)>``,
a malformed status line quotes the raw bytes over several lines and ends with
the full URL (which may carry a key).  :func:`describe_failure` maps every
failure of one request attempt to one line of at most :data:`MAX_ERROR_CHARS`
characters, built from the exceptions' documented attributes and never from
``str(exc)`` of an object that may hold reprs or the URL.

Qt-free, and aiohttp is imported here only by the fetch process.
"""

from __future__ import annotations

import os
import ssl

import aiohttp
from aiohttp.http import HttpProcessingError

from inventory_gui.core.fetch.url_template import UnsafeValueError
from inventory_gui.core.text import shorten

MAX_ERROR_CHARS = 200


def describe_failure(exc: BaseException, timeout: float) -> tuple[str, bool]:
    """Describe an exception raised while sending a request or reading its answer.

    Args:
        exc: a TimeoutError, OSError or :class:`aiohttp.ClientError` (anything
            else is described by its type only).
        timeout: the request timeout in seconds, quoted when it expired.

    Returns:
        ``(text, retryable)``: one line of at most ``MAX_ERROR_CHARS``
        characters, and whether sending again may help.
    """
    text, retryable = _describe(exc, timeout)
    return shorten(" ".join(text.split()), MAX_ERROR_CHARS), retryable


def _describe(exc: BaseException, timeout: float) -> tuple[str, bool]:
    # Order matters: aiohttp's timeouts are ClientErrors too, certificate and
    # DNS failures are connector errors, and connector errors are OSErrors.
    if isinstance(exc, TimeoutError):
        return f"timed out after {timeout:g} s", True
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return f"TLS certificate not trusted: {_tls_reason(exc.certificate_error)}", False
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return f"connection failed: host {exc.host} not found", True
    if isinstance(exc, aiohttp.ClientSSLError):
        return f"TLS handshake failed: {_tls_reason(exc.os_error)}", False
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"connection failed: {exc.host}:{exc.port}: {_os_reason(exc.os_error)}", True
    if isinstance(exc, aiohttp.TooManyRedirects):
        return "too many redirects", False
    if isinstance(exc, aiohttp.RedirectClientError):
        return "redirected to a URL that cannot be fetched", False
    if isinstance(exc, aiohttp.InvalidUrlClientError):
        return "the URL cannot be fetched", False
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return _disconnected(exc), True
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"connection broken: answer body incomplete or malformed{_cause_reason(exc)}", True
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"malformed answer: {_first_words(exc.message) or f'HTTP {exc.status}'}", False
    if isinstance(exc, OSError):  # aiohttp.ClientOSError included: resets, too many open files
        return f"network error: {_os_reason(exc)}", True
    if isinstance(exc, aiohttp.ClientError):
        return f"request failed ({type(exc).__name__})", True
    return f"unexpected error ({type(exc).__name__})", False


def describe_unsendable(exc: Exception) -> str:
    """Why a product's URL could not be built, in one bounded line."""
    if isinstance(exc, UnsafeValueError):  # its message quotes the value: keep it short
        return shorten(" ".join(str(exc).split()), MAX_ERROR_CHARS)
    return f"the URL cannot be built ({type(exc).__name__})"


def _disconnected(exc: aiohttp.ServerDisconnectedError) -> str:
    # .message is the partly read answer when the server closed mid-answer.
    if exc.message is None or isinstance(exc.message, str):
        return "connection broken: server closed the connection without answering"
    return "connection broken: server closed the connection in the middle of its answer"


def _cause_reason(exc: BaseException) -> str:
    cause = exc.__cause__
    if isinstance(cause, HttpProcessingError):
        reason = _first_words(cause.message)
        return f" ({reason})" if reason else ""
    return ""


def _first_words(message: object) -> str:
    """The lead of a parser message: its first line up to a colon, no quoted bytes.

    ``"Bad status line:\\n  Invalid status code:\\n\\n  b'HTTP/1.1 2x0'"`` -> ``"Bad status line"``.
    """
    if not isinstance(message, str):
        return ""
    lines = message.strip().splitlines()
    return lines[0].split(":", 1)[0].strip().rstrip(".") if lines else ""


def _os_reason(error: BaseException | None) -> str:
    """The system's words for an OS error (``Connection refused``), not its repr."""
    if isinstance(error, OSError):
        if isinstance(error.errno, int) and error.errno > 0:
            return os.strerror(error.errno)
        if isinstance(error.strerror, str) and error.strerror:
            return error.strerror
    return type(error).__name__ if error is not None else "unknown reason"


def _tls_reason(error: BaseException | None) -> str:
    if isinstance(error, ssl.SSLCertVerificationError) and error.verify_message:
        return str(error.verify_message)
    if isinstance(error, ssl.SSLError) and error.reason:
        return str(error.reason).replace("_", " ").lower()
    return _os_reason(error)

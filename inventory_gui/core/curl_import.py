"""Reading a curl command, as API docs and browser devtools give it.

:func:`parse_curl` takes the text pasted (``\\`` line continuations, single
and double quotes, ``$`` prompts) and returns the request it makes: method,
URL, headers and body.  ``-u user:pass`` becomes an ``Authorization: Basic``
header, which, like every secret-named header, the profile keeps secret.
Options that change only how curl shows or transfers the answer
(``--compressed``, ``-s``, ``-L``...) are ignored; any other option is refused
by name, so nothing is silently dropped.

:func:`id_spots` lists where a product ID could sit in the URL (path segments
and query values) and :func:`template_at` turns the URL into a URL template
with ``{id}`` there; :func:`guess_spot` finds the spot holding a known ID.
Error messages name options and never repeat a value (it may be a secret).
"""

from __future__ import annotations

import base64
import re
import shlex
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.secrets import is_secret_name


class CurlError(InventoryError):
    """The text is not a curl command this app can read (one line, no values)."""


@dataclass
class CurlRequest:
    """The request a curl command makes.

    Attributes:
        method: ``GET``, ``POST``... (``POST`` when a body is given without ``-X``).
        url: the URL as written.
        headers: ``(name, value)`` pairs in order.
        body: the request body, or None.
        insecure: ``-k``/``--insecure`` was given.
    """

    method: str
    url: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str | None = None
    insecure: bool = False


# Options with a value, by every spelling, to what they set.
_VALUED = {
    "-X": "method", "--request": "method",
    "-H": "header", "--header": "header",
    "-d": "data", "--data": "data", "--data-ascii": "data", "--data-binary": "data",
    "--data-raw": "raw", "--json": "json",
    "-u": "user", "--user": "user", "--url": "url",
    "-A": "agent", "--user-agent": "agent", "-b": "cookie", "--cookie": "cookie",
    "-e": "referer", "--referer": "referer",
    "-m": "ignored", "--max-time": "ignored", "--connect-timeout": "ignored",
    "-o": "ignored", "--output": "ignored", "-w": "ignored", "--write-out": "ignored",
}  # fmt: skip
# Options without a value that do not change the request.
_IGNORED = {
    "--compressed", "-s", "--silent", "-S", "--show-error", "-L", "--location", "-i",
    "--include", "-v", "--verbose", "-g", "--globoff", "-f", "--fail", "--http1.1",
    "--http2", "-N", "--no-buffer", "-#", "--progress-bar",
}  # fmt: skip
_INSECURE = {"-k", "--insecure"}
_GET = {"-G", "--get"}
_HEADER_NAMES = {"agent": "User-Agent", "cookie": "Cookie", "referer": "Referer"}


def parse_curl(text: str) -> CurlRequest:
    """The request of the curl command ``text``.

    Raises:
        CurlError: not a curl command, unbalanced quotes, an option that reads
            a file or is not understood, no URL or more than one.
    """
    text = re.sub(r"^\$\s+", "", _join_lines(text).strip())
    try:
        words = shlex.split(text)
    except ValueError:
        raise CurlError("the curl command has an unclosed quote") from None
    if not words or words[0] != "curl":
        raise CurlError("not a curl command: it must start with 'curl'")
    state = _State()
    i = 1
    while i < len(words):
        i = state.take(words, i)
    return state.request()


def _join_lines(text: str) -> str:
    """``text`` without its line continuations (a backslash ending a line), as a
    shell reads them: inside single quotes a backslash is kept as written.

    Raises:
        CurlError: bash's ``$'...'`` quoting (browsers' "Copy as cURL (bash)"
            for bodies with line breaks), which shlex would misread.
    """
    out: list[str] = []
    quote, i = "", 0
    while i < len(text):
        char = text[i]
        if char == "\\" and quote != "'":
            pair = text[i : i + 3] if text[i + 1 : i + 3] == "\r\n" else text[i : i + 2]
            out.append("" if pair in ("\\\n", "\\\r\n") else pair)
            i += len(pair)
            continue
        if char == "$" and text[i + 1 : i + 2] == "'" and not quote:  # bash's $'...'
            raise CurlError(
                "the curl command uses bash's $'...' quoting: copy it as cURL (POSIX) instead"
            )
        if char in "'\"" and quote in ("", char):
            quote = "" if quote else char
        out.append(char)
        i += 1
    return "".join(out)


@dataclass
class _State:
    method: str | None = None
    urls: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    json: bool = False
    insecure: bool = False
    get: bool = False

    def take(self, words: list[str], i: int) -> int:
        """Read the option (and value) at ``words[i]``; the index after it."""
        word = words[i]
        if not word.startswith("-") or word == "-":
            self.urls.append(word)
            return i + 1
        option, value = _split_short(word)
        if option in _VALUED:
            if value is None:
                if i + 1 >= len(words):
                    raise CurlError(f"curl option {option} needs a value")
                value, i = words[i + 1], i + 1
            self._set(_VALUED[option], option, value)
        elif value is not None:
            for letter in word[1:]:  # bundled short flags: -sSL
                self._flag(f"-{letter}")
        else:
            self._flag(option)
        return i + 1

    def _flag(self, option: str) -> None:
        if option in _INSECURE:
            self.insecure = True
        elif option in _GET:
            self.get = True
        elif option not in _IGNORED:
            raise CurlError(f"curl option {option} is not supported here")

    def _set(self, kind: str, option: str, value: str) -> None:
        if kind == "method":
            self.method = value.upper()
        elif kind == "header":
            self._header(option, value)
        elif kind in ("data", "raw", "json"):
            if kind != "raw" and value.startswith("@"):
                raise CurlError(f"curl option {option} reads a file: paste the body itself")
            self.data.append(value)
            self.json = self.json or kind == "json"
        elif kind == "user":
            token = base64.b64encode(value.encode()).decode()
            self.headers.append(("Authorization", f"Basic {token}"))
        elif kind == "url":
            self.urls.append(value)
        elif kind in _HEADER_NAMES:
            self.headers.append((_HEADER_NAMES[kind], value))

    def _header(self, option: str, value: str) -> None:
        if value.startswith("@"):
            raise CurlError(f"curl option {option} reads a file: paste the headers themselves")
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise CurlError(f"a curl {option} is not 'Name: value'")
        if content.strip():  # "-H 'Accept:'" removes a header curl would send
            self.headers.append((name.strip(), content.strip()))

    def request(self) -> CurlRequest:
        """The request read, checked."""
        if len(self.urls) != 1:
            problem = "no URL" if not self.urls else "more than one URL"
            raise CurlError(f"the curl command has {problem}")
        url, body = self.urls[0], "&".join(self.data) if self.data else None
        if self.get and body is not None:
            url, body = f"{url}{'&' if '?' in url else '?'}{body}", None
        if self.json:
            names = {name.lower() for name, _ in self.headers}
            for name in ("Content-Type", "Accept"):
                if name.lower() not in names:
                    self.headers.append((name, "application/json"))
        method = self.method or ("POST" if body is not None else "GET")
        return CurlRequest(method, url, self.headers, body, self.insecure)


def _split_short(word: str) -> tuple[str, str | None]:
    """``-XPOST`` as ``("-X", "POST")``; ``-sS`` as ``("-s", "S")``; others whole."""
    if word.startswith("--") or len(word) <= 2:
        return word, None
    return word[:2], word[2:]


# -- where the product ID goes ----------------------------------------------------


@dataclass(frozen=True)
class IdSpot:
    """A place in a URL that may hold the product ID.

    Attributes:
        kind: ``"path"`` (a path segment) or ``"query"`` (a query value).
        index: which segment or which query pair, from 0.
        label: how to show it: ``path: v2/items/ABC-1`` style context.
        value: the text there now.
    """

    kind: str
    index: int
    label: str
    value: str


def id_spots(url: str) -> list[IdSpot]:
    """Every path segment and query value of ``url``, in order (secret-named
    query values left out: a key is not an ID, and labels would show it)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    spots = [
        IdSpot("path", i, f"path segment {segment!r}", segment)
        for i, segment in enumerate(segments)
        if segment
    ]
    for i, pair in enumerate(parts.query.split("&") if parts.query else ()):
        name, sep, value = pair.partition("=")
        if sep and value and not is_secret_name(name):  # a key is never the ID: not listed
            spots.append(IdSpot("query", i, f"query value {name}={value}", value))
    return spots


def template_at(url: str, spot: IdSpot) -> str:
    """``url`` with ``{id}`` in place of ``spot``'s text."""
    parts = urlsplit(url)
    if spot.kind == "path":
        segments = parts.path.split("/")
        segments[spot.index] = "{id}"
        parts = parts._replace(path="/".join(segments))
    else:
        pairs = parts.query.split("&")
        name = pairs[spot.index].partition("=")[0]
        pairs[spot.index] = f"{name}={{id}}"
        parts = parts._replace(query="&".join(pairs))
    return parts.geturl()


def guess_spot(url: str, product_id: str | None) -> IdSpot | None:
    """The one spot of ``url`` holding ``product_id``, or None (ask the user)."""
    if not product_id:
        return None
    found = [spot for spot in id_spots(url) if spot.value == product_id]
    return found[0] if len(found) == 1 else None

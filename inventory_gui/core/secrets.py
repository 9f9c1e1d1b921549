"""The one secret policy: which names are secret, masking and scrubbing.

A header or query parameter is secret when its name looks like it holds a
credential (``X-Api-Key``, ``access_token``, ``sig``, ``X-Amz-Credential``...).
Names are split into tokens on ``-``, ``_``, ``.`` and camelCase and matched
case-insensitively, so that ``keyboard`` or ``passage`` stay plain.

Three uses:

- :func:`mask_template` shows a URL template with secret query values and user
  info as ``***`` (settings file, history, messages); :func:`restore_template`
  puts the real values back from the template they were masked from.
- :func:`mask_url_params` masks every secret-named query value in any text
  holding URLs (aiohttp error messages, echoed request lines).
- :class:`Scrubber` also knows a run's secret values (secret header values,
  secret query values, their percent-encoded forms) and masks them anywhere.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote, quote_plus, unquote

from inventory_gui.core.text import ELLIPSIS

MASK = "***"
# Secret values shorter than this are not masked as free text: a two-letter
# "secret" would blank every word holding those letters.  Secret-named query
# values are masked whatever their length.
MIN_SECRET_CHARS = 4

# Tokens that make a name secret on their own: "api_key", "X-Auth", "pwd".
_SECRET_TOKENS = frozenset({
    "key", "apikey", "token", "secret", "auth", "oauth", "authorization", "session",
    "sessionid", "sid", "password", "passwd", "pwd", "pass", "passphrase", "sig",
    "signature", "credential", "credentials", "cookie", "code", "private", "privatekey",
    "jwt", "bearer", "hmac", "otp",
})  # fmt: skip
# Words that make a name secret wherever they appear in it, so that run-together
# spellings count too ("XAPIKEY", "accesstoken", "clientSecret", "sessionid").
_SECRET_INFIXES = re.compile(
    r"apikey|accesskey|secretkey|privatekey|authkey|token|secret|passw|passphrase|"
    r"signature|credential|cookie|session|sessid|auth(?!or)"
)
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_QUERY_PARAM = re.compile(r"(?P<lead>[?&;])(?P<name>[^=&?#;\s'\"<>]+)=(?P<value>[^&#;\s'\"<>]*)")
_USERINFO = re.compile(r"(?P<lead>//)[^/?#@\s'\"<>]+@")


def is_secret_name(name: str) -> bool:
    """Tell whether a header or query parameter named ``name`` holds a secret.

    Args:
        name: the name as written (any case; a query name may be percent-encoded).
    """
    name = unquote(name).strip()
    words = [word.lower() for word in _WORDS.findall(name)]
    if not words:
        return False
    if words[:2] == ["x", "amz"]:  # AWS signed requests: X-Amz-Signature, -Credential...
        return True
    if any(word in _SECRET_TOKENS for word in words):
        return True
    return _SECRET_INFIXES.search("".join(words)) is not None


def mask_url_params(text: str) -> str:
    """Mask the values of secret-named query parameters and user info in ``text``.

    Works on any text holding URLs (``URL('http://h/x?api_key=…')`` in an
    exception message, an echoed ``GET /x?token=… HTTP/1.1``).
    """
    if "=" in text:
        text = _QUERY_PARAM.sub(_mask_param, text)
    if "@" in text:
        text = _USERINFO.sub(rf"\g<lead>{MASK}@", text)
    return text


def _mask_param(match: re.Match[str]) -> str:
    value = match["value"]
    if not value or value == MASK or not is_secret_name(match["name"]):
        return match[0]
    return f"{match['lead']}{match['name']}={MASK}"


# -- URL templates -------------------------------------------------------------


def _split_query(template: str) -> tuple[str, str, str]:
    """``(before and including "?", query, "#" and after)``; no "?" gives an empty query."""
    head, sep, rest = template.partition("?")
    if not sep:
        return template, "", ""
    query, hash_, fragment = rest.partition("#")
    return head + sep, query, hash_ + fragment


def _is_literal(value: str) -> bool:
    return bool(value) and "{" not in value and "}" not in value


def template_secrets(template: str) -> list[tuple[str, str]]:
    """The literal secret query values of a template, as ``(name, value)`` in order."""
    _head, query, _tail = _split_query(template)
    found = []
    for pair in query.split("&") if query else ():
        name, sep, value = pair.partition("=")
        if sep and _is_literal(value) and value != MASK and is_secret_name(name):
            found.append((name, value))
    return found


def _split_userinfo(head: str) -> tuple[str, str | None, str]:
    """``(scheme and "//", user info or None, the rest)`` of a URL's start."""
    scheme, sep, rest = head.partition("//")
    authority = rest.split("/", 1)[0]
    if not sep or "@" not in authority:
        return head, None, ""
    userinfo, _at, after = rest.partition("@")
    while "@" in after.split("/", 1)[0]:  # user info may hold "@": the host follows the last
        more, _at, after = after.partition("@")
        userinfo += "@" + more
    return scheme + sep, userinfo, "@" + after


def mask_template(template: str) -> str:
    """``template`` with secret literal query values and user info shown as ``***``.

    Placeholders stay (``token={token}`` names a column, it holds no secret).
    """
    head, query, tail = _split_query(template)
    start, userinfo, rest = _split_userinfo(head)
    if userinfo is not None:
        head = start + MASK + rest
    if not query:
        return head + tail
    pairs = []
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        secret = sep and _is_literal(value) and is_secret_name(name)
        pairs.append(f"{name}={MASK}" if secret else pair)
    return head + "&".join(pairs) + tail


def restore_template(shown: str, real: str, unknown: str = MASK) -> str:
    """Put back in ``shown`` the secrets it shows as ``***``.

    Each ``name=***`` takes the value of the same occurrence of ``name`` in
    ``real`` (the template it was masked from), and ``***@`` its user info.
    A masked value ``real`` does not have becomes ``unknown``.
    """
    known: dict[tuple[str, int], str] = {}
    counts: dict[str, int] = {}
    for name, value in template_secrets(real):
        counts[name] = counts.get(name, 0) + 1
        known[(name, counts[name])] = value
    head, query, tail = _split_query(shown)
    start, userinfo, rest = _split_userinfo(head)
    if userinfo == MASK:
        real_userinfo = _split_userinfo(_split_query(real)[0])[1]
        userinfo = real_userinfo or unknown
        head = start + userinfo + rest if userinfo else start + rest[1:]
    if not query:
        return head + tail
    pairs, seen = [], {}
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        if sep and is_secret_name(name):
            seen[name] = seen.get(name, 0) + 1
            if value == MASK:
                pair = f"{name}={known.get((name, seen[name]), unknown)}"
        pairs.append(pair)
    return head + "&".join(pairs) + tail


def missing_secrets(template: str) -> list[str]:
    """What of a template is still ``***`` (not restored): parameter names, "user info"."""
    head, query, _tail = _split_query(template)
    missing = ["user info"] if _split_userinfo(head)[1] == MASK else []
    for pair in query.split("&") if query else ():
        name, _sep, value = pair.partition("=")
        if value == MASK and is_secret_name(name):
            missing.append(unquote(name))
    return missing


def userinfo_secrets(url: str) -> list[str]:
    """The user info of a URL (``user:password``) and each of its parts, to scrub."""
    authority = url.partition("//")[2].split("/", 1)[0]
    if "@" not in authority:
        return []
    userinfo = authority.rsplit("@", 1)[0]
    return [userinfo, *userinfo.split(":")]


# -- scrubbing -----------------------------------------------------------------


class Scrubber:
    """Masks a run's secret values, and secret-named query values, in any text.

    Args:
        secrets: the secret values, as sent; their percent-encoded and decoded
            forms are masked too.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._forms: list[str] = []
        self._pattern: re.Pattern[str] | None = None
        self.add(*secrets)

    def add(self, *secrets: str) -> None:
        """Mask these values too from now on (a token learnt during the run)."""
        forms = set(self._forms)
        for secret in secrets:
            forms.update(_forms(secret))
        if len(forms) == len(self._forms):
            return
        self._forms = sorted(forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, self._forms)))

    @classmethod
    def for_run(cls, url_template: str, headers: Mapping[str, str]) -> Scrubber:
        """The scrubber of a run: its secret header values and template secrets."""
        values = [value for name, value in headers.items() if is_secret_name(name)]
        values += [value for _name, value in template_secrets(url_template)]
        values += userinfo_secrets(url_template)
        return cls(values)

    @property
    def values(self) -> tuple[str, ...]:
        """Every form of every secret this scrubber masks, longest first."""
        return tuple(self._forms)

    def text(self, text: str) -> str:
        """``text`` with every secret masked, also one cut short by an ellipsis."""
        if not text:
            return text
        if self._pattern is not None:
            text = self._pattern.sub(MASK, text)
            if ELLIPSIS in text:
                text = ELLIPSIS.join(self._cut(part) for part in text.split(ELLIPSIS))
            if any(form in text for form in self._forms):  # a secret made of "*"s
                return MASK
        return mask_url_params(text)

    def _cut(self, part: str) -> str:
        """``part`` without a secret's beginning at its end (the text was shortened there)."""
        for form in self._forms:
            for size in range(min(len(form) - 1, len(part)), MIN_SECRET_CHARS - 1, -1):
                if part.endswith(form[:size]):
                    return part[:-size] + MASK
        return part

    def value(self, value: Any) -> Any:
        """A parsed JSON body with every secret masked (unchanged if it holds none)."""
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            return self.text(value)
        try:
            encoded = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return None  # not JSON-shaped: keep nothing rather than a secret
        scrubbed = self.text(encoded)
        if scrubbed == encoded:
            return value
        try:
            return json.loads(scrubbed)
        except (ValueError, RecursionError):
            return scrubbed


class MaskingFormatter(logging.Formatter):
    """A log formatter that masks secret-named query values and user info in every
    line it writes, tracebacks included (exception texts often hold a URL)."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted record, masked."""
        return mask_url_params(super().format(record))


def _forms(secret: str) -> set[str]:
    """The ways ``secret`` can appear in a text: as given, decoded, percent-encoded,
    escaped in JSON or in a bytes repr."""
    words = secret.split()
    bases = {secret, unquote(secret)}
    if len(words) > 1:  # "Bearer abc": the credential after the scheme too
        bases.add(" ".join(words[1:]))
    forms = set()
    for base in bases:
        forms.add(base)
        forms.add(json.dumps(base, ensure_ascii=False)[1:-1])  # inside a JSON string
        try:
            forms.add(repr(base.encode())[2:-1])  # in a shown bytes repr: b'...'
            encoded = quote(base, safe="")
            forms.update({encoded, quote_plus(base), quote(base, safe="/:@!$'()*,;~=+")})
        except UnicodeEncodeError:
            continue
        forms.add(re.sub(r"%[0-9A-F]{2}", lambda m: m[0].lower(), encoded))
    return {form for form in forms if len(form) >= MIN_SECRET_CHARS}

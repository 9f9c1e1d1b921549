"""Property tests: URL building and secret masking hold for arbitrary text."""

from __future__ import annotations

from urllib.parse import quote, unquote

from hypothesis import example, given, settings
from hypothesis import strategies as st
from yarl import URL

from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product
from inventory_gui.core.secrets import (
    MASK,
    MIN_SECRET_CHARS,
    Scrubber,
    mask_template,
    mask_url_params,
    restore_template,
)

PATH = UrlTemplate("https://api.example.com/stock/{id}/level")
QUERY = UrlTemplate("https://api.example.com/stock?sku={id}&store={store}&x=1")
SECRET_NAMES = ["api_key", "token", "sig", "X-Amz-Signature", "pwd", "access_token", "code"]
# Any text, lone surrogates included (they cannot be sent and must be refused).
ANY_TEXT = st.text(
    st.characters(codec=None, exclude_categories=()) | st.sampled_from(["\udc80", "\ud800"]),
    max_size=40,
)
URL_VALUE = st.text(
    st.characters(
        codec="utf-8", exclude_characters="&#;'\"<>= \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0"
    ),
    min_size=1,
    max_size=30,
).filter(lambda v: v != MASK and not any(c.isspace() for c in v))

LITERAL = URL_VALUE.filter(lambda v: "{" not in v and "}" not in v)  # braces are placeholders


@settings(deadline=None)
@given(ANY_TEXT)
@example("bad\udc80")
@example("..")
def test_a_path_value_is_exactly_one_segment(value):
    try:
        url = PATH.build(Product(value))
    except UnsafeValueError:
        return
    prefix, suffix = "/stock/", "/level"
    raw = url.raw_path
    assert raw.startswith(prefix)
    assert raw.endswith(suffix)
    segment = raw[len(prefix) : -len(suffix)]
    assert "/" not in segment
    assert unquote(segment, errors="strict") == value


# Templates with placeholders in the path only: build() puts the path on the
# origin (URL.with_path) instead of parsing the whole text; the URL must be the same.
PATH_ONLY = [
    "https://api.example.com/stock/{id}/level",
    "HTTP://API.Example.COM:8080/a/./b/../{id}",
    "http://user:p%40ss@127.0.0.1:80/{id}",
    "http://[::1]:8080//double/{id}/",
    "https://shop.example/v1/items/{id};v=2/x@y:z",
]


@settings(deadline=None)
@given(st.sampled_from(PATH_ONLY), ANY_TEXT)
@example(PATH_ONLY[0], "a/b?c#d")
def test_a_path_only_template_builds_the_url_parsing_the_whole_text_would(template, value):
    try:
        url = UrlTemplate(template).build(Product(value))
    except UnsafeValueError:
        return
    parsed = URL(template.replace("{id}", quote(value, safe="")), encoded=True)
    assert url == parsed
    assert str(url) == str(parsed)
    assert (url.scheme, url.raw_host, url.port, url.raw_path) == (
        parsed.scheme, parsed.raw_host, parsed.port, parsed.raw_path
    )  # fmt: skip
    assert (url.raw_user, url.raw_password, url.raw_query_string) == (
        parsed.raw_user, parsed.raw_password, ""
    )  # fmt: skip


@settings(deadline=None)
@given(ANY_TEXT, ANY_TEXT)
@example("bad\udc80", "a&b=c")
def test_a_query_value_is_exactly_one_value(sku, store):
    try:
        url = QUERY.build(Product(sku, {"store": store}))
    except UnsafeValueError:
        return
    pairs = url.raw_query_string.split("&")
    assert [p.partition("=")[0] for p in pairs] == ["sku", "store", "x"]
    assert unquote(pairs[0].partition("=")[2], errors="strict") == sku
    assert unquote(pairs[1].partition("=")[2], errors="strict") == store


@settings(deadline=None)
@given(
    st.lists(ANY_TEXT.filter(lambda s: len(s) >= MIN_SECRET_CHARS), min_size=1, max_size=3),
    ANY_TEXT,
    st.sampled_from(["{s}", "x{s}y", "GET /p?k=1&t={s} HTTP/1.1", "{s}{s}", "**{s}**"]),
)
def test_the_scrubber_never_leaves_a_secret(secrets, noise, shape):
    scrub = Scrubber(secrets)
    text = noise + shape.replace("{s}", secrets[0]) + noise
    out = scrub.text(text)
    for secret in secrets:
        assert secret not in out


@settings(deadline=None)
@given(st.sampled_from(SECRET_NAMES), URL_VALUE, st.sampled_from(["?", "&", ";"]))
def test_secret_query_values_are_masked_in_any_url_text(name, value, lead):
    text = f"url='http://h/x{lead if lead != '&' else '?q=1&'}{name}={value}&n=2' failed"
    out = mask_url_params(text)
    assert f"{name}={value}&" not in out
    assert f"{name}={MASK}&n=2" in out


@settings(deadline=None)
@given(st.sampled_from(SECRET_NAMES), LITERAL, LITERAL)
def test_a_masked_template_hides_its_keys_and_restores_them(name, first, second):
    real = f"https://h/{{id}}?{name}={first}&store={{store}}&{name}={second}"
    shown = mask_template(real)
    assert shown == f"https://h/{{id}}?{name}={MASK}&store={{store}}&{name}={MASK}"
    assert restore_template(shown, real) == real


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@settings(deadline=None)
@given(ANY_TEXT.filter(lambda s: len(s) >= MIN_SECRET_CHARS), ANY_TEXT)
def test_a_scrubbed_error_body_holds_no_secret(secret, noise):
    body = {"error": noise + secret + noise, "echo": [secret, {secret: 1}], "n": 2}
    out = Scrubber([secret]).value(body)
    for text in _strings(out):
        assert secret not in text

"""Auth settings, secret store keys and token answers (no network)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.auth import AuthError, parse_token_answer
from inventory_gui.core.fetch.auth_settings import (
    AuthSettings,
    client_secret_key,
    password_key,
    url_origin,
)
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.secrets import mask_template, template_secrets

PASSWORD = "pässword-Q7x9"


def test_auth_settings_refuse_what_a_run_cannot_use():
    bad = [
        (AuthSettings("kerberos"), "auth must be one of"),
        (AuthSettings("basic", user="", password="x"), "user must be non-empty"),
        (AuthSettings("basic", user="a:b", password="x"), "hold no ':'"),
        (AuthSettings("basic", user="alice"), "has no password"),
        (AuthSettings("oauth2", token_url="ftp://x", client_id="a", client_secret="s"), "http"),
        (AuthSettings("oauth2", token_url="https://x/t", client_secret="s"), "client ID"),
        (AuthSettings("oauth2", token_url="https://x/t", client_id="a"), "no client secret"),
    ]
    for auth, words in bad:
        with pytest.raises(SettingsError, match=words):
            FetchSettings("http://h/{id}", auth=auth).validate()
    clash = AuthSettings("basic", user="alice", password=PASSWORD)
    with pytest.raises(SettingsError, match="Authorization header"):
        FetchSettings("http://h/{id}", headers={"authorization": "x"}, auth=clash).validate()
    assert PASSWORD not in repr(clash)


def test_secret_store_keys_name_user_and_origin():
    assert password_key("alice", "https://API.example.com:8443/x/{id}") == (
        "basic-auth:alice@https://api.example.com:8443"
    )
    assert client_secret_key("app", "https://auth.example.com/oauth/token") == (
        "oauth2-client-secret:app@https://auth.example.com"
    )


def test_token_answers():
    assert parse_token_answer(200, b'{"access_token": "t", "expires_in": 3600}') == ("t", 3570)
    assert parse_token_answer(200, b'{"access_token": "t", "expires_in": "10"}') == ("t", 5)
    assert parse_token_answer(200, b'{"access_token": "t"}')[1] == float("inf")
    for status, raw, words in [
        (400, b'{"error": "invalid_scope"}', "HTTP 400 invalid_scope"),
        (500, b"<html>", "HTTP 500"),
        (200, b'{"token": "t"}', "no access_token"),
        (200, b"not json", "no access_token"),
    ]:
        with pytest.raises(AuthError, match=words):
            parse_token_answer(status, raw)


@given(st.integers() | st.floats() | st.text() | st.none() | st.booleans())
def test_any_expires_in_gives_a_usable_lifetime(expires_in):
    raw = json.dumps({"access_token": "tok", "expires_in": expires_in}).encode()
    token, lifetime = parse_token_answer(200, raw)
    assert token == "tok"
    assert lifetime >= 0  # never negative: a token is never born expired
    if isinstance(expires_in, int) and not isinstance(expires_in, bool) and 0 < expires_in < 1e12:
        assert expires_in / 2 <= lifetime < expires_in


@given(st.integers(100, 599), st.binary(max_size=200))
def test_any_answer_gives_a_token_or_one_auth_error(status, raw):
    try:
        token, _lifetime = parse_token_answer(status, raw)
    except AuthError as exc:
        message = str(exc)
    else:
        message = None
        assert status == 200
        assert token
    if message is not None:
        assert message.startswith("could not get an OAuth2 token: ")
        assert "\n" not in message


@given(st.text(max_size=60))
def test_url_origin_is_none_or_an_http_origin(text):
    origin = url_origin(text)
    assert origin is None or origin.startswith(("http://", "https://"))
    if origin is not None:
        assert url_origin(origin) == origin  # stable


@given(
    st.sampled_from(["api_key", "token", "apiKey", "access_token"]),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30).filter(
        lambda t: "\r" not in t and "\n" not in t
    ),
    st.sampled_from(["https://h/s/{id}", "https://h/s/{id}?store=1", "https://h/{id}?a=b#top"]),
)
def test_a_query_key_is_one_masked_query_value(name, token, template):
    auth = AuthSettings("query_key", key_name=name, token=token)
    auth.validate({})
    built, headers, run_auth = auth.apply(template, {})
    assert (headers, run_auth) == ({}, None)
    FetchSettings(built).validate()  # still a usable template
    assert (name, quote(token, safe="")) in template_secrets(built)
    assert mask_template(built) == mask_template(template).split("#")[0] + (
        "&" if "?" in template else "?"
    ) + f"{name}=***" + ("#top" if "#" in template else "")

"""Reading curl commands as API docs and browser devtools give them."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.curl_export import to_curl
from inventory_gui.core.curl_import import (
    CurlError,
    CurlRequest,
    guess_spot,
    id_spots,
    parse_curl,
    template_at,
)

SQUARE = """curl https://connect.squareup.com/v2/inventory/counts/batch-retrieve \\
  -X POST \\
  -H 'Square-Version: 2024-01-18' \\
  -H 'Authorization: Bearer EAAAl-SECRET-TOKEN' \\
  -H 'Content-Type: application/json' \\
  -d '{"catalog_object_ids": ["ID1"]}'"""

SHOPIFY = (
    'curl -X GET "https://my-shop.myshopify.com/admin/api/2024-01/inventory_levels.json'
    '?inventory_item_ids=808950810&location_ids=655441491" \\\n'
    '  -H "X-Shopify-Access-Token: shpat_SECRET123"'
)

DEVTOOLS = r"""curl 'https://api.example.com/v1/stock/AB-12?fields=qty' \
  -H 'accept: application/json' \
  -H 'x-api-key: k-123456' \
  --data-raw '{"a": "it'\''s"}' \
  --compressed"""


def test_square_bulk_post_from_its_docs() -> None:
    request = parse_curl(SQUARE)
    assert request == CurlRequest(
        "POST",
        "https://connect.squareup.com/v2/inventory/counts/batch-retrieve",
        [
            ("Square-Version", "2024-01-18"),
            ("Authorization", "Bearer EAAAl-SECRET-TOKEN"),
            ("Content-Type", "application/json"),
        ],
        '{"catalog_object_ids": ["ID1"]}',
    )
    assert json.loads(request.body or "") == {"catalog_object_ids": ["ID1"]}


def test_shopify_get_with_double_quotes_and_an_access_token() -> None:
    request = parse_curl(SHOPIFY)
    assert request.method == "GET"
    assert request.url.endswith("?inventory_item_ids=808950810&location_ids=655441491")
    assert request.headers == [("X-Shopify-Access-Token", "shpat_SECRET123")]
    assert request.body is None
    spot = guess_spot(request.url, "808950810")
    assert spot is not None
    assert template_at(request.url, spot).endswith(
        "?inventory_item_ids={id}&location_ids=655441491"
    )


def test_devtools_command_with_escaped_quote_and_compressed() -> None:
    request = parse_curl(DEVTOOLS)
    assert request.method == "POST"  # a body without -X
    assert request.body == '{"a": "it\'s"}'
    assert ("x-api-key", "k-123456") in request.headers
    spot = guess_spot(request.url, "AB-12")
    assert spot is not None
    assert template_at(request.url, spot) == "https://api.example.com/v1/stock/{id}?fields=qty"


def test_user_becomes_basic_auth_and_short_options_bundle() -> None:
    request = parse_curl("$ curl -sSL -XPUT -u 'ck_1:cs_2' https://woo.example/wp-json/x -k")
    assert request.method == "PUT"
    assert request.insecure
    token = base64.b64encode(b"ck_1:cs_2").decode()
    assert request.headers == [("Authorization", f"Basic {token}")]


def test_a_dollar_inside_quotes_is_plain_text() -> None:
    assert parse_curl("curl https://h/x --data-raw 'cost: $'\"'\"'5'").body == "cost: $'5"


def test_get_moves_data_to_the_query_and_json_sets_headers() -> None:
    assert parse_curl("curl -G https://h/x?a=1 -d b=2").url == "https://h/x?a=1&b=2"
    request = parse_curl("curl --json '{\"x\": 1}' https://h/x")
    assert request.method == "POST"
    assert ("Content-Type", "application/json") in request.headers


def test_spots_list_path_segments_and_query_values() -> None:
    spots = id_spots("https://h/v2/items/ABC?store=7&q=")
    assert [(s.kind, s.value) for s in spots] == [
        ("path", "v2"), ("path", "items"), ("path", "ABC"), ("query", "7"),
    ]  # fmt: skip
    assert template_at("https://h/v2/items/ABC?store=7&q=", spots[2]) == (
        "https://h/v2/items/{id}?store=7&q="
    )
    assert guess_spot("https://h/a/1/1", "1") is None  # twice: ask
    assert guess_spot("https://h/a/1", None) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("wget https://h/x", "must start with 'curl'"),
        ("curl 'https://h/x", "unclosed quote"),
        ("curl -H 'Authorization: Bearer s3cr3t-value' https://h/x --proxy p:1", "--proxy"),
        ("curl -d @body.json https://h/x", "reads a file"),
        ("curl -H 'no-colon-s3cr3t-value' https://h/x", "not 'Name: value'"),
        ("curl -X POST", "no URL"),
        ("curl https://a https://b", "more than one URL"),
        ("curl https://a -H", "needs a value"),
        ("curl https://a --data-raw $'{\"a\":\n1}'", "copy it as cURL (POSIX)"),
    ],
)
def test_bad_commands_are_one_line_without_values(text: str, problem: str) -> None:
    with pytest.raises(CurlError) as caught:
        parse_curl(text)
    message = str(caught.value)
    assert problem in message
    assert "s3cr3t" not in message
    assert "\n" not in message


_NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True)
_VALUES = (
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@given(
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    path=st.from_regex(r"[A-Za-z0-9._~%-]{1,20}", fullmatch=True),
    headers=st.lists(st.tuples(_NAMES, _VALUES), max_size=5),
    body=st.none() | st.text(st.characters(blacklist_categories=("Cs",))),
)
def test_export_then_import_gives_the_same_request(
    method: str, path: str, headers: list[tuple[str, str]], body: str | None
) -> None:
    url = f"https://api.example.com/{path}?a=1&b=x%20y"
    command = to_curl(method, url, headers, body, reveal=True)
    assert parse_curl(command) == CurlRequest(method, url, headers, body)


@given(st.text(max_size=200))
def test_any_text_is_a_request_or_one_curl_error(text: str) -> None:
    problem = ""
    try:
        request = parse_curl("curl " + text)
    except CurlError as exc:  # anything else would be a crash
        problem = str(exc)
    else:
        assert request.method
        assert request.url
    assert "\n" not in problem

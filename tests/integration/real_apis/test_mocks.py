"""The API mocks answer and refuse as the APIs they stand for document.

The tests in test_api_shapes.py wait for options of issue 13; these check
today that the mocks they rely on are right, with plain HTTP requests.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.cli.apis import serve_in_thread
from tests.integration.real_apis import mocks
from tests.integration.real_apis.mocks import BusinessCentral, MockServer, Shopify, Square


def send(url: str, body: bytes | None = None, **headers: str) -> tuple[int, object]:
    """One request (POST when there is a body): its status and JSON answer."""
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


@pytest.fixture
def square():
    state = Square({"A": [("L1", "IN_STOCK", "3"), ("L2", "IN_STOCK", "4"), ("L1", "SOLD", "9")]})
    with serve_in_thread(lambda: MockServer.start(state.app())) as server:
        yield state, f"{server.url}/v2/inventory/counts/batch-retrieve"


SQUARE_HEADERS = {
    "Authorization": f"Bearer {mocks.SQUARE_TOKEN}",
    "Square-Version": mocks.SQUARE_VERSION,
    "Content-Type": "application/json",
}


def test_square_answers_counts_per_location_and_state(square):
    state, url = square
    body = json.dumps({"catalog_object_ids": ["A", "B"], "states": ["IN_STOCK"]}).encode()
    status, answer = send(url, body, **SQUARE_HEADERS)
    assert status == 200
    assert [(c["catalog_object_id"], c["quantity"]) for c in answer["counts"]] == [
        ("A", "3"), ("A", "4")]  # fmt: skip
    assert state.batches == [["A", "B"]]
    status, answer = send(url, json.dumps({"catalog_object_ids": ["B"]}).encode(),
                          **SQUARE_HEADERS)  # fmt: skip
    assert (status, answer) == (200, {})  # Square leaves an empty list out


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"catalog_object_ids": "A"}, {}),
        ({"catalog_object_ids": []}, {}),
        ({"catalog_object_ids": ["A"] * 1001}, {}),
        ({"catalog_object_ids": ["A"], "states": ["IN_STOCKS"]}, {}),
        ({"catalog_object_id": ["A"]}, {}),
        ({"catalog_object_ids": ["A"]}, {"Square-Version": "2019-01-01"}),
        ({"catalog_object_ids": ["A"]}, {"Authorization": "Bearer wrong"}),
        ({"catalog_object_ids": ["A"]}, {"Content-Type": "text/plain"}),
    ],
)
def test_square_refuses_what_square_refuses(square, body, headers):
    state, url = square
    status, answer = send(url, json.dumps(body).encode(), **{**SQUARE_HEADERS, **headers})
    assert status in (400, 401)
    assert answer["errors"][0]["category"] in ("INVALID_REQUEST_ERROR", "AUTHENTICATION_ERROR")
    assert state.batches == []


def test_shopify_takes_comma_joined_ids_only():
    state = Shopify({11: {1: 3, 2: 4}, 12: {1: 0}})
    token = {"X-Shopify-Access-Token": mocks.SHOPIFY_TOKEN}
    with serve_in_thread(lambda: MockServer.start(state.app())) as server:
        url = f"{server.url}/admin/api/2024-01/inventory_levels.json?inventory_item_ids="
        status, answer = send(url + "11,12,13&limit=250", **token)
        assert status == 200
        assert [(level["inventory_item_id"], level["available"])
                for level in answer["inventory_levels"]] == [(11, 3), (11, 4), (12, 0)]  # fmt: skip
        assert send(url + "11%2C12", **token)[0] == 422  # an encoded comma is not a separator
        assert send(url + ",".join(["1"] * 51), **token)[0] == 422
        assert send(url + "11")[0] == 401
    assert state.batches == [["11", "12", "13"]]


def test_business_central_token_then_items_then_revocation():
    bc = BusinessCentral({"1000": 12.5}, revoke_after=1)
    with serve_in_thread(lambda: MockServer.start(bc.app())) as server:
        form = {"grant_type": "client_credentials", "client_id": mocks.BC_CLIENT_ID,
                "client_secret": mocks.BC_CLIENT_SECRET, "scope": mocks.BC_SCOPE}  # fmt: skip
        token_url = server.url + bc.token_url
        assert send(token_url, urllib.parse.urlencode({**form, "scope": "x"}).encode())[0] == 400
        wrong = {**form, "client_secret": "no"}
        assert send(token_url, urllib.parse.urlencode(wrong).encode())[0] == 401
        status, token = send(token_url, urllib.parse.urlencode(form).encode())
        assert status == 200
        assert token["token_type"] == "Bearer"
        items = server.url + bc.items_path + "?" + urllib.parse.urlencode(
            {"$filter": "number eq '1000'"}, quote_via=urllib.parse.quote)  # fmt: skip
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        status, answer = send(items, **bearer)
        assert status == 200
        assert answer["value"][0]["inventory"] == 12.5
        assert send(items, **bearer)[0] == 401  # revoked after one request
        basic = base64.b64encode(f"{mocks.BC_CLIENT_ID}:{mocks.BC_CLIENT_SECRET}".encode())
        del form["client_id"], form["client_secret"]
        status, second = send(token_url, urllib.parse.urlencode(form).encode(),
                              Authorization=f"Basic {basic.decode()}")  # fmt: skip
        assert status == 200
        assert send(items, Authorization=f"Bearer {second['access_token']}")[0] == 200
    assert bc.token_requests == 4

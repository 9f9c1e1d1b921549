"""Copy as curl for requests with a method, a JSON body and {ids}: the command
reproduces what a run sends (read back by the curl parser)."""

from __future__ import annotations

import json

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.core.curl_export import row_curl
from inventory_gui.core.curl_import import parse_curl
from inventory_gui.core.models import Product


def test_a_post_to_a_fixed_url_carries_the_filled_body_and_its_type() -> None:
    cs = ConnectionSettings(
        url_template="https://api.example.com/v2/inventory/counts/batch-retrieve",
        method="POST",
        body='{"catalog_object_ids": {ids}, "store": {store}, "note": "{id}"}',
    )
    command = row_curl(cs, Product("A/1", {"store": "S 1"}))
    assert command is not None
    request = parse_curl(command)
    assert request.method == "POST"
    assert request.url == "https://api.example.com/v2/inventory/counts/batch-retrieve"
    assert json.loads(request.body) == {
        "catalog_object_ids": ["A/1"], "store": "S 1", "note": "{id}"
    }  # fmt: skip
    assert ("Content-Type", "application/json") in request.headers


def test_ids_in_the_url_and_a_put_without_the_default_method() -> None:
    cs = ConnectionSettings(
        url_template="https://h/levels?ids={ids}", method="PUT", body='{"n": 1}'
    )
    request = parse_curl(row_curl(cs, Product("a,b")) or "")
    assert request.method == "PUT"
    assert request.url == "https://h/levels?ids=a%2Cb"


def test_a_secret_value_in_the_body_is_masked_unless_revealed() -> None:
    cs = ConnectionSettings(
        url_template="https://h/s", method="POST", body='{"api_key": "k-123", "id": {id}}'
    )
    masked = row_curl(cs, Product("x")) or ""
    assert "k-123" not in masked
    assert json.loads(parse_curl(masked).body) == {"api_key": "***", "id": "x"}
    revealed = row_curl(cs, Product("x"), reveal=True) or ""
    assert json.loads(parse_curl(revealed).body)["api_key"] == "k-123"


def test_a_body_that_is_not_json_gives_no_command() -> None:
    cs = ConnectionSettings(url_template="https://h/s", method="POST", body='{"id": {id}')
    assert row_curl(cs, Product("x")) is None

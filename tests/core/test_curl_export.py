"""Writing a row's request as a curl command, secrets masked unless asked."""

from __future__ import annotations

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.core.curl_export import row_curl, to_curl
from inventory_gui.core.models import Product

SETTINGS = ConnectionSettings(
    url_template="https://api.example.com/stock/{id}?store={store}&api_key=KEY-SECRET-77",
    headers=[("Authorization", "Bearer TOKEN-SECRET-99"), ("Accept", "application/json")],
)


def test_a_rows_curl_masks_secrets() -> None:
    command = row_curl(SETTINGS, Product("AB/12", {"store": "north side"}))
    assert command is not None
    assert "TOKEN-SECRET-99" not in command
    assert "KEY-SECRET-77" not in command
    assert "'Authorization: ***'" in command
    assert "api_key=***" in command
    assert "/stock/AB%2F12?store=north%20side" in command  # the URL as sent
    assert "'Accept: application/json'" in command


def test_a_rows_curl_reveals_secrets_when_asked() -> None:
    command = row_curl(SETTINGS, Product("AB/12", {"store": "n"}), reveal=True)
    assert command is not None
    assert "'Authorization: Bearer TOKEN-SECRET-99'" in command
    assert "api_key=KEY-SECRET-77" in command


def test_a_row_that_cannot_be_built_has_no_command() -> None:
    assert row_curl(SETTINGS, Product("..", {"store": "n"})) is None
    assert row_curl(ConnectionSettings(url_template="nope"), Product("1")) is None


def test_a_secret_in_the_body_is_masked_before_quoting() -> None:
    command = to_curl(
        "POST", "https://h/x", [("X-Api-Key", "it's-secret")], '{"k": "it\'s-secret"}'
    )
    assert "secret" not in command
    assert command.splitlines()[0] == "curl https://h/x \\"

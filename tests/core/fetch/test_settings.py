"""Fetch settings: header parsing and validation."""

from __future__ import annotations

import pytest

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.settings import FetchSettings, parse_header

BASE = "https://api.example.com/get-current-inventory/{id}"


def test_parse_header_never_echoes_the_value():
    assert parse_header("Authorization: Bearer abc:def") == ("Authorization", "Bearer abc:def")
    with pytest.raises(SettingsError) as info:
        parse_header("no colon secret-token")
    assert "secret-token" not in str(info.value).split("named")[0]
    with pytest.raises(SettingsError, match="not valid"):
        parse_header("Bad Name: v")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"concurrency": 0}, "concurrency"),
        ({"timeout": 0}, "timeout"),
        ({"retries": -1}, "retries"),
        ({"headers": {"X": "a\nb"}}, "line break"),
    ],
)
def test_settings_validation(change, message):
    with pytest.raises(SettingsError, match=message):
        FetchSettings(BASE, **change).validate()

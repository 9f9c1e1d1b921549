"""URL templates by example: encoding of each value, refused values and templates."""

from __future__ import annotations

import pytest

from inventory_gui.core.errors import TemplateError
from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product

BASE = "https://api.example.com/get-current-inventory/{id}"


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("k3is9dj", "k3is9dj"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("50%", "50%25"),
        ("a b", "a%20b"),
        ("café", "caf%C3%A9"),
        ("007", "007"),
        ("...", "..."),
        ("%2F", "%252F"),
    ],
)
def test_path_value_is_one_encoded_segment(value, encoded):
    url = UrlTemplate(BASE).build(Product(value))
    assert url.raw_path == f"/get-current-inventory/{encoded}"
    assert str(url) == f"https://api.example.com/get-current-inventory/{encoded}"


@pytest.mark.parametrize("value", [".", ".."])
def test_dot_segments_are_refused(value):
    with pytest.raises(UnsafeValueError, match="path segment"):
        UrlTemplate(BASE).build(Product(value))


def test_dot_is_fine_as_a_query_value():
    url = UrlTemplate("https://h/x?id={id}").build(Product(".."))
    assert url.raw_query_string == "id=.."


def test_other_columns_and_query_values():
    template = UrlTemplate("https://h/stores/{store}/items/{id}?region={region}")
    url = template.build(Product("a/b", {"store": "north 1", "region": "eu&x=1"}))
    assert str(url) == "https://h/stores/north%201/items/a%2Fb?region=eu%26x%3D1"
    assert template.placeholders == ("store", "id", "region")


def test_missing_column_is_reported_before_a_run():
    template = UrlTemplate("https://h/{store}/{id}")
    template.check_columns(["store", "name"])
    with pytest.raises(TemplateError, match=r"\{store\}.*columns: id, name"):
        template.check_columns(["name"])
    with pytest.raises(UnsafeValueError):
        template.build(Product("x"))


def test_describe_hides_the_query():
    template = UrlTemplate("https://h/{id}?api_key=SECRET")
    assert template.describe(Product("a b")) == "https://h/a%20b"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("", "empty"),
        ("ftp://h/{id}", "http"),
        ("/get-current-inventory/{id}", "http"),
        ("https://h/items", "no placeholder"),
        ("https://h/{id", "unbalanced"),
        ("https://h/{}", "empty placeholder"),
        ("https://{host}/{id}", "host"),
    ],
)
def test_bad_templates(template, problem):
    with pytest.raises(TemplateError, match=problem):
        UrlTemplate(template)

"""``inventory-gui fetch`` against StockTrim's published OpenAPI document, served by Prism.

Prism validates each request against the document (``--errors``: a request
that breaks it gets a 4xx answer) and answers from the response schema, in its
static mode: the same generated record for every product.  The document says
``GET /api/Products?code=...`` answers an array of ProductsResponseDto and
needs the ``api-auth-id`` header (StockTrim also wants ``api-auth-signature``).
"""

from __future__ import annotations

import json

import pytest

from tests.cli.commands import fetch_cli, write_ids

pytestmark = pytest.mark.slow  # Prism takes a few seconds to start

AUTH_ID = "tenant-7f3a9c"
SIGNATURE = "sig-5b8e1d0c4a"
IDS = ["WIDGET-1", "AB/12", "size M", "café-01"]
PASSED = "The request passed the validation rules"
REFUSED = "Request did not pass the validation rules"


def _fetch(tmp_path, prism, *headers: str):
    out = tmp_path / "out.json"
    done = fetch_cli(
        str(write_ids(tmp_path / "products.csv", IDS)),
        "--url-template", f"{prism.url}/api/Products?code={{id}}",
        *[arg for header in headers for arg in ("--header", header)],
        "--quantity-field", "0.stockOnHand",
        "--retries", "0", "--data-dir", str(tmp_path / "data"), "--output", str(out),
    )  # fmt: skip
    rows = json.loads(out.read_text(encoding="utf-8")) if out.exists() else None
    return done, rows


def test_every_product_passes_validation_and_has_a_quantity(tmp_path, stocktrim_prism):
    passed, refused = stocktrim_prism.count(PASSED), stocktrim_prism.count(REFUSED)
    done, rows = _fetch(tmp_path, stocktrim_prism,
                        f"api-auth-id: {AUTH_ID}", f"api-auth-signature: {SIGNATURE}")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [row["id"] for row in rows] == IDS
    assert all(row["status"] == "ok" for row in rows), rows
    # Static mode: the schema's one generated record, so one number for all.
    quantities = {row["quantity"] for row in rows}
    assert len(quantities) == 1
    assert isinstance(quantities.pop(), int | float)
    assert all(isinstance(row["response"], list) and "productId" in row["response"][0]
               for row in rows)  # fmt: skip
    # Prism's log: one request per product, each valid by the document.
    assert stocktrim_prism.wait_for(PASSED, passed + len(IDS))
    assert stocktrim_prism.count(PASSED) == passed + len(IDS)
    assert stocktrim_prism.count(REFUSED) == refused
    # The header values are secrets: in no output and not in the history.
    stored = [path.read_bytes().decode("utf-8", "replace")
              for path in (tmp_path / "data").rglob("*") if path.is_file()]  # fmt: skip
    assert stored
    for text in (done.stdout, done.stderr, json.dumps(rows), *stored):
        assert AUTH_ID not in text
        assert SIGNATURE not in text


def test_a_request_without_the_required_auth_header_is_refused(tmp_path, stocktrim_prism):
    """Proof that Prism validates: without ``api-auth-id`` every product gets its 401."""
    refused = stocktrim_prism.count(REFUSED)
    done, rows = _fetch(tmp_path, stocktrim_prism, f"api-auth-signature: {SIGNATURE}")
    assert done.returncode == 1, done.stderr
    assert all(row["status"] == "error" and "401" in row["error"] for row in rows), rows
    assert stocktrim_prism.wait_for(REFUSED, refused + len(IDS))

"""Three real API shapes, each against a loopback mock of its documented API.

README's "Real APIs" profiles, run as users would run them: ``inventory-gui
fetch`` in a child process.  Each test needs options of issue 13 (bulk
requests, OAuth2) and is skipped, naming them, while ``inventory-gui fetch
--help`` does not offer them.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest

from inventory_gui.cli.fetch_command import build_parser
from tests.cli.apis import serve_in_thread
from tests.cli.commands import fetch_cli, write_ids
from tests.integration.real_apis import mocks
from tests.integration.real_apis.mocks import BusinessCentral, MockServer, Shopify, Square

OFFERED = set(re.findall(r"--[a-z0-9][a-z0-9-]*", build_parser().format_help()))


def needs(*options: str) -> pytest.MarkDecorator:
    missing = [option for option in options if option not in OFFERED]
    reason = f"inventory-gui fetch does not offer {', '.join(missing)} yet (issue 13)"
    return pytest.mark.skipif(bool(missing), reason=reason)


def run(tmp_path: Path, ids: list[str], *args: str, env: dict[str, str] | None = None):
    """``inventory-gui fetch`` over ``ids``: its process and its rows by ID."""
    out = tmp_path / "out.json"
    done = fetch_cli(str(write_ids(tmp_path / "products.csv", ids)), *args,
                     "--data-dir", str(tmp_path / "data"), "--output", str(out),
                     env={**os.environ, **(env or {})})  # fmt: skip
    rows = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
    assert [row["id"] for row in rows] == ids, done.stderr
    return done, {row["id"]: row for row in rows}


def assert_kept_secret(tmp_path: Path, done, *values: str) -> None:
    """None of ``values`` in the output, the table, the progress or the data folder."""
    texts = [done.stdout, done.stderr, (tmp_path / "out.json").read_text(encoding="utf-8")]
    texts += [path.read_bytes().decode("utf-8", "replace")
              for path in (tmp_path / "data").rglob("*") if path.is_file()]  # fmt: skip
    for value in values:
        assert all(value not in text for text in texts), value


def assert_not_found(row: dict) -> None:
    """A product its batch's answer did not mention: ``not found``, no quantity."""
    assert row["status"] != "ok", row
    assert row["quantity"] is None
    assert "not found" in (row["error"] or "").lower(), row


@needs("--method", "--body", "--batch-size", "--items", "--item-id")
def test_square_bulk_post(tmp_path):
    """Square: 100 IDs per POST, counts per location summed, only IN_STOCK asked for."""
    ids = [f"VAR-{n:03d}" for n in range(230)]
    counts = {pid: [("L1", "IN_STOCK", str(n)), ("L2", "IN_STOCK", "1"), ("L1", "SOLD", "99")]
              for n, pid in enumerate(ids)}  # fmt: skip
    counts["VAR/HALF"] = [("L2", "IN_STOCK", "2.5")]
    ids[120:120] = ["VAR/HALF", "MISSING-1"]
    square = Square(counts)
    with serve_in_thread(lambda: MockServer.start(square.app())) as server:
        done, rows = run(
            tmp_path, ids,
            "--url-template", f"{server.url}/v2/inventory/counts/batch-retrieve",
            "--method", "POST",
            "--body", '{"catalog_object_ids": {ids}, "states": ["IN_STOCK"]}',
            "--batch-size", "100", "--items", "counts", "--item-id", "catalog_object_id",
            "--quantity-field", "quantity",
            "--header", f"Authorization: Bearer {mocks.SQUARE_TOKEN}",
            "--header", f"Square-Version: {mocks.SQUARE_VERSION}",
        )  # fmt: skip
    assert done.returncode == 1, done.stderr  # the missing product is an error row
    assert len(square.batches) == math.ceil(len(ids) / 100)
    assert sorted(len(batch) for batch in square.batches) == [32, 100, 100]
    assert sorted(pid for batch in square.batches for pid in batch) == sorted(ids)
    for n in range(230):
        assert rows[f"VAR-{n:03d}"]["status"] == "ok", rows[f"VAR-{n:03d}"]
        assert rows[f"VAR-{n:03d}"]["quantity"] == n + 1  # two locations, SOLD not asked for
    assert rows["VAR/HALF"]["quantity"] == 2.5
    assert_not_found(rows["MISSING-1"])
    assert_kept_secret(tmp_path, done, mocks.SQUARE_TOKEN)


@needs("--batch-size", "--items", "--item-id")
def test_shopify_comma_joined_get(tmp_path):
    """Shopify: 50 inventory item IDs per GET, comma-joined; numeric IDs match as text."""
    first = 808950810
    levels = {first + k: {487838322: k, 655441491: 2} for k in range(120)}
    levels[first + 7] = {487838322: 5}  # stocked at one location only
    ids = [str(item) for item in levels]
    ids.insert(60, "999999999")
    shopify = Shopify(levels)
    with serve_in_thread(lambda: MockServer.start(shopify.app())) as server:
        done, rows = run(
            tmp_path, ids,
            "--url-template",
            f"{server.url}/admin/api/2024-01/inventory_levels.json"
            "?inventory_item_ids={ids}&limit=250",
            "--batch-size", "50", "--items", "inventory_levels",
            "--item-id", "inventory_item_id", "--quantity-field", "available",
            "--header", f"X-Shopify-Access-Token: {mocks.SHOPIFY_TOKEN}",
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert sorted(len(batch) for batch in shopify.batches) == [21, 50, 50]
    assert sorted(pid for batch in shopify.batches for pid in batch) == sorted(ids)
    for k in range(120):
        expected = 5 if k == 7 else k + 2
        assert rows[str(first + k)]["status"] == "ok", rows[str(first + k)]
        assert rows[str(first + k)]["quantity"] == expected
    assert_not_found(rows["999999999"])
    assert_kept_secret(tmp_path, done, mocks.SHOPIFY_TOKEN)


@needs("--oauth2-token-url", "--client-id", "--scope")
def test_business_central_oauth2_client_credentials(tmp_path):
    """Business Central: one token for the run from another origin, a new one after a 401."""
    inventory = {str(1000 + n): 10.5 + n for n in range(20)}
    bc = BusinessCentral(inventory, revoke_after=5)
    with (
        serve_in_thread(lambda: MockServer.start(bc.app())) as login,
        serve_in_thread(lambda: MockServer.start(bc.app())) as api,
    ):
        done, rows = run(
            tmp_path, list(inventory),
            "--url-template", f"{api.url}{bc.items_path}?$filter=number eq '{{id}}'",
            "--oauth2-token-url", f"{login.url}{bc.token_url}",
            "--client-id", mocks.BC_CLIENT_ID, "--scope", mocks.BC_SCOPE,
            "--quantity-field", "value.0.inventory", "--concurrency", "4",
            env={"INVENTORY_GUI_CLIENT_SECRET": mocks.BC_CLIENT_SECRET},
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert {pid: row["quantity"] for pid, row in rows.items()} == inventory
    # One token for the run; one more when the first stopped working (a 401).
    assert bc.token_requests == 2
    assert_kept_secret(tmp_path, done, mocks.BC_CLIENT_SECRET, *bc.tokens)

"""``inventory-gui fetch`` with --method, --body, --batch-size, --items, --item-id."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from tests.cli.apis import serve_in_thread
from tests.cli.commands import assert_one_line_error, fetch_cli, write_ids


@dataclass
class BulkApi:
    """A Square-like bulk endpoint on loopback: POST a list of IDs, get per-location counts."""

    bodies: list[Any] = field(default_factory=list)
    base: str = ""
    runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        assert request.method == "POST"
        assert request.content_type == "application/json"
        body = await request.json()
        self.bodies.append(body)
        counts = [
            {"catalog_object_id": i, "location_id": loc, "quantity": str(len(i))}
            for i in body["catalog_object_ids"]
            if i != "unknown"
            for loc in ("L1", "L2")
        ]
        return web.json_response({"counts": counts})

    async def start(self) -> BulkApi:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", 0).start()
        self.base = f"http://127.0.0.1:{self.runner.addresses[0][1]}"
        return self

    async def close(self) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


BULK = (
    "--method", "post", "--batch-size", "2", "--items", "counts",
    "--item-id", "catalog_object_id", "--quantity-field", "quantity",
    "--body", '{"catalog_object_ids": {ids}}',
)  # fmt: skip


def test_a_bulk_post_run_writes_one_row_per_product(tmp_path):
    ids = ["a", "bb", "unknown", "dddd", "e"]
    source = write_ids(tmp_path / "ids.csv", ids)
    out = tmp_path / "out.json"
    with serve_in_thread(lambda: BulkApi().start()) as api:
        done = fetch_cli(
            str(source), "--url-template", api.base + "/v2/inventory/counts/batch-retrieve",
            *BULK, "--output", str(out), "--no-history", "--quiet",
        )  # fmt: skip
        bodies = api.bodies
    assert done.returncode == 1, done.stderr  # "unknown" is not found
    assert sorted(len(b["catalog_object_ids"]) for b in bodies) == [1, 2, 2]
    rows = {row["id"]: row for row in json.loads(out.read_text())}
    assert [rows[i]["quantity"] for i in ("a", "bb", "dddd", "e")] == [2, 4, 8, 2]
    assert rows["unknown"]["status"] == "error"
    assert rows["unknown"]["http_status"] == 404


@pytest.mark.parametrize(
    ("options", "needles"),
    [
        (["--batch-size", "5"], ["batch size 5 needs {ids}"]),
        (["--batch-size", "0"], ["--batch-size", "must be 1 to 1000"]),
        (["--quantity-field", "counts[?"], ["quantity field 'counts[?' is not a valid path"]),
        (["--method", "POST", "--body", '{"id": {id}'], ["body is not valid JSON"]),
        (["--method", "POST", "--body", '{"id": {sku}}'], ["body uses {sku}"]),
        (["--body", '{"id": {id}}'], ["needs method POST"]),
        (["--method", "DELETE"], ["method must be one of"]),
    ],
)
def test_unusable_request_options_are_one_line_exit_2(tmp_path, options, needles):
    source = write_ids(tmp_path / "ids.csv", ["a"])
    done = fetch_cli(
        str(source), "--url-template", "http://127.0.0.1:1/s/{id}", "--no-history", *options
    )
    assert_one_line_error(done, *needles)

"""``inventory-gui fetch --profile NAME``: a profile saved by the window, flags overriding it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from inventory_gui.cli import fetch_profile
from inventory_gui.cli.fetch_command import parse
from inventory_gui.cli.main import main
from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.profiles import ProfileStore
from tests.cli.apis import serve_in_thread
from tests.cli.commands import assert_one_line_error, fetch_cli, write_ids
from tests.loopback import LoopbackApi, product_id

TOKEN = "Bearer PROFILE-SECRET-4242"


async def _answer(request: web.Request, api: LoopbackApi) -> web.Response:
    return web.json_response({"id": product_id(request), "quantity": 1, "stock": {"available": 5}})


@pytest.fixture
def api() -> Iterator[LoopbackApi]:
    with serve_in_thread(lambda: LoopbackApi(_answer).start()) as server:
        yield server


def _profiles(tmp_path: Path, api: LoopbackApi, secrets: MemorySecretStore) -> Path:
    path = tmp_path / "profiles.json"
    store = ProfileStore(path, secrets)
    shop = ConnectionSettings(
        url_template=api.template,
        headers=[("X-Shop", "north"), ("Authorization", TOKEN)],
        quantity_field="stock.available",
        concurrency=2,
    )
    store.create("Shop", shop)
    store.create("Plain", ConnectionSettings(url_template=api.template, headers=[("X-Shop", "a")]))
    return path


def _quantities(out: Path) -> list[object]:
    return [row["quantity"] for row in json.loads(out.read_text(encoding="utf-8"))]


def test_a_profile_runs_and_flags_override_its_fields(tmp_path: Path, api: LoopbackApi) -> None:
    profiles = _profiles(tmp_path, api, MemorySecretStore())
    products, out = write_ids(tmp_path / "p.csv", ["A1", "B2"]), tmp_path / "out.json"
    base = ["--profiles-file", str(profiles), "-o", str(out), "--quiet", "--no-history"]
    done = fetch_cli(str(products), "--profile", "Plain", *base)
    assert done.returncode == 0, done.stderr
    assert _quantities(out) == [1, 1]  # the default fields
    assert {h["X-Shop"] for h in api.headers} == {"a"}
    api.headers.clear()
    done = fetch_cli(
        str(products), "--profile", "Plain", "--quantity-field", "stock.available",
        "--header", "X-Shop: south", "--header", "X-More: 1", *base,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _quantities(out) == [5, 5]
    assert {(h["X-Shop"], h["X-More"]) for h in api.headers} == {("south", "1")}


def test_a_secret_the_keyring_lacks_must_be_given(tmp_path: Path, api: LoopbackApi) -> None:
    """The child process has no keyring (tests set INVENTORY_GUI_NO_KEYRING)."""
    profiles = _profiles(tmp_path, api, MemorySecretStore())
    products, out = write_ids(tmp_path / "p.csv", ["A1"]), tmp_path / "out.json"
    base = [str(products), "--profiles-file", str(profiles), "--profile", "Shop", "-o", str(out)]
    assert_one_line_error(fetch_cli(*base), "header 'authorization'", "--header")
    assert api.requests == []
    done = fetch_cli(*base, "--header", "Authorization: Bearer typed", "--no-history")
    assert done.returncode == 0, done.stderr
    assert _quantities(out) == [5]  # the profile's quantity field
    assert api.headers[0]["Authorization"] == "Bearer typed"
    assert api.headers[0]["X-Shop"] == "north"


def test_a_profile_takes_its_secrets_from_the_keyring(
    tmp_path: Path, api: LoopbackApi, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    secrets = MemorySecretStore()  # stands in for the system keyring the window wrote to
    profiles = _profiles(tmp_path, api, secrets)
    monkeypatch.setattr(fetch_profile, "detect_secret_store", lambda: secrets)
    out = tmp_path / "out.json"
    products = write_ids(tmp_path / "p.csv", ["A1"])
    status = main(["fetch", str(products), "--profiles-file", str(profiles), "--profile", "Shop",
                   "-o", str(out), "--quiet", "--no-history"])  # fmt: skip
    assert status == 0
    assert api.headers[0]["Authorization"] == TOKEN
    assert TOKEN not in profiles.read_text() + capsys.readouterr().err


def test_unknown_profile_or_file_is_one_line(tmp_path: Path, api: LoopbackApi) -> None:
    profiles = _profiles(tmp_path, api, MemorySecretStore())
    products = str(write_ids(tmp_path / "p.csv", ["A1"]))
    done = fetch_cli(products, "--profiles-file", str(profiles), "--profile", "Nope")
    assert_one_line_error(done, "no profile named 'Nope'", "'Shop', 'Plain'")
    missing = tmp_path / "none.json"
    done = fetch_cli(products, "--profiles-file", str(missing), "--profile", "Shop")
    assert_one_line_error(done, "no profiles file at", str(missing))
    profiles.write_text("{broken")
    done = fetch_cli(products, "--profiles-file", str(profiles), "--profile", "Shop")
    assert_one_line_error(done, str(profiles), "not valid JSON")


def test_an_option_given_with_its_default_value_still_overrides_the_profile() -> None:
    args = parse(["p.csv", "--profile", "Shop", "--concurrency", "16", "--insecure"])
    assert args.given_options == {"concurrency", "insecure"}
    assert parse(["p.csv", "--concurrency", "16"]).concurrency == 16  # no profile: as before

"""``inventory-gui fetch --profile NAME``: a profile saved by the window, flags overriding it."""

from __future__ import annotations

import argparse
import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web

from inventory_gui.cli import auth_options, fetch_profile
from inventory_gui.cli.fetch_command import parse
from inventory_gui.cli.main import main
from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.fetch.auth_settings import (
    BASIC,
    BEARER,
    CLIENT_SECRET_ENV,
    OAUTH2,
    PASSWORD_ENV,
    QUERY_KEY,
    AuthSettings,
    client_secret_key,
)
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.profiles import ProfileStore
from tests.cli.apis import serve_in_thread
from tests.cli.commands import assert_one_line_error, fetch_cli, write_ids
from tests.loopback import LoopbackApi, product_id
from tests.network_servers import CountingProxy

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
    """The command has no keyring (tests set INVENTORY_GUI_NO_KEYRING)."""
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


# -- the profile's Auth and Network groups ---------------------------------------------

PASSWORD = "pw-PROFILE-BASIC-31"
PROXY_SECRET = "px-PROFILE-PROXY-77"


def _basic_api() -> LoopbackApi:
    """An API that answers only with alice's Basic credentials."""
    expected = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()

    async def handler(request: web.Request, api: LoopbackApi) -> web.Response:
        if request.headers.get("Authorization") != expected:
            return web.json_response({"error": "unauthorized"}, status=401)
        return web.json_response({"quantity": len(product_id(request))})

    return LoopbackApi(handler)


def _run(tmp_path: Path, secrets: MemorySecretStore, profiles: Path, *more: str) -> int:
    products, out = write_ids(tmp_path / "p.csv", ["A1", "B22"]), tmp_path / "out.json"
    return main(["fetch", str(products), "--profiles-file", str(profiles), "-o", str(out),
                 "--quiet", "--no-history", *more])  # fmt: skip


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> MemorySecretStore:
    """Stands in for the system keyring; no password in the environment."""
    secrets = MemorySecretStore()
    monkeypatch.setattr(fetch_profile, "detect_secret_store", lambda: secrets)
    monkeypatch.setattr(auth_options, "detect_secret_store", lambda: secrets)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return secrets


def test_a_profile_signs_in_with_its_basic_auth_and_stored_password(
    tmp_path: Path, keyring: MemorySecretStore, capsys: pytest.CaptureFixture
) -> None:
    with serve_in_thread(lambda: _basic_api().start()) as api:
        profiles = tmp_path / "profiles.json"
        ProfileStore(profiles, keyring).create(
            "Basic",
            ConnectionSettings(
                url_template=api.template, auth=AuthSettings(BASIC, user="alice", password=PASSWORD)
            ),
        )
        assert _run(tmp_path, keyring, profiles, "--profile", "Basic", "--concurrency", "1") == 0
        assert len(api.requests) == 2
        assert _quantities(tmp_path / "out.json") == [2, 3]
        assert PASSWORD not in profiles.read_text() + capsys.readouterr().err


def test_the_password_variable_wins_over_the_profile_and_auth_options_replace_it(
    tmp_path: Path, keyring: MemorySecretStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve_in_thread(lambda: _basic_api().start()) as api:
        profiles = tmp_path / "profiles.json"
        ProfileStore(profiles, keyring).create(
            "Stale",
            ConnectionSettings(
                url_template=api.template, auth=AuthSettings(BASIC, user="alice", password="old")
            ),
        )
        assert _run(tmp_path, keyring, profiles, "--profile", "Stale") == 1  # 401s
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        assert _run(tmp_path, keyring, profiles, "--profile", "Stale") == 0
        monkeypatch.setenv(PASSWORD_ENV, "wrong")
        # --basic-auth replaces the profile's auth: bob's password comes from the variable.
        assert _run(tmp_path, keyring, profiles, "--profile", "Stale", "--basic-auth", "bob") == 1
        assert (
            api.headers[-1]["Authorization"] == "Basic " + base64.b64encode(b"bob:wrong").decode()
        )


def test_a_profile_goes_through_its_proxy_with_its_stored_credentials(
    tmp_path: Path, keyring: MemorySecretStore, api: LoopbackApi, capsys: pytest.CaptureFixture
) -> None:
    with serve_in_thread(lambda: CountingProxy().start()) as proxy:
        profiles = tmp_path / "profiles.json"
        url = proxy.url.replace("//", f"//ops:{PROXY_SECRET}@")
        ProfileStore(profiles, keyring).create(
            "Corp",
            ConnectionSettings(url_template=api.template, network=NetworkOptions(proxy=url)),
        )
        assert PROXY_SECRET not in profiles.read_text()
        assert _run(tmp_path, keyring, profiles, "--profile", "Corp") == 0
        assert len(proxy.lines) == 2
        assert set(proxy.auth) == {
            "Basic " + base64.b64encode(f"ops:{PROXY_SECRET}".encode()).decode()
        }
        keyring.delete("profile:Corp:network:proxy")
        assert _run(tmp_path, keyring, profiles, "--profile", "Corp") == 2
        err = capsys.readouterr().err
        assert "proxy of profile 'Corp'" in err
        assert "--proxy" in err
        assert PROXY_SECRET not in err
        assert _run(tmp_path, keyring, profiles, "--profile", "Corp", "--proxy", proxy.url) == 0
        assert len(proxy.lines) == 4


def test_a_profiles_bearer_token_becomes_its_header(
    tmp_path: Path, keyring: MemorySecretStore, api: LoopbackApi
) -> None:
    profiles = tmp_path / "profiles.json"
    ProfileStore(profiles, keyring).create(
        "Token",
        ConnectionSettings(
            url_template=api.template, auth=AuthSettings(BEARER, token="tok-PROFILE-9")
        ),
    )
    assert _run(tmp_path, keyring, profiles, "--profile", "Token") == 0
    assert {h["Authorization"] for h in api.headers} == {"Bearer tok-PROFILE-9"}
    api.headers.clear()
    flagged = ("--header", "Authorization: Bearer typed")
    assert _run(tmp_path, keyring, profiles, "--profile", "Token", *flagged) == 0
    assert {h["Authorization"] for h in api.headers} == {"Bearer typed"}


OAUTH2_PROFILE = AuthSettings(
    OAUTH2, token_url="https://auth.example/token", client_id="shop-app",
    client_secret="cs-PROFILE-OAUTH-1", scope="inventory:read", audience="https://api.example",
)  # fmt: skip


def _oauth2_args(tmp_path: Path, keyring: MemorySecretStore, *more: str) -> argparse.Namespace:
    profiles = tmp_path / "profiles.json"
    shop = ConnectionSettings(url_template="https://api.example/{id}", auth=OAUTH2_PROFILE)
    ProfileStore(profiles, keyring).create("OAuth", shop)
    args = parse(["p.csv", "--profiles-file", str(profiles), "--profile", "OAuth", *more])
    fetch_profile.apply_profile(args, args.given_options)
    return args


def test_a_profiles_oauth2_client_secret_comes_after_the_environment_and_before_the_keyring(
    tmp_path: Path, keyring: MemorySecretStore
) -> None:
    args = _oauth2_args(tmp_path, keyring)
    window_entry = client_secret_key("shop-app", "https://auth.example/token")
    keyring.set(window_entry, "cs-WINDOW-ENTRY")
    template = args.url_template

    def run_auth(environ: dict[str, str]) -> AuthSettings | None:
        return auth_options.auth_settings(args, template, environ=environ, store=lambda: keyring)

    assert run_auth({}) == OAUTH2_PROFILE
    from_env = run_auth({CLIENT_SECRET_ENV: "cs-ENV"})
    assert from_env is not None
    assert from_env.client_secret == "cs-ENV"
    args.client_id = "other-app"  # not the profile's client: its secret is not offered
    keyring.set(client_secret_key("other-app", "https://auth.example/token"), "cs-OTHER")
    other = run_auth({})
    assert other is not None
    assert other.client_secret == "cs-OTHER"


def test_any_auth_option_replaces_the_profiles_auth(
    tmp_path: Path, keyring: MemorySecretStore
) -> None:
    args = _oauth2_args(tmp_path, keyring, "--basic-auth", "bob")
    assert args.oauth2_token_url is None  # not "give one, not both"
    assert args.client_id is None
    assert not hasattr(args, "profile_auth")


def test_a_profiles_query_key_joins_the_template_and_a_lost_template_key_is_one_line(
    tmp_path: Path, keyring: MemorySecretStore, api: LoopbackApi, capsys: pytest.CaptureFixture
) -> None:
    profiles = tmp_path / "profiles.json"
    store = ProfileStore(profiles, keyring)
    query_key = AuthSettings(QUERY_KEY, key_name="api_key", token="qk-PROFILE-6")
    store.create("Query", ConnectionSettings(url_template=api.template, auth=query_key))
    assert _run(tmp_path, keyring, profiles, "--profile", "Query") == 0
    assert {r.partition("?")[2] for r in api.requests} == {"api_key=qk-PROFILE-6"}
    store.create("Keyed", ConnectionSettings(url_template=api.template + "?api_key=tk-LOST-1"))
    keyring.delete("profile:Keyed:url_template")
    assert _run(tmp_path, keyring, profiles, "--profile", "Keyed") == 2
    err = capsys.readouterr().err
    assert "no key of the URL template of profile 'Keyed'" in err
    assert "tk-LOST-1" not in err

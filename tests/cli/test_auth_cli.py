"""``inventory-gui fetch --basic-auth`` and ``--oauth2-token-url``; the password typed at a
prompt in a child process on a pseudo-terminal."""

from __future__ import annotations

import argparse
import base64
import json
import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest
from aiohttp import web

from inventory_gui.cli.auth_options import auth_settings
from inventory_gui.cli.fetch_command import build_parser
from inventory_gui.core.connection import MemorySecretStore
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.auth_settings import client_secret_key, password_key
from tests.cli.apis import serve_in_thread
from tests.cli.commands import (
    assert_one_line_error,
    fetch_argv,
    fetch_cli,
    table_rows,
    write_ids,
)
from tests.loopback import LoopbackApi, product_id
from tests.oauth2_server import TokenServer

PASSWORD = "hunter2-Basic-5f3c"
CLIENT_SECRET = "cs-9a8b7c6d5e"
IDS = ["a1", "b22", "c333"]


def basic_api(password: str = PASSWORD) -> LoopbackApi:
    expected = "Basic " + base64.b64encode(f"alice:{password}".encode()).decode()

    async def handler(request: web.Request, api: LoopbackApi) -> web.Response:
        if request.headers.get("Authorization") != expected:
            return web.json_response({"error": "unauthorized"}, status=401)
        return web.json_response({"quantity": len(product_id(request))})

    return LoopbackApi(handler)


def bearer_api(tokens: TokenServer) -> LoopbackApi:
    async def handler(request: web.Request, api: LoopbackApi) -> web.Response:
        auth = request.headers.get("Authorization", "")
        if product_id(request) == "refused" or auth.removeprefix("Bearer ") not in tokens.issued:
            # An API that echoes the request's credentials in its error.
            return web.json_response({"error": f"bad token {auth}"}, status=401)
        return web.json_response({"quantity": len(product_id(request))})

    return LoopbackApi(handler)


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INVENTORY_GUI_")}
    env["INVENTORY_GUI_NO_KEYRING"] = "1"
    return {**env, **extra}


def every_file_text(*folders: Path) -> str:
    """Every byte the run left in these folders, as text (history database included)."""
    return "".join(
        path.read_bytes().decode("latin-1")
        for folder in folders
        for path in folder.rglob("*")
        if path.is_file()
    )


def test_basic_auth_password_from_the_environment(tmp_path):
    products = write_ids(tmp_path / "ids.csv", IDS)
    out = tmp_path / "out.json"
    with serve_in_thread(lambda: basic_api().start()) as api:
        done = fetch_cli(
            str(products), "--url-template", api.template, "--basic-auth", "alice",
            "--output", str(out), "--data-dir", str(tmp_path / "data"),
            env=child_env(INVENTORY_GUI_PASSWORD=PASSWORD), stdin=subprocess.DEVNULL,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [row["quantity"] for row in json.loads(out.read_text())] == [2, 3, 4]
    encoded = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    for text in (done.stdout, done.stderr, every_file_text(tmp_path)):
        assert PASSWORD not in text
        assert encoded not in text


def test_basic_auth_password_typed_at_a_prompt(tmp_path):
    products = write_ids(tmp_path / "ids.csv", IDS)
    master, slave = pty.openpty()
    with serve_in_thread(lambda: basic_api().start()) as api:
        argv = fetch_argv(str(products), "--url-template", api.template, "--basic-auth", "alice",
                          "--quiet", "--no-history")  # fmt: skip
        # A new session: no controlling terminal, so getpass reads the pty on stdin.
        child = subprocess.Popen(
            argv, stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=child_env(), start_new_session=True,
        )  # fmt: skip
        os.close(slave)
        try:
            prompt = _read_until(child.stderr, b"Password for alice at http://127.0.0.1")
            assert PASSWORD.encode() not in prompt
            os.write(master, PASSWORD.encode() + b"\n")
            stdout, stderr = child.communicate(timeout=60)
        finally:
            child.kill()
            child.wait()
            os.close(master)
    assert child.returncode == 0, stderr
    rows = table_rows(stdout.decode())
    assert len(rows) == 3
    assert all(" ok " in row for row in rows)
    assert PASSWORD.encode() not in stdout + stderr + prompt


def _read_until(stream, needle: bytes, timeout: float = 30) -> bytes:
    """Read ``stream`` until ``needle`` has appeared (a prompt); fail after ``timeout``."""
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no prompt; got {seen!r}"
        ready, _, _ = select.select([stream], [], [], left)
        if ready:
            chunk = os.read(stream.fileno(), 4096)
            assert chunk, f"the command ended before prompting: {seen!r}"
            seen += chunk
    return seen


def test_basic_auth_without_a_password_and_no_terminal_is_one_line(tmp_path):
    products = write_ids(tmp_path / "ids.csv", IDS)
    done = fetch_cli(
        str(products), "--url-template", "http://127.0.0.1:9/{id}", "--basic-auth", "alice",
        env=child_env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert_one_line_error(done, "--basic-auth alice: no password", "INVENTORY_GUI_PASSWORD")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--client-id", "x"], "--client-id needs --oauth2-token-url"),
        (["--oauth2-token-url", "http://127.0.0.1:9/t"], "needs --client-id"),
        (["--oauth2-token-url", "http://127.0.0.1:9/t", "--client-id", "app"],
         "--client-id app: no client secret"),
        (["--basic-auth", "a", "--oauth2-token-url", "http://h/t"], "not both"),
        (["--basic-auth", "alice", "--header", "Authorization: Bearer x"],
         "an Authorization header and --basic-auth"),
        (["--oauth2-token-url", "file:///t", "--client-id", "app"], "OAuth2 token URL must be"),
    ],
)  # fmt: skip
def test_auth_options_that_cannot_work_are_one_line(tmp_path, options, words):
    products = write_ids(tmp_path / "ids.csv", IDS)
    done = fetch_cli(
        str(products), "--url-template", "http://127.0.0.1:9/{id}", *options,
        env=child_env(INVENTORY_GUI_PASSWORD="pw-1234", **(
            {"INVENTORY_GUI_CLIENT_SECRET": "cs-1234"} if "file:///t" in options else {}
        )),
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert_one_line_error(done, words)
    assert "pw-1234" not in done.stderr


def test_oauth2_run_keeps_token_and_secret_out_of_every_file(tmp_path):
    products = write_ids(tmp_path / "ids.csv", [*IDS, "d4444", "refused"])
    out = tmp_path / "out.json"
    with (
        serve_in_thread(lambda: TokenServer().start()) as tokens,
        serve_in_thread(lambda: bearer_api(tokens).start()) as api,
    ):
        done = fetch_cli(
            str(products), "--url-template", api.template,
            "--oauth2-token-url", tokens.url, "--client-id", "app-1", "--scope", "read",
            "--concurrency", "5", "--output", str(out), "--data-dir", str(tmp_path / "data"),
            env=child_env(INVENTORY_GUI_CLIENT_SECRET=CLIENT_SECRET),
        )  # fmt: skip
        csv_done = fetch_cli(
            str(products), "--url-template", api.template,
            "--oauth2-token-url", tokens.url, "--client-id", "app-1",
            "--output", str(tmp_path / "out.csv"), "--data-dir", str(tmp_path / "data"),
            env=child_env(INVENTORY_GUI_CLIENT_SECRET=CLIENT_SECRET),
        )  # fmt: skip
    assert done.returncode == 1, done.stderr  # "refused" is an error row
    assert csv_done.returncode == 1, csv_done.stderr
    # One per run, and one per run for the 401 of "refused" (a renewal, then the error).
    assert len(tokens.forms) == 4
    assert tokens.forms[0]["scope"] == "read"
    rows = json.loads(out.read_text())
    assert [row["quantity"] for row in rows] == [2, 3, 4, 5, None]
    assert rows[-1]["error"].startswith("HTTP 401")
    assert "bad token Bearer ***" in rows[-1]["error"]
    secrets = [CLIENT_SECRET, *tokens.issued]
    for text in (done.stdout, done.stderr, csv_done.stderr, every_file_text(tmp_path)):
        for secret in secrets:
            assert secret not in text


def test_oauth2_token_endpoint_refusing_fails_every_row(tmp_path):
    products = write_ids(tmp_path / "ids.csv", IDS)
    out = tmp_path / "out.json"
    with (
        serve_in_thread(lambda: TokenServer(status=401).start()) as tokens,
        serve_in_thread(lambda: bearer_api(tokens).start()) as api,
    ):
        done = fetch_cli(
            str(products), "--url-template", api.template, "--oauth2-token-url", tokens.url,
            "--client-id", "app-1", "--output", str(out), "--no-history",
            env=child_env(INVENTORY_GUI_CLIENT_SECRET=CLIENT_SECRET),
        )  # fmt: skip
        assert api.requests == []
    assert done.returncode == 1, done.stderr
    errors = {row["error"] for row in json.loads(out.read_text())}
    assert errors == {"could not get an OAuth2 token: HTTP 401 invalid_client"}
    assert len(tokens.forms) == 1


# -- where secrets come from (in this process) ---------------------------------------


def parse(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["ids.csv", *argv])


TEMPLATE = "https://api.example.com/stock/{id}"


def test_password_order_environment_keyring_prompt():
    store = MemorySecretStore()
    store.set(password_key("alice", TEMPLATE), "from-keyring")
    args = parse("--basic-auth", "alice")

    def resolve(environ, interactive=False):
        return auth_settings(args, TEMPLATE, environ=environ, store=lambda: store,
                             prompt=lambda text: f"typed for {text}",
                             interactive=lambda: interactive)  # fmt: skip

    assert resolve({"INVENTORY_GUI_PASSWORD": "from-env"}).password == "from-env"
    assert resolve({}).password == "from-keyring"
    store.delete(password_key("alice", TEMPLATE))
    typed = resolve({}, interactive=True).password
    assert typed == "typed for Password for alice at https://api.example.com: "
    with pytest.raises(SettingsError, match="no password"):
        resolve({})


def test_client_secret_from_the_keyring_per_client_and_token_origin():
    store = MemorySecretStore()
    store.set(client_secret_key("app", "https://auth.example.com/x"), "from-keyring")
    args = parse("--oauth2-token-url", "https://auth.example.com/oauth/token", "--client-id",
                 "app", "--audience", "inv")  # fmt: skip
    auth = auth_settings(args, TEMPLATE, environ={}, store=lambda: store)
    assert auth is not None
    assert (auth.client_secret, auth.audience, auth.scope) == ("from-keyring", "inv", "")
    assert auth_settings(parse(), TEMPLATE, environ={}, store=lambda: store) is None

"""``inventory-gui fetch`` through proxies and private TLS: the options end to end,
against loopback servers on threads."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator

import pytest

from tests.cli.apis import serve_in_thread
from tests.cli.commands import assert_one_line_error, fetch_cli, write_ids
from tests.loopback import stock_handler
from tests.network_servers import CountingProxy, Pki, tls_api

SECRET = "pr0xy-s3cret"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


def environment(**proxies: str) -> dict[str, str]:
    """This process's environment without proxy variables, plus ``proxies``."""
    names = {*PROXY_VARIABLES, *(name.upper() for name in PROXY_VARIABLES)}
    env = {k: v for k, v in os.environ.items() if k not in names}
    return env | proxies


@pytest.fixture
def proxy() -> Iterator[CountingProxy]:
    with serve_in_thread(lambda: CountingProxy().start()) as server:
        yield server


@pytest.fixture
def pki(tmp_path) -> Pki:
    return Pki.make(tmp_path)


def test_proxy_with_credentials_carries_the_run_and_keeps_them_secret(tmp_path, stock_api, proxy):
    ids = write_ids(tmp_path / "ids.csv", ["A1", "B2"])
    out, data = tmp_path / "out.json", tmp_path / "data"
    url = proxy.url.replace("//", f"//ops:{SECRET}@")
    done = fetch_cli(str(ids), "--url-template", stock_api.template, "--proxy", url,
                     "--output", str(out), "--data-dir", str(data), env=environment())  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(proxy.lines) == 2
    assert proxy.auth == ["Basic " + base64.b64encode(f"ops:{SECRET}".encode()).decode()] * 2
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in out.read_text()
    for file in data.iterdir():  # the history database and whatever sits beside it
        assert SECRET.encode() not in file.read_bytes()


def test_the_environment_proxy_and_no_proxy(tmp_path, stock_api, proxy):
    ids = write_ids(tmp_path / "ids.csv", ["A1", "B2"])
    args = (str(ids), "--url-template", stock_api.template, "-q", "--no-history")
    done = fetch_cli(*args, env=environment(HTTP_PROXY=proxy.url))
    assert done.returncode == 0, done.stderr
    assert len(proxy.lines) == 2
    done = fetch_cli(*args, env=environment(HTTP_PROXY=proxy.url, NO_PROXY="127.0.0.1"))
    assert done.returncode == 0, done.stderr
    done = fetch_cli(*args, "--no-proxy-env", env=environment(HTTP_PROXY=proxy.url))
    assert done.returncode == 0, done.stderr
    assert len(proxy.lines) == 2  # neither of the last two went through it


def test_a_private_ca_needs_its_bundle(tmp_path, pki):
    ids = write_ids(tmp_path / "ids.csv", ["A1"])
    with serve_in_thread(lambda: tls_api(stock_handler, pki.server_context()).start()) as api:
        args = (str(ids), "--url-template", api.template, "--no-history")
        refused = fetch_cli(*args, env=environment())
        trusted = fetch_cli(*args, "--ca-bundle", str(pki.ca_file), env=environment())
    assert refused.returncode == 1, refused.stderr
    assert "TLS certificate not trusted" in refused.stdout
    assert trusted.returncode == 0, trusted.stderr


def test_mutual_tls_with_a_client_certificate(tmp_path, pki):
    ids = write_ids(tmp_path / "ids.csv", ["A1"])
    context = pki.server_context(require_client_cert=True)
    with serve_in_thread(lambda: tls_api(stock_handler, context).start()) as api:
        args = (str(ids), "--url-template", api.template, "--no-history",
                "--ca-bundle", str(pki.ca_file))  # fmt: skip
        # Refused in the handshake: a connection error, which would be retried after pauses.
        without = fetch_cli(*args, "--retries", "0", env=environment())
        with_cert = fetch_cli(*args, "--client-cert", str(pki.client_cert_only),
                              "--client-key", str(pki.client_key), env=environment())  # fmt: skip
    assert without.returncode == 1, without.stderr
    assert with_cert.returncode == 0, with_cert.stderr


@pytest.mark.parametrize(
    ("option", "needles"),
    [
        (["--ca-bundle", "missing.pem"], ["CA bundle 'missing.pem'", "no such file"]),
        (["--client-cert", "ids.csv"], ["client certificate 'ids.csv'", "does not hold"]),
        (["--client-key", "ids.csv"], ["client key needs a client certificate"]),
        (["--proxy", f"socks5://ops:{SECRET}@proxy"], ["proxy '***@proxy'", "http://host:port"]),
    ],
)
def test_bad_network_options_stop_before_fetching(tmp_path, option, needles, stock_api):
    write_ids(tmp_path / "ids.csv", ["A1"])
    done = fetch_cli("ids.csv", "--url-template", stock_api.template, "--no-history", *option,
                     cwd=tmp_path, env=environment())  # fmt: skip
    assert_one_line_error(done, *needles)
    assert SECRET not in done.stderr
    assert stock_api.requested() == []

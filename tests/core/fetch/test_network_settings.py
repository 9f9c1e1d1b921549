"""Proxy and TLS settings checked before a run: one line naming the setting and
the file or URL, never a secret; the contexts a session is given."""

from __future__ import annotations

import ssl
from urllib.parse import quote

import pytest
import truststore
from hypothesis import assume, given
from hypothesis import strategies as st

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.proxy import check_proxy
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.fetch.tls import tls_context
from tests.network_servers import Pki


@pytest.fixture
def pki(tmp_path) -> Pki:
    return Pki.make(tmp_path)


def test_insecure_without_a_client_certificate_verifies_nothing():
    assert tls_context(FetchSettings("https://example.test/{id}", verify_tls=False)) is False


def test_the_default_context_is_the_system_trust_store():
    context = tls_context(FetchSettings("https://example.test/{id}"))
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED


# -- validation: one line before anything is sent ----------------------------------


def check(**options) -> str:
    with pytest.raises(SettingsError) as caught:
        FetchSettings("https://example.test/{id}", **options).validate()
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_bad_tls_files_are_refused_in_one_line(tmp_path, pki):
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    (tmp_path / "other").mkdir()
    other = Pki.make(tmp_path / "other")
    assert check(ca_bundle=str(tmp_path / "nope.pem")) == (
        f"CA bundle {str(tmp_path / 'nope.pem')!r}: no such file"
    )
    assert "is a folder" in check(ca_bundle=str(tmp_path))
    assert check(ca_bundle=str(junk)).startswith(f"CA bundle {str(junk)!r}: does not hold PEM")
    assert "does not hold" in check(client_cert=str(junk))
    assert "no such file" in check(client_cert=str(pki.client_cert_only), client_key="/no/key")
    mismatch = check(client_cert=str(pki.client_cert_only), client_key=str(other.client_key))
    assert mismatch.endswith("the private key does not belong to this certificate")
    assert "needs a client certificate" in check(client_key=str(pki.client_key))


def test_an_encrypted_key_takes_its_passphrase_from_the_environment(tmp_path, pki, monkeypatch):
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pki.client_key.read_bytes(), None)
    locked = tmp_path / "locked.key"
    locked.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"open sesame"),
    ))  # fmt: skip
    settings = FetchSettings(
        "https://example.test/{id}", client_cert=str(pki.client_cert_only), client_key=str(locked)
    )
    monkeypatch.delenv("INVENTORY_GUI_CLIENT_KEY_PASSWORD", raising=False)
    with pytest.raises(SettingsError, match="encrypted: set INVENTORY_GUI_CLIENT_KEY_PASSWORD"):
        settings.validate()
    monkeypatch.setenv("INVENTORY_GUI_CLIENT_KEY_PASSWORD", "wrong")
    with pytest.raises(SettingsError, match="passphrase"):
        settings.validate()
    monkeypatch.setenv("INVENTORY_GUI_CLIENT_KEY_PASSWORD", "open sesame")
    settings.validate()


# -- the proxy URL ----------------------------------------------------------------

USERINFO = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=4)


def refusal(url: str) -> str:
    """Why check_proxy refuses ``url``, or "" when it takes it."""
    try:
        check_proxy(url)
    except SettingsError as exc:
        return str(exc)
    return ""


@given(user=USERINFO, password=USERINFO, port=st.integers(1, 65535))
def test_any_proxy_user_info_is_taken_and_scrubbed(user, password, port):
    url = f"http://{quote(user, safe='')}:{quote(password, safe='')}@proxy.example:{port}"
    assert refusal(url) == ""
    settings = FetchSettings("http://api.example/{id}", proxy=url)
    settings.validate()
    scrubbed = settings.scrubber().text(f"cannot reach {url}: refused")
    assert quote(password, safe="") not in scrubbed


@given(text=st.text(max_size=60), secret=st.text(st.characters(codec="ascii"), min_size=6))
def test_a_refused_proxy_url_never_shows_its_user_info(text, secret):
    secret = quote(secret, safe="")
    assume(secret not in text)
    message = refusal(f"{text}//user:{secret}@{text}")
    assert secret not in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("proxy.example:3128", "must look like http://host:port"),
        ("socks5://proxy.example:1080", "must look like http://host:port"),
        ("http://proxy.example:99999", "is not a valid URL"),
        ("http://proxy.example:3128/path", "must have no path or query"),
    ],
)
def test_bad_proxy_urls_are_refused_in_one_line(url, problem):
    assert problem in check(proxy=url)


def test_a_bad_proxy_url_shows_its_user_info_masked():
    message = check(proxy="ftp://ops:pr0xy-s3cret@proxy.example")
    assert message == "proxy '***@proxy.example' must look like http://host:port"

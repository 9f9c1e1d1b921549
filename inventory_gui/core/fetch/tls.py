"""TLS for a run: the system's trust store, a private CA, a client certificate.

By default certificates are checked against the operating system's trust store
(the ``truststore`` library), so a root CA installed on the machine (as a
company's TLS-inspecting proxy needs) is trusted as the browser trusts it.
``ca_bundle`` adds a private CA's certificates; ``client_cert`` (with
``client_key`` when the key is in a file of its own) presents a certificate
for mutual TLS.  An encrypted key's passphrase comes from the environment
variable :data:`KEY_PASSWORD_ENV`, never from a setting.

Settings hold paths only: the files are read when a run's session opens
(:func:`tls_context`) and checked beforehand by :func:`check_tls_files`, so a
bad path ends the run before anything is sent, in one line.
"""

from __future__ import annotations

import os
import ssl
from typing import Protocol

from inventory_gui.core.errors import SettingsError

KEY_PASSWORD_ENV = "INVENTORY_GUI_CLIENT_KEY_PASSWORD"


class TlsSettings(Protocol):
    """What of :class:`~inventory_gui.core.fetch.settings.FetchSettings` TLS reads
    (a protocol: that module imports this one)."""

    verify_tls: bool
    ca_bundle: str
    client_cert: str
    client_key: str


def tls_context(settings: TlsSettings) -> ssl.SSLContext | bool:
    """The ``ssl`` argument of the run's connector.

    False (no verification, as ``--insecure`` always did) when ``verify_tls``
    is off and no client certificate is given; else a context trusting the
    system's store plus ``ca_bundle``, presenting ``client_cert``.

    Raises:
        SettingsError: a file cannot be used (see :func:`check_tls_files`).
    """
    if not settings.verify_tls and not settings.client_cert:
        return False
    context = _system_context() if settings.verify_tls else _unverified_context()
    _load_files(context, settings)
    return context


def check_tls_files(settings: TlsSettings) -> None:
    """Raise SettingsError, one line naming the setting and the file, if
    ``ca_bundle``, ``client_cert`` or ``client_key`` cannot be used.

    The files are loaded into a throwaway context (no system store: that is
    not the user's to fix), which catches a missing or unreadable file, a file
    holding no PEM certificate, and a key that does not match its certificate.
    """
    if settings.client_key and not settings.client_cert:
        raise SettingsError("client key needs a client certificate to go with it")
    if settings.ca_bundle or settings.client_cert:
        _load_files(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), settings)


def _system_context() -> ssl.SSLContext:
    # Imported here: only a run's session needs it, not the window's start-up.
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _unverified_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _load_files(context: ssl.SSLContext, settings: TlsSettings) -> None:
    if settings.ca_bundle:
        path = settings.ca_bundle
        try:
            context.load_verify_locations(cafile=path)
        except (OSError, ssl.SSLError) as exc:
            raise SettingsError(_problem("CA bundle", path, exc, "PEM certificates")) from None
    if settings.client_cert:
        cert, key = settings.client_cert, settings.client_key or None
        for label, path in (("client certificate", cert), ("client key", key)):
            if path is not None and not os.access(path, os.R_OK):
                raise SettingsError(_problem(label, path, _os_error(path), ""))
        asked: list[bool] = []  # OpenSSL asks for a passphrase only for an encrypted key

        def password() -> str:
            asked.append(True)
            if KEY_PASSWORD_ENV not in os.environ:
                raise SettingsError(f"the client key is encrypted: set {KEY_PASSWORD_ENV}")
            return os.environ[KEY_PASSWORD_ENV]

        try:
            context.load_cert_chain(cert, key, password=password)
        except (OSError, ssl.SSLError) as exc:
            if asked and isinstance(exc, ssl.SSLError):  # OpenSSL 3 says only "PEM lib"
                raise SettingsError(
                    f"client key {key or cert!r}: its passphrase ({KEY_PASSWORD_ENV}) is wrong"
                ) from None
            what = "a PEM certificate and its private key"
            raise SettingsError(_problem("client certificate", cert, exc, what)) from None


def _os_error(path: str) -> OSError:
    """Why ``path`` cannot be read, as ``open`` would say."""
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        return exc
    return PermissionError("not readable")


def _problem(label: str, path: str, exc: Exception, expected: str) -> str:
    """``CA bundle 'ca.pem': no such file`` and the like: one line, no key material."""
    if isinstance(exc, FileNotFoundError):
        reason = "no such file"
    elif isinstance(exc, IsADirectoryError):
        reason = "is a folder, not a file"
    elif isinstance(exc, OSError) and not isinstance(exc, ssl.SSLError):
        reason = f"cannot be read ({exc.strerror or exc})"
    elif isinstance(exc, ssl.SSLError) and exc.reason == "KEY_VALUES_MISMATCH":
        reason = "the private key does not belong to this certificate"
    else:
        reason = f"does not hold {expected} ({getattr(exc, 'reason', None) or exc})"
    return f"{label} {path!r}: {reason}"

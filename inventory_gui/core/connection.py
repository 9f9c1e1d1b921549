"""Connection settings as the user edits and saves them, and where secrets live.

:class:`ConnectionSettings` is the editable, persistable form of
:class:`~inventory_gui.core.fetch.settings.FetchSettings`.  Header values that look
secret (API keys, tokens, cookies...) never go to the settings file: they go to
a :class:`SecretStore`, the system keyring when one is usable, or a store that
lasts for the session only.  Nothing here logs a header value.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from inventory_gui.core.errors import InventoryError, SettingsError
from inventory_gui.core.fetch.auth_settings import AuthSettings
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.secrets import is_secret_name
from inventory_gui.core.settings_schema import (
    ADAPTIVE,
    BATCH_SIZE,
    BODY,
    CONCURRENCY,
    ITEM_ID,
    ITEMS,
    METHOD,
    QUANTITY_FIELD,
    RATE_LIMIT,
    RETRIES,
    TIMEOUT,
    URL_TEMPLATE,
    VERIFY_TLS,
)
from inventory_gui.core.text import describe_exception

log = logging.getLogger(__name__)

KEYRING_SERVICE = "inventory-gui"
NO_KEYRING_ENV = "INVENTORY_GUI_NO_KEYRING"


class SecretStoreError(InventoryError):
    """A secret could not be saved; the message names the header, never the value."""


@dataclass
class ConnectionSettings:
    """The API connection as the user configures it.

    Each attribute is the setting of the same key in
    :data:`~inventory_gui.core.settings_schema.CONNECTION_SETTINGS`, whose
    default it takes.

    Attributes:
        url_template: the URL with ``{id}`` and ``{column}`` placeholders.
        headers: extra request headers as ``(name, value)`` pairs, in order.
        concurrency: the most requests in flight at once.
        timeout: total seconds allowed for one request.
        retries: how many times a failed request may be sent again.
        quantity_field: dotted path to the quantity; empty for the defaults.
        verify_tls: verify TLS certificates.
        adaptive: lower concurrency while the API pushes back (429, 503).
        rate_limit: most requests per second; ``RATE_LIMIT.off`` (0) for no limit.
        method: the HTTP method of each request.
        body: the JSON body template; empty for none.
        batch_size: products per request.
        items: path to a batch answer's records; empty for the answer itself.
        item_id: the record field holding the product ID.
        network: proxy and TLS files (the panel's Network section).
        auth: the Auth section (its secrets live in the secret store).
    """

    url_template: str = URL_TEMPLATE.default
    headers: list[tuple[str, str]] = field(default_factory=list)
    concurrency: int = CONCURRENCY.default
    timeout: float = TIMEOUT.default
    retries: int = RETRIES.default
    quantity_field: str = QUANTITY_FIELD.default
    verify_tls: bool = VERIFY_TLS.default
    adaptive: bool = ADAPTIVE.default
    rate_limit: float = RATE_LIMIT.default
    method: str = METHOD.default
    body: str = BODY.default
    batch_size: int = BATCH_SIZE.default
    items: str = ITEMS.default
    item_id: str = ITEM_ID.default
    network: NetworkOptions = field(default_factory=NetworkOptions)
    auth: AuthSettings = field(default_factory=AuthSettings)

    def to_fetch_settings(self) -> FetchSettings:
        """Build the validated settings a run uses.

        Raises:
            SettingsError: an empty, repeated or invalid header name, or a limit
                out of range.  Messages name headers, never their values.
            TemplateError: the URL template is not usable.
        """
        names: set[str] = set()
        for name, _value in self.headers:
            key = name.strip().lower()
            if not key:
                raise SettingsError("a header has no name")
            if key in names:
                raise SettingsError(f"header {name.strip()!r} is given twice")
            names.add(key)
        headers = {name.strip(): value.strip() for name, value in self.headers}
        self.auth.validate(headers)
        template, headers, auth = self.auth.apply(self.url_template.strip(), headers)
        settings = FetchSettings(
            url_template=template,
            headers=headers,
            auth=auth,
            concurrency=self.concurrency,
            timeout=self.timeout,
            retries=self.retries,
            quantity_field=self.quantity_field.strip() or None,
            verify_tls=self.verify_tls,
            adaptive=self.adaptive,
            rate_limit=None if self.rate_limit == RATE_LIMIT.off else self.rate_limit,
            method=self.method.strip().upper() or METHOD.default,
            body=self.body.strip() or None,
            batch_size=self.batch_size,
            items=self.items.strip() or None,
            item_id=self.item_id.strip() or ITEM_ID.default,
            **self.network.fetch_fields(),
        )
        settings.validate()
        return settings


def is_secret_header(name: str) -> bool:
    """Tell whether a header's value should be treated as a secret.

    Args:
        name: the header name, in any case.

    Returns:
        True for ``Authorization``, ``Cookie``, ``X-Api-Key``... as
        :func:`inventory_gui.core.secrets.is_secret_name` decides.
    """
    return is_secret_name(name)


@runtime_checkable
class SecretStore(Protocol):
    """Where secret header values are kept, by name.

    Attributes:
        persistent: True when secrets outlive the session (a system keyring).
    """

    persistent: bool

    def get(self, name: str) -> str | None:
        """Return the secret stored under ``name``, or None."""
        ...

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``, replacing any previous one."""
        ...

    def delete(self, name: str) -> None:
        """Forget the secret under ``name``; no error if there is none."""
        ...


class MemorySecretStore:
    """Keeps secrets in memory for this session only."""

    persistent = False

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, name: str) -> str | None:
        """Return the secret stored under ``name``, or None."""
        return self._values.get(name)

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``."""
        self._values[name] = value

    def delete(self, name: str) -> None:
        """Forget the secret under ``name``."""
        self._values.pop(name, None)

    def __repr__(self) -> str:
        return f"MemorySecretStore({len(self._values)} secrets)"


class KeyringSecretStore:
    """Keeps secrets in the system keyring (via the ``keyring`` package).

    Args:
        service: the keyring service name the secrets are filed under.
    """

    persistent = True

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    def get(self, name: str) -> str | None:
        """Return the secret stored under ``name``, or None (also on keyring errors)."""
        import keyring

        try:
            return keyring.get_password(self.service, name)
        except Exception as exc:
            log.warning("cannot read secret %r from the keyring: %s", name, describe_exception(exc))
            return None

    def set(self, name: str, value: str) -> None:
        """Store ``value`` under ``name``.

        Raises:
            SecretStoreError: the keyring refused (locked, unavailable...).
        """
        import keyring

        try:
            keyring.set_password(self.service, name, value)
        except Exception as exc:
            raise SecretStoreError(
                f"cannot save secret {name!r}: {describe_exception(exc)}"
            ) from None

    def delete(self, name: str) -> None:
        """Forget the secret under ``name``; errors are logged, not raised."""
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(self.service, name)
        except PasswordDeleteError:
            pass  # there was none
        except Exception as exc:
            log.warning(
                "cannot delete secret %r from the keyring: %s", name, describe_exception(exc)
            )

    def __repr__(self) -> str:
        return f"KeyringSecretStore({self.service!r})"


def detect_secret_store(timeout: float = 3.0) -> SecretStore:
    """Return the best secret store this machine offers.

    The system keyring is used when ``keyring`` finds a real backend; otherwise
    (or when ``INVENTORY_GUI_NO_KEYRING=1``) secrets last for the session only.
    Detection runs in a daemon thread so that a stuck D-Bus cannot hang the app.

    Args:
        timeout: seconds to wait for the keyring backend before giving up.
    """
    if os.environ.get(NO_KEYRING_ENV, "").strip() == "1":
        log.info("keyring disabled by %s", NO_KEYRING_ENV)
        return MemorySecretStore()
    found: list[bool] = []
    thread = threading.Thread(
        target=lambda: found.append(_keyring_usable()), name="keyring-detect", daemon=True
    )
    thread.start()
    thread.join(timeout)
    if found and found[0]:
        return KeyringSecretStore()
    log.info("no usable system keyring; secrets are kept for this session only")
    return MemorySecretStore()


def _keyring_usable() -> bool:
    """True when ``keyring.get_keyring()`` is a real, positive-priority backend."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend: Any = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        return float(backend.priority) > 0
    except Exception as exc:
        log.info("keyring detection failed: %s", describe_exception(exc))
        return False

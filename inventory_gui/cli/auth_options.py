"""``--basic-auth`` and ``--oauth2-token-url``: their options and where their secrets come from.

A secret never comes from the command line (other users see it in ``ps``, the
shell keeps it in its history).  The Basic password is, in this order,
``INVENTORY_GUI_PASSWORD``, the ``--profile``'s own keyring entry (when the
profile's auth is used), the keyring entry the window's Auth section saves, or
typed at a prompt when stdin is a terminal; the OAuth2 client secret is
``INVENTORY_GUI_CLIENT_SECRET``, the profile's entry or the window's entry.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping

from inventory_gui.cli.options import add_setting_option
from inventory_gui.core import settings_schema as schema
from inventory_gui.core.connection import SecretStore, detect_secret_store
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.auth_settings import (
    BASIC,
    CLIENT_SECRET_ENV,
    OAUTH2,
    PASSWORD_ENV,
    AuthSettings,
    client_secret_key,
    password_key,
    url_origin,
)

_OAUTH2_EXTRAS = (schema.OAUTH2_CLIENT_ID, schema.OAUTH2_SCOPE, schema.OAUTH2_AUDIENCE)


def add_auth_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--basic-auth``, ``--oauth2-token-url``, ``--client-id``, ``--scope``,
    ``--audience``."""
    for setting in schema.AUTH_SETTINGS:
        if setting.flag is not None:
            add_setting_option(parser, setting)


def auth_settings(
    args: argparse.Namespace,
    url_template: str,
    *,
    environ: Mapping[str, str] = os.environ,
    store: Callable[[], SecretStore] = detect_secret_store,
    prompt: Callable[[str], str] = getpass.getpass,
    interactive: Callable[[], bool] = lambda: sys.stdin.isatty(),
) -> AuthSettings | None:
    """The run's auth from its options, secrets looked up; None without auth options.

    Args:
        args: the parsed options.
        url_template: the run's template (the Basic password is kept per origin).
        environ, store, prompt, interactive: where secrets come from (tests
            pass their own).

    Raises:
        SettingsError: options that do not go together, or a secret nowhere to
            be found (one line naming the option and where to put it).
    """
    user, token_url = args.basic_auth, args.oauth2_token_url
    extras = [s.flag for s in _OAUTH2_EXTRAS if getattr(args, s.key)]
    if user and token_url:
        raise SettingsError("give --basic-auth or --oauth2-token-url, not both")
    if extras and not token_url:
        raise SettingsError(f"{extras[0]} needs --oauth2-token-url")
    profile = getattr(args, "profile_auth", None) or AuthSettings()  # from --profile
    if user:
        password = (
            environ.get(PASSWORD_ENV)
            or (profile.password if profile.user == user else "")
            or store().get(password_key(user, url_template))
        )
        if not password and interactive():
            origin = url_origin(url_template) or "the API"
            password = prompt(f"Password for {user} at {origin}: ")
        if not password:
            raise SettingsError(
                f"--basic-auth {user}: no password: set {PASSWORD_ENV}, save it in the "
                "window's Auth section (keyring), or run in a terminal to be asked"
            )
        return AuthSettings(BASIC, user=user, password=password)
    if token_url:
        if not args.client_id:
            raise SettingsError("--oauth2-token-url needs --client-id")
        same = (profile.client_id, profile.token_url) == (args.client_id, token_url)
        secret = (
            environ.get(CLIENT_SECRET_ENV)
            or (profile.client_secret if same else "")
            or store().get(client_secret_key(args.client_id, token_url))
        )
        if not secret:
            raise SettingsError(
                f"--client-id {args.client_id}: no client secret: set {CLIENT_SECRET_ENV} "
                "or save it in the window's Auth section (keyring)"
            )
        return AuthSettings(
            OAUTH2,
            token_url=token_url,
            client_id=args.client_id,
            client_secret=secret,
            scope=args.scope or "",
            audience=args.audience or "",
        )
    return None

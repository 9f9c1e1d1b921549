"""``fetch --profile NAME``: a profile saved in the window, flags overriding its fields.

With ``--profile``, :func:`given_options` parses the command line a second
time with the connection options' defaults replaced by a marker, which tells
the options the user gave (even with their default value) from the others;
:func:`apply_profile` then takes the others from the profile.  Headers merge:
a ``--header`` replaces the profile's header of the same name and adds to
the others.

The profile's Auth and Network groups apply the same way, option by option
(``--proxy``, ``--ca-bundle``, ...), except that auth goes as a whole: any auth
option (``--basic-auth``, ``--oauth2-token-url``, ...) replaces the profile's
auth.  A profile's bearer token or API key becomes its header or query value
(a ``--header`` of that name wins); its Basic password or OAuth2 client secret
rides along as ``args.profile_auth`` for
:func:`~inventory_gui.cli.auth_options.auth_settings`, which takes it after
the environment variable and before the keyring's window entry and a prompt.

The profile comes from the profiles file the window writes
(:func:`~inventory_gui.core.profiles.default_profiles_path`, a JSON file: no
Qt here) and its secrets from the system keyring.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.connection import ConnectionSettings, detect_secret_store
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.auth_settings import BASIC, OAUTH2, AuthSettings
from inventory_gui.core.fetch.settings import parse_header
from inventory_gui.core.profiles import ProfileStore, default_profiles_path
from inventory_gui.core.settings_schema import Setting


class _NotGiven:
    """The value of a connection option the user did not give."""

    def __repr__(self) -> str:
        return "<not given>"


NOT_GIVEN = _NotGiven()


def _dest(setting: Setting) -> str:
    assert setting.flag is not None
    return setting.flag.lstrip("-").replace("-", "_")


# (the ConnectionSettings group holding it or "" for none, setting): options a profile fills.
_GROUPED = (
    *(("", s) for s in schema.CONNECTION_SETTINGS),
    *(("network", s) for s in schema.NETWORK_SETTINGS),
    *(("auth", s) for s in schema.AUTH_SETTINGS),
)
_FLAGGED = tuple((group, s) for group, s in _GROUPED if s.flag)
# Headers keep their default (no --header: an empty list): they merge with the profile's.
_DEFERRED = tuple(s for _group, s in _FLAGGED if s.kind is not list)
_AUTH_DESTS = {_dest(s) for group, s in _FLAGGED if group == "auth"}
# The auth fields each kind that the command line runs itself uses.
_AUTH_FIELDS = {BASIC: {"user"}, OAUTH2: {"token_url", "client_id", "scope", "audience"}}


def add_profile_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--profile`` and ``--profiles-file``."""
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help="use the connection profile NAME saved in the window (its connection, auth and "
        "network settings); options given override it",
    )
    parser.add_argument(
        "--profiles-file",
        metavar="PATH",
        help="the profiles file (default: the window's, ~/.config/inventory-gui/profiles.json)",
    )


def given_options(build: Callable[[], argparse.ArgumentParser], argv: Sequence[str]) -> set[str]:
    """The connection options (by ``dest``) that ``argv`` gives, defaults or not.

    Args:
        build: makes the command's parser (``argv`` has parsed with it already).
        argv: the command's arguments.
    """
    probe = build()
    probe.set_defaults(**dict.fromkeys(map(_dest, _DEFERRED), NOT_GIVEN))
    probed = probe.parse_args(argv)
    return {_dest(s) for s in _DEFERRED if getattr(probed, _dest(s)) is not NOT_GIVEN}


def apply_profile(args: argparse.Namespace, given: set[str]) -> None:
    """With ``--profile``, take the connection options not ``given`` from the profile.

    Raises:
        InventoryError: the profile or its file cannot be used, or a secret of
            the profile is missing from the keyring and no option gives it (one line).
    """
    if not args.profile:
        return
    cs = _load(args, given)
    auth = None if given & _AUTH_DESTS else cs.auth  # any auth option replaces it all
    options = _as_options(cs, auth)
    names = {parse_header(h)[0].lower() for h in args.header}
    profile_headers = options.pop(_dest(schema.HEADERS))
    kept = [h for h in profile_headers if h.split(":", 1)[0].lower() not in names]
    args.header = kept + args.header  # a --header replaces the profile's of that name
    for dest, value in options.items():
        if dest not in given:
            setattr(args, dest, value)
    if auth is not None:
        _apply_token(args, auth, names)
        args.profile_auth = auth


def _apply_token(args: argparse.Namespace, auth: AuthSettings, flagged: set[str]) -> None:
    """A bearer token or API key of the profile as its header or template query value."""
    template, headers, _run_auth = auth.apply(args.url_template or "", {})
    if args.url_template:  # none: the run stops at the missing template anyway
        args.url_template = template
    for name, value in headers.items():
        if name.lower() not in flagged:
            args.header.append(f"{name}: {value}")


def _load(args: argparse.Namespace, given: set[str]) -> ConnectionSettings:
    """The profile named by ``--profile``, its secrets from the keyring."""
    path = Path(args.profiles_file) if args.profiles_file else default_profiles_path()
    if not path.is_file():
        raise InventoryError(
            f"--profile: no profiles file at {path} (save a profile in the window)"
        )
    store = ProfileStore(path, detect_secret_store())
    if args.profile not in store.names:
        known = ", ".join(repr(n) for n in store.names) or "none"
        raise InventoryError(f"--profile: no profile named {args.profile!r} (saved: {known})")
    flagged = {parse_header(h)[0].lower() for h in args.header}
    missing_all = store.missing_secrets(args.profile)
    _check_group_secrets(args.profile, missing_all, given)
    url = schema.URL_TEMPLATE.label
    for missing in (m for m in missing_all if m.startswith("header ") or m == url):
        header = missing.removeprefix("header ")
        if header != missing and header not in flagged:
            raise InventoryError(
                f"--profile: the keyring holds no value for header {header!r} of profile "
                f"{args.profile!r}; give it with --header '{header}: ...'"
            )
        if header == missing and _dest(schema.URL_TEMPLATE) not in given:
            raise InventoryError(
                f"--profile: the keyring holds no key of the URL template of profile "
                f"{args.profile!r}; give the template with --url-template"
            )
    return store.connection(args.profile)


def _check_group_secrets(profile: str, missing: list[str], given: set[str]) -> None:
    """InventoryError if the keyring lacks a secret of the profile's proxy or token
    that no option replaces (a Basic password or client secret has other sources)."""
    if schema.PROXY.label in missing and _dest(schema.PROXY) not in given:
        raise InventoryError(
            f"--profile: the keyring holds no user info of the proxy of profile "
            f"{profile!r}; give the proxy with --proxy"
        )
    if "bearer token or API key" in missing and not given & _AUTH_DESTS:
        raise InventoryError(
            f"--profile: the keyring holds no bearer token or API key of profile "
            f"{profile!r}; give it with --header (or in --url-template's query)"
        )


def _as_options(cs: ConnectionSettings, auth: AuthSettings | None) -> dict[str, Any]:
    """``cs`` as the values the options would have parsed to; with ``auth`` None,
    no auth option."""
    options: dict[str, Any] = {}
    for group, setting in _FLAGGED:
        if group == "auth" and (auth is None or setting.key not in _AUTH_FIELDS.get(auth.kind, ())):
            continue
        value = getattr(getattr(cs, group), setting.key) if group else getattr(cs, setting.key)
        if setting.kind is bool:  # the flag turns the setting away from its default
            options[_dest(setting)] = value != setting.default
        elif setting.kind is list:
            options[_dest(setting)] = [f"{name}: {v}" for name, v in value]
        elif setting.kind is str:
            options[_dest(setting)] = value or None
        else:
            off = setting.off is not None and value == setting.off
            scaled = value if setting.flag_scale == 1 else value / setting.flag_scale
            options[_dest(setting)] = None if off else scaled
    return options

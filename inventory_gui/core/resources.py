"""Bundled resources (demo catalogue, sample product lists), wherever the app runs.

The files live in the repository's top-level ``resources/`` folder.  A wheel
installs them as ``inventory_gui/resources/`` (see ``force-include`` in
``pyproject.toml``) and a PyInstaller bundle unpacks them under
``sys._MEIPASS/inventory_gui/resources/``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

CATALOGUE_NAME = "catalogue.json"


def resource_dirs() -> list[Path]:
    """Folders that may hold the bundled resources, most specific first.

    Returns:
        The PyInstaller folder (only when frozen), the installed-wheel folder
        ``inventory_gui/resources`` and the source tree's ``resources`` folder.
    """
    here = Path(__file__).resolve()
    dirs: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        dirs.append(Path(bundle) / "inventory_gui" / "resources")
    dirs.append(here.parents[1] / "resources")  # installed from a wheel
    dirs.append(here.parents[2] / "resources")  # source tree or editable install
    return dirs


def resource_path(name: str) -> Path:
    """Return the path of a bundled resource file.

    Args:
        name: the file name inside ``resources/``, e.g. ``"catalogue.json"``.

    Returns:
        The first existing file among :func:`resource_dirs` ``/ name``.

    Raises:
        FileNotFoundError: no candidate folder holds the file; the message lists
            every place searched.
    """
    candidates = [folder / name for folder in resource_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    searched = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"bundled resource {name!r} not found; looked in: {searched}")


def load_catalogue() -> list[dict[str, Any]]:
    """Return the demo catalogue: a fresh list of product dicts.

    Each product has ``id`` (str), ``name``, ``category``, ``warehouse``,
    ``quantity`` and ``reorder_point``.

    Raises:
        FileNotFoundError: the catalogue is not bundled.
        ValueError: the file is not a JSON list of objects with an ``id``.
    """
    path = resource_path(CATALOGUE_NAME)
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(p, dict) and "id" in p for p in data):
        raise ValueError(f"{path}: expected a JSON list of products with an 'id'")
    return data

"""The Python versions the project promises, and deprecations failing tests before users.

pyproject.toml's classifiers are the versions CI tests (``.ci/run`` reads
them); they must agree with ``requires-python``.  A DeprecationWarning
attributed to the project's own code is an error in the tests
(pyproject.toml's filterwarnings) and in the processes they start
(tests/conftest.py sets PYTHONWARNINGS), so that a newer Python deprecating
something the project calls fails here first.
"""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

import inventory_gui

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]


def test_classifiers_list_every_minor_version_from_requires_python_on():
    project = _project()
    floor = re.fullmatch(r">=\s*3\.(\d+)", project["requires-python"])
    assert floor, project["requires-python"]
    minors = [
        int(found[1])
        for classifier in project["classifiers"]
        if (found := re.fullmatch(r"Programming Language :: Python :: 3\.(\d+)", classifier))
    ]
    assert minors == list(range(int(floor[1]), int(floor[1]) + len(minors))), minors
    assert len(minors) >= 3, "3.11, 3.12 and 3.13 are tested"
    assert "Programming Language :: Python :: 3 :: Only" in project["classifiers"]


WARN = "import warnings; warnings.warn('old API', DeprecationWarning)"


def _warn_from(module: str) -> None:
    """Issue a DeprecationWarning attributed to ``module``, as a call made there would be."""
    exec(WARN, {"__name__": module})


@pytest.mark.parametrize(
    "module", ["inventory_gui", "inventory_gui.core.history", "tests.core.test_history"]
)
def test_a_deprecation_in_the_projects_code_fails_the_test(module: str):
    with pytest.raises(DeprecationWarning):
        _warn_from(module)


@pytest.mark.parametrize("module", ["aiohttp.client", "inventory_guide", "__main__"])
def test_a_deprecation_elsewhere_is_only_reported(module: str):
    with pytest.warns(DeprecationWarning, match="old API"):
        _warn_from(module)


def test_a_deprecation_in_the_projects_code_fails_a_child_process():
    """Every module of the package, found by pkgutil, not the way conftest lists them."""
    found = pkgutil.walk_packages(inventory_gui.__path__, "inventory_gui.")
    modules = [info.name for info in found]
    script = textwrap.dedent(
        """
        import sys
        for module in sys.argv[2:]:
            try:
                exec(sys.argv[1], {"__name__": module})
            except DeprecationWarning:
                print("error", module)
            else:
                print("allowed", module)
        """
    )
    assert len(modules) > 40, modules
    done = subprocess.run(
        [sys.executable, "-c", script, WARN, "inventory_gui", *modules, "aiohttp.client"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.splitlines() == [
        *(f"error {module}" for module in ["inventory_gui", *modules]),
        "allowed aiohttp.client",
    ]

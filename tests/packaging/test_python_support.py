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
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

import inventory_gui

ROOT = Path(__file__).resolve().parents[2]


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
    "module", ["inventory_gui", "inventory_gui.core.history.store", "tests.core.history.test_store"]
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


def _fake_python(path: Path, says: str, status: int = 0) -> None:
    """An executable that prints ``says`` and exits with ``status``, whatever it is asked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho '{says}'\nexit {status}\n")
    path.chmod(0o755)


@pytest.mark.skipif(not shutil.which("bash"), reason="POSIX shell scripts")
def test_ci_finds_each_supported_python_on_path_or_under_pyenv_and_names_the_missing(tmp_path):
    minors = [
        found[1]
        for classifier in _project()["classifiers"]
        if (found := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))
    ]
    on_path, in_pyenv, *missing = minors
    bin_dir, pyenv_root = tmp_path / "bin", tmp_path / "pyenv"
    _fake_python(bin_dir / f"python{in_pyenv}", "pyenv: not selected", 127)  # a refusing shim
    _fake_python(bin_dir / f"python{on_path}", on_path)
    for minor in missing:  # named like the version, but another one
        _fake_python(bin_dir / f"python{minor}", on_path)
    for patch in ("9", "10", "1"):  # newest is 10, which a plain sort puts before 9
        _fake_python(pyenv_root / f"versions/{in_pyenv}.{patch}/bin/python{in_pyenv}", in_pyenv)
    _fake_python(bin_dir / "pyenv", str(pyenv_root))  # `pyenv root`
    tools = tmp_path / "tools"  # what the script needs besides Python, and nothing else
    tools.mkdir()
    for tool in ("bash", "dirname", "sort"):
        (tools / tool).symlink_to(shutil.which(tool))

    done = subprocess.run(
        [ROOT / ".ci/pythons", sys.executable], env={"PATH": f"{bin_dir}:{tools}"},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{on_path} {bin_dir}/python{on_path}",
        f"{in_pyenv} {pyenv_root}/versions/{in_pyenv}.10/bin/python{in_pyenv}",
        *(f"{minor} -" for minor in missing),
    ]


def test_ci_fails_without_versions_to_test(tmp_path):
    checkout = tmp_path / "checkout"
    (checkout / ".ci").mkdir(parents=True)
    (checkout / ".ci/pythons").write_bytes((ROOT / ".ci/pythons").read_bytes())
    (checkout / ".ci/pythons").chmod(0o755)
    (checkout / "pyproject.toml").write_text(
        '[project]\nclassifiers = ["Programming Language :: Python :: 3"]\n'
    )
    done = subprocess.run(
        [checkout / ".ci/pythons", sys.executable],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert "no 'Programming Language :: Python :: 3.X' classifiers" in done.stderr

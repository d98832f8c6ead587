"""The dependencies: declared once in pyproject.toml, locked with hashes in requirements.txt (the app) and
requirements-dev.txt (the app and its tests), and what is installed is exactly what the lock says, so a
Streamlit or Starlette that nobody tested cannot slip in under the project's patches (server/)."""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if ROOT.name == "mutants":  # mutmut's copy of the project
    ROOT = ROOT.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT, GROUPS = PYPROJECT["project"], PYPROJECT["dependency-groups"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def normal(name: str) -> str:
    """A distribution's name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(file: str) -> dict[str, str]:
    """Each package the lock pins, by normal name, with its version; every one must carry a hash."""
    text = (ROOT / file).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        found = PIN.match(block)
        if found:
            assert "--hash=sha256:" in block, f"{file}: {found.group(1)} has no hash"
            pins[normal(found.group(1))] = found.group(2)
    return pins


def declared(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        found = PIN.match(requirement)
        assert found, f"pyproject.toml: {requirement!r} is not pinned with =="
        pins[normal(found.group(1))] = found.group(2)
    return pins


APP, DEV = locked("requirements.txt"), locked("requirements-dev.txt")


def test_every_declared_dependency_is_locked_at_the_version_pyproject_pins():
    for name, pinned in declared(PROJECT["dependencies"]).items():
        assert APP.get(name) == pinned, f"requirements.txt: {name} {APP.get(name)}, pyproject.toml: {pinned}"
    for name, pinned in declared(GROUPS["dev"]).items():
        assert DEV.get(name) == pinned, f"requirements-dev.txt: {name} {DEV.get(name)}, pyproject.toml: {pinned}"


def test_the_tests_run_on_the_app_s_own_tree():
    """The development lock holds the app's lock unchanged: what is tested is what `make run` installs."""
    assert {name: DEV.get(name) for name in APP} == APP


@pytest.mark.parametrize("name", sorted(DEV))
def test_what_is_installed_is_what_the_lock_says(name):
    try:
        installed = version(name)
    except PackageNotFoundError:
        pytest.fail(f"{name} is locked at {DEV[name]} but not installed: run `make test` to install the lock")
    assert installed == DEV[name], f"{name} {installed} is installed, the lock says {DEV[name]}"


def test_the_server_the_patches_rest_on_is_the_locked_one():
    """server/ patches Streamlit's server and Starlette's parser: both must be exactly the tested ones."""
    assert {"streamlit", "starlette"} <= set(APP)
    assert (version("streamlit"), version("starlette")) == (APP["streamlit"], APP["starlette"])


def test_the_app_imports_nothing_that_make_run_does_not_install():
    """`make run` and the container install requirements.txt only: every module the app imports comes from the
    standard library, the project, or a distribution in that lock."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    files = [ROOT / "app.py", *(ROOT / "deploy").glob("*.py")]
    packages = ("ui", "logic", "cli", "exports", "server")
    files += [path for package in packages for path in (ROOT / package).rglob("*.py")]
    files = [path for path in files if path.name not in {"replicas.py", "watchdog.py"}]  # `make serve-replicas`
    project = {path.name for path in ROOT.iterdir() if path.is_dir() or path.suffix == ".py"} | {"app"}
    provided = packages_distributions()
    outside = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in project:
                    continue
                if not any(normal(dist) in APP for dist in provided.get(top, [])):
                    outside.add(f"{path.relative_to(ROOT)}: {top}")
    assert not outside, sorted(outside)

"""The tests mirror the code: for every module of `logic/`, `exports/`, `ui/`, `cli/` and `server/`, and for `app.py`,
the file that tests it is named after it (`tests/<package>/test_<module>.py`), so a newcomer finds it without asking.
For `server/`, that file is the module's contract test: what of Streamlit's the patch rests on still holds."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("logic", "exports", "ui", "cli", "server")
# A module file's test file: `__init__.py` is tested as the package's public face, `__main__.py` as its command line.
NAMES = {"__init__": "init", "__main__": "main"}


def has_code(path: Path) -> bool:
    """More than a docstring: a package's empty `__init__.py` has nothing to test."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) for node in body)


MODULES = sorted(path for package in PACKAGES for path in (ROOT / package).glob("*.py") if has_code(path))


def test_file(module: Path) -> Path:
    name = NAMES.get(module.stem, module.stem)
    return ROOT / "tests" / module.parent.name / f"test_{name}.py"


test_file.__test__ = False  # a helper, not a test


def imported(path: Path) -> set[str]:
    """The modules a file imports from, by dotted name, counting a package's name as the module that defines it
    (`from logic import parse_answers` imports from `logic` and `logic.parse`)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            module = importlib.import_module(node.module)
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if value is None and (ROOT / node.module / f"{alias.name}.py").is_file():
                    value = importlib.import_module(f"{node.module}.{alias.name}")
                names.add(value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", node.module))
    return names


@pytest.mark.parametrize("module", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_module_has_a_test_file_named_after_it_that_tests_it(module):
    """Named after it, and about it: it imports the module (or a name the module defines), or, for the
    shell's modules driven through the running app, its docstring opens with the module's path."""
    tests = test_file(module)
    path = str(module.relative_to(ROOT))
    assert tests.is_file(), f"{path} has no {tests.relative_to(ROOT)}"
    dotted = module.parent.name if module.stem == "__init__" else f"{module.parent.name}.{module.stem}"
    docstring = ast.get_docstring(ast.parse(tests.read_text(encoding="utf-8"))) or ""
    assert dotted in imported(tests) or docstring.startswith(f"{path}:"), (
        f"{tests.relative_to(ROOT)} is not about {path}"
    )


def test_app_py_has_its_own_test_file():
    assert (ROOT / "tests" / "ui" / "test_app.py").is_file()


def test_no_test_file_is_named_after_a_module_that_is_gone():
    modules = {test_file(module) for module in MODULES} | {ROOT / "tests" / "ui" / "test_app.py"}
    mirrored = {path for package in PACKAGES for path in (ROOT / "tests" / package).glob("test_*.py")}
    assert sorted(str(p.relative_to(ROOT)) for p in mirrored - modules) == []


def test_no_test_module_imports_from_another_or_from_a_conftest():
    """Shared helpers live in tests/support/ (or beside the suite that alone uses them), fixtures in conftest."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests."):
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    found.append(f"{path.relative_to(ROOT)}: from {node.module}")
    assert found == []


def test_every_hazard_in_the_safety_case_names_tests_that_exist():
    """docs/safety-case.md says which test guards each control: a renamed or deleted test must not leave a
    hazard pointing at nothing."""
    rows = [
        line
        for line in (ROOT / "docs" / "safety-case.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| H")
    ]
    assert len(rows) >= 10
    for row in rows:
        cited = row.rsplit("|", 2)[-2]
        path, named = None, []
        for file, name in re.findall(r"`(tests/[\w/]+\.py)?((?:::\w+)?)`", cited):
            path = file or path
            assert path and (ROOT / path).is_file(), (row[:4], file)
            if name:
                named.append((path, name[2:]))
        assert path, f"{row[:4]} names no test"
        for file, name in named:
            assert f"def {name}(" in (ROOT / file).read_text(encoding="utf-8"), (row[:4], file, name)


def test_the_pictures_a_person_looks_at_are_written_outside_the_working_tree():
    """No test writes into the working tree: the screenshots of pages and PDF pages go to SCREENSHOTS."""
    from tests.support import SCREENSHOTS

    root = Path(__file__).resolve().parents[2]
    assert not SCREENSHOTS.resolve().is_relative_to(root)

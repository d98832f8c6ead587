"""`make mutation` mutates the rules core only, against the fast tests, and stays out of `make test`."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if ROOT.name == "mutants":  # mutmut runs the tests in its copy, mutants/, which has no Makefile
    ROOT = ROOT.parent
MUTMUT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def recipe(target: str) -> str:
    found = re.search(rf"^{target}:.*\n((?:\t.*\n?)*)", MAKEFILE, re.M)
    assert found, f"no {target} target in the Makefile"
    return found.group(0)


def test_only_logic_is_mutated_and_the_unit_and_property_tests_judge_it():
    assert MUTMUT["source_paths"] == ["logic/"]
    assert MUTMUT["pytest_add_cli_args_test_selection"] == ["tests/unit", "tests/properties"]
    for path in MUTMUT["pytest_add_cli_args_test_selection"]:
        assert (ROOT / path).is_dir()
    # The tests read the content files and check the shell's config, so the mutants' copy needs them.
    assert {"content/", "tests/", ".streamlit/", "app.py", "ui/"} <= set(MUTMUT["also_copy"])
    for pattern in MUTMUT.get("do_not_mutate", []):
        assert pattern.startswith("logic/") and pattern.endswith(".py")


def test_make_mutation_runs_two_at_a_time_and_make_test_does_not_run_it():
    assert "mutmut run --max-children 2" in recipe("mutation")
    assert "mutmut" not in recipe("test")
    assert "mutation" in re.search(r"^\.PHONY:.*$", MAKEFILE, re.M).group(0)
    assert "mutmut==" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "mutants/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()

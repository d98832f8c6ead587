"""`make mutation` mutates the rules core, the exports and the command line, against the tests of their modules,
and stays out of `make test`."""

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


def test_logic_the_exports_and_the_command_line_are_mutated_and_the_tests_of_their_modules_judge_them():
    """The command line too: it is what `python -m logic` runs (tests/logic/test_main.py), so the mutants' copy
    needs it, and it was mutated when it lived in `logic/`."""
    assert MUTMUT["source_paths"] == ["logic/", "exports/", "cli/"]
    assert MUTMUT["pytest_add_cli_args_test_selection"] == ["tests/logic", "tests/exports", "tests/cli"]
    for path in MUTMUT["pytest_add_cli_args_test_selection"]:
        assert (ROOT / path).is_dir()
    # The tests read the content files, the README and the evidence record and check the shell's config, so the
    # mutants' copy needs them.
    assert {"content/", "tests/", ".streamlit/", "app.py", "ui/", "README.md", "docs/"} <= set(MUTMUT["also_copy"])
    assert "do_not_mutate" not in MUTMUT  # every module of both is scored


def test_make_mutation_runs_two_at_a_time_and_make_test_does_not_run_it():
    assert "mutmut run --max-children 2" in recipe("mutation")
    assert "mutmut" not in recipe("test")
    assert "mutation" in re.search(r"^\.PHONY:.*$", MAKEFILE, re.M).group(0)
    assert "mutmut==" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "mutants/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()

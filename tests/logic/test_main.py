"""logic/__main__.py: `python -m logic`, the command line the contract names, handed over to the `cli` package,
in a real process: whatever the shell does to its streams, one line on standard error, a non-zero status, never a
traceback, and never "None: cannot write the file". In process, it is tests/cli/test_commands.py's."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from logic import Answers, evaluate
from tests.factories import answers_dict

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def person_answers(tmp_path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers_dict(notes="café and a cup ☕")), encoding="utf-8")
    return path


def shell(command: str, **env: str) -> subprocess.CompletedProcess:
    """`python -m logic` with its streams changed by `command`'s shell redirections, e.g. `>/dev/full`."""
    return subprocess.run(
        ["bash", "-c", f"exec {sys.executable} -m logic {command}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, **env},
    )


def one_clear_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    assert not lines[0].startswith("None")
    return lines[0]


@pytest.mark.parametrize("how", ["", "--format markdown", "--format fhir", "--format pdf --output -"])
def test_a_full_disk_on_standard_output_is_one_line(person_answers, how):
    line = one_clear_line(shell(f"summarize {person_answers} {how} >/dev/full"))
    assert "standard output" in line
    assert "No space left on device" in line


def test_schema_and_help_on_a_full_disk_are_one_line():
    assert "No space left" in one_clear_line(shell("schema >/dev/full"))
    assert "No space left" in one_clear_line(shell("--help >/dev/full"))


def test_python_m_logic_prints_the_summary_and_the_schema_as_the_contract_says(person_answers):
    result = shell(f"summarize {person_answers}")
    assert (result.returncode, result.stderr) == (0, "")
    answers = Answers.model_validate_json(person_answers.read_text(encoding="utf-8"))
    assert result.stdout == evaluate(answers).model_dump_json(indent=2) + "\n"
    result = shell(f"summarize - --format markdown <{person_answers}")
    assert result.returncode == 0 and result.stdout.startswith("# ")
    assert json.loads(shell("schema").stdout) == Answers.model_json_schema()


def test_a_refusal_names_the_program_as_the_contract_names_it(person_answers):
    assert one_clear_line(shell("schema >&-")) == "python -m logic: standard output is closed: nowhere to write"


def test_a_closed_standard_output_is_one_line(person_answers):
    assert "standard output is closed" in one_clear_line(shell(f"summarize {person_answers} >&-"))
    assert "standard output is closed" in one_clear_line(shell("schema >&-"))


def test_a_closed_standard_input_is_one_line():
    assert "standard input is closed" in one_clear_line(shell("summarize - <&-"))


def test_an_encoding_that_cannot_take_the_text_is_one_line(person_answers):
    line = one_clear_line(shell(f"summarize {person_answers} --format markdown", PYTHONIOENCODING="ascii"))
    assert "encoding (ascii)" in line


def test_with_no_standard_error_either_it_still_exits_non_zero_quietly(person_answers):
    result = shell(f"summarize {person_answers} >/dev/full 2>&-")
    assert result.returncode == 1
    assert result.stdout == ""


def test_a_file_that_cannot_be_written_is_still_named(person_answers, tmp_path):
    target = tmp_path / "no-such-folder" / "out.md"
    line = one_clear_line(shell(f"summarize {person_answers} --format markdown --output {target}"))
    assert line.startswith(f"{target}: cannot write the file")

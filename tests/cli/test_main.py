"""cli/__main__.py: `python -m cli`, the same command line under the package's own name, in a real process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from logic import Answers

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def python_m_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


def test_python_m_cli_runs_the_command_line_under_its_own_name():
    result = python_m_cli("schema")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == Answers.model_json_schema()
    result = python_m_cli("summarize", "-", stdin="[1]")
    assert result.returncode == 2
    assert result.stderr.startswith("standard input: the answers are not valid:\n")
    assert python_m_cli("--help").stdout.startswith("Usage: python -m cli [OPTIONS] COMMAND [ARGS]...")
    assert python_m_cli("schema", "extra").stderr.startswith("Usage: python -m cli schema [OPTIONS]\n")

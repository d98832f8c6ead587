"""The command line as a real process, fed the worst of the fuzzers' inputs: exit 2, readable lines, no traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from logic.parse import MAX_ANSWERS_BYTES
from tests.factories import answers_dict
from tests.fuzz.counts import record

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]

CASES = {
    "30,000 nested lists": b"[" * 30_000 + b"]" * 30_000,
    "30,000 nested objects in a field": json.dumps(answers_dict())
    .replace('"marks": ', '"marks": ' + '{"a":' * 30_000 + "1" + "}" * 30_000 + ', "x": ', 1)
    .encode(),
    "10 MB on standard input": b"x" * 10_000_000,
    "20,000 wrong items in a list": json.dumps(answers_dict(marks=[1] * 20_000)).encode(),
    "binary noise": bytes(range(256)) * 4,
    "UTF-16 with a byte order mark": json.dumps(answers_dict()).encode("utf-16"),
    "NUL bytes": b"\x00" * 100,
    "notes of 60,000 characters": json.dumps(answers_dict(notes="\u202e" * 20_000)).encode(),
}


@pytest.mark.parametrize("how", ["stdin", "file", "stdin as FHIR"])
@pytest.mark.parametrize("name", CASES)
def test_the_worst_inputs_exit_2_with_readable_lines(tmp_path, name, how):
    data = CASES[name]
    if how == "file":
        path = tmp_path / "answers.json"
        path.write_bytes(data)
        args, stdin, source = [str(path)], None, str(path)
    else:
        args, stdin, source = ["-", *(["--from-fhir"] if "FHIR" in how else [])], data, "standard input"
    result = subprocess.run(
        [sys.executable, "-m", "logic", "summarize", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=60
    )
    record("command line: real processes", 1)
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout == b""
    err = result.stderr.decode("utf-8")  # strict: no mangled bytes on the terminal
    assert "Traceback" not in err
    header, *lines = err.splitlines()
    assert header == f"{source}: the answers are not valid:"
    assert lines
    assert all(line.startswith("  - ") for line in lines), lines[:5]


def test_a_folder_or_a_missing_file_is_a_readable_refusal(tmp_path):
    for target in (tmp_path, tmp_path / "missing.json"):
        result = subprocess.run(
            [sys.executable, "-m", "logic", "summarize", str(target)], capture_output=True, text=True, timeout=60
        )
        record("command line: real processes", 1)
        assert result.returncode == 2
        assert "cannot read the file" in result.stderr
        assert "Traceback" not in result.stderr


def test_only_the_first_64_kb_and_a_byte_are_read_from_a_pipe():
    """A 10 MB pipe is refused by size without reading it all: the message gives the limit plus one byte."""
    result = subprocess.run(
        [sys.executable, "-m", "logic", "summarize", "-"], input=b" " * 10_000_000, capture_output=True, timeout=60
    )
    record("command line: real processes", 1)
    assert result.returncode == 2
    assert f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long".encode() in result.stderr

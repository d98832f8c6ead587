"""Broken content fails safe everywhere it is read: the command line and the app stop, naming file and field.

tests/logic/test_content.py checks each kind of breakage in load_content, and tests/ui/test_app.py checks the
app stops for an unknown id. Here every kind of breakage is tried on a copy of the project in a fresh
interpreter: the command line must exit non-zero with a readable message and no traceback, and the app must
show the message and nothing else.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import answers_dict
from tests.support.apptest import CHECK_BROKEN_APP

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def _replace(name: str, old: str, new: str):
    def change(content: Path) -> None:
        path = content / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in {name}: update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _drop_line(name: str, pattern: str):
    def change(content: Path) -> None:
        path = content / name
        text = path.read_text(encoding="utf-8")
        changed = re.sub(pattern, "", text, count=1, flags=re.M)
        assert changed != text, f"{pattern!r} matches nothing in {name}: update this test"
        path.write_text(changed, encoding="utf-8")

    return change


def _delete(name: str):
    return lambda content: (content / name).unlink()


# Each breakage, and what the message must say besides the file's name.
BREAKAGES = {
    "unknown id": ("flags.toml", _replace("flags.toml", "[changing_spot]", "[changing_spott]"), "changing_spott"),
    "missing field": ("marks.toml", _drop_line("marks.toml", r"^name = .*\n"), "brown_marks.name: Field required"),
    "bad TOML": ("article.toml", _replace("article.toml", "[risks]", "[risks"), "not valid TOML"),
    "misspelt evidence grade": (
        "article.toml",
        _replace("article.toml", 'evidence = "supported"', 'evidence = "proven"'),
        ".evidence: Input should be",
    ),
    "missing file": ("ui.toml", _delete("ui.toml"), "the file is missing"),
}


def broken_copy(tmp_path: Path, breakage: str) -> Path:
    for part in ("app.py", "logic", "cli", "exports", "ui", "server", "content", ".streamlit"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    BREAKAGES[breakage][1](tmp_path / "content")
    return tmp_path


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_the_command_line_stops_with_the_file_and_field_named(tmp_path, breakage):
    root = broken_copy(tmp_path, breakage)
    answers = root / "answers.json"
    answers.write_text(json.dumps(answers_dict()), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "logic", "summarize", str(answers)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    file, _, detail = BREAKAGES[breakage]
    assert result.returncode not in (0, 2), result.stderr  # 2 is for bad answers; this is the tool's fault
    assert result.stdout == ""
    assert f"content/{file} is broken" in result.stderr
    assert detail in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("breakage", [b for b in BREAKAGES if b != "unknown id"])  # tests/ui/test_app.py has that one
def test_the_app_stops_with_the_file_and_field_named(tmp_path, breakage):
    root = broken_copy(tmp_path, breakage)
    result = subprocess.run(
        [sys.executable, "-c", CHECK_BROKEN_APP], cwd=root, capture_output=True, text=True, timeout=120
    )
    page = json.loads(result.stdout.strip().splitlines()[-1])
    file, _, detail = BREAKAGES[breakage]
    message = "\n".join(page["errors"])
    assert f"content/{file} is broken" in message
    assert detail in message
    assert page["buttons"] == 0

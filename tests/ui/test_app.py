"""app.py, the whole web questionnaire through Streamlit's AppTest: a person's path to the summary, what
the app does when its content is broken, and what it never puts in a URL or a log."""

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from logic import Answers, default_content, evaluate
from logic.vocab import FlagId
from tests.support.apptest import (
    APP,
    CHECK_BROKEN_APP,
    PERSON,
    complete,
    page_text,
)
from ui.state import PAGE

CONTENT = default_content()


def test_a_full_path_reaches_the_summary_with_the_same_flags_as_evaluate(at):
    complete(at, PERSON)
    assert not at.exception
    assert at.session_state[PAGE] == "summary"
    expected = evaluate(Answers.model_validate(PERSON))
    text = page_text(at)
    shown = [f for f in expected.flags if f.title in text]
    assert shown == list(expected.flags)
    assert {FlagId.UNSAFE_INJECTION_SETTING, FlagId.SUNKEN_SCARS, FlagId.DARKER_SKIN_PROCEDURES} <= {
        f.id for f in expected.flags
    }
    for section in expected.article:
        assert section.title in text
    for mark in expected.marks:
        assert mark.name in text
    assert expected.disclaimer in text
    assert at.get("download_button")


@pytest.mark.integration  # a fresh interpreter on a copy of the app
def test_broken_content_stops_the_app_with_a_message_naming_the_file_and_field(tmp_path):
    """Run in a fresh interpreter on a copy of the app, so the copy's broken content is what loads."""
    root = Path(APP).parent
    for part in ("app.py", "logic", "exports", "ui", "server", "content", ".streamlit"):
        source = root / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part)
        else:
            shutil.copy(source, tmp_path / part)
    flags = tmp_path / "content" / "flags.toml"
    flags.write_text(flags.read_text(encoding="utf-8").replace("[changing_spot]", "[changing_spott]"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHECK_BROKEN_APP], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    page = json.loads(result.stdout.strip().splitlines()[-1])
    message = "\n".join(page["errors"])
    assert "flags.toml" in message
    assert "changing_spott: not a known id" in message
    assert page["buttons"] == 0


def test_answers_stay_out_of_the_url_and_the_logs(at, caplog):
    caplog.set_level(logging.DEBUG)
    complete(at, {**PERSON, "notes": "sentinel-3f9a1c"})
    assert not at.query_params
    assert "sentinel-3f9a1c" not in caplog.text
    assert "online_purchase" not in caplog.text

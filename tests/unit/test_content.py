"""Content files: complete for every id the code knows, editable without code, and loud when broken."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from logic import ContentError, evaluate, load_content
from logic.answers import field_options, is_text, is_yes_no
from logic.content import CONTENT_DIR
from logic.vocab import Field, FlagId, Mark, SectionId
from tests.factories import make_answers


def dump_toml(data: dict) -> str:
    """Just enough TOML for these tests: every table written inline."""

    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list | tuple):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {value(x)}" for k, x in v.items()) + "}"
        raise TypeError(v)

    return "".join(f"{json.dumps(k, ensure_ascii=False)} = {value(v)}\n" for k, v in data.items())


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(directory: Path, name: str, change) -> None:
    path = directory / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump_toml(data), encoding="utf-8")


def broken(directory: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    return str(caught.value)


def test_shipped_content_has_text_for_every_id_and_answer_value():
    content = load_content()
    assert set(content.flags) == set(FlagId)
    assert set(content.article) == set(SectionId)
    assert set(content.marks) == set(Mark)
    for field in Field:
        label = content.field_label(field)
        assert label
        if is_yes_no(field):
            assert content.option_label(field, True) and content.option_label(field, False)
        elif not is_text(field):
            assert all(content.option_label(field, v) for v in field_options(field))


def test_the_dump_helper_round_trips_the_shipped_content(content_copy):
    for name in ("general", "flags", "article", "marks", "questions", "ui"):
        edit(content_copy, name, lambda data: None)
    assert load_content(content_copy) == load_content()


def test_an_editor_can_reword_a_flag_without_touching_code(content_copy):
    def reword(data):
        data["changing_spot"]["title"] = "Show this spot to a doctor soon"

    edit(content_copy, "flags", reword)
    summary = evaluate(make_answers(changing_spot=True), load_content(content_copy))
    assert summary.flags[0].title == "Show this spot to a doctor soon"


def test_bad_toml_names_the_file(content_copy):
    (content_copy / "flags.toml").write_text("[changing_spot\ntitle = 'x'\n", encoding="utf-8")
    message = broken(content_copy)
    assert "flags.toml" in message
    assert "not valid TOML" in message


def test_a_missing_field_names_the_file_and_the_field(content_copy):
    edit(content_copy, "flags", lambda d: d["possible_anaphylaxis"].pop("title"))
    message = broken(content_copy)
    assert "flags.toml" in message
    assert "possible_anaphylaxis.title: Field required" in message


def test_an_unknown_flag_id_is_refused(content_copy):
    edit(content_copy, "flags", lambda d: d.update(made_up_flag=d["changing_spot"]))
    message = broken(content_copy)
    assert "flags.toml" in message
    assert "made_up_flag: not a known id" in message


def test_a_flag_left_without_text_is_refused(content_copy):
    edit(content_copy, "flags", lambda d: d.pop("lightening_goal"))
    assert "no text for the flag for: lightening_goal" in broken(content_copy)


def test_an_unknown_evidence_grade_is_refused(content_copy):
    edit(content_copy, "article", lambda d: d["risks"].update(evidence="probably"))
    message = broken(content_copy)
    assert "article.toml" in message
    assert "risks.evidence" in message


def test_a_missing_option_label_is_refused(content_copy):
    edit(content_copy, "questions", lambda d: d["fields"]["age_group"]["options"].pop("under_18"))
    message = broken(content_copy)
    assert "questions.toml" in message
    assert "fields.age_group.options: missing under_18" in message


def test_an_unknown_key_is_refused(content_copy):
    edit(content_copy, "marks", lambda d: d["keloid"].update(colour="red"))
    message = broken(content_copy)
    assert "marks.toml" in message
    assert "keloid.colour: Extra inputs are not permitted" in message


def test_an_empty_text_is_refused(content_copy):
    edit(content_copy, "general", lambda d: d.update(disclaimer="   "))
    message = broken(content_copy)
    assert "general.toml" in message
    assert "disclaimer" in message


def test_a_missing_file_is_named(content_copy):
    (content_copy / "ui.toml").unlink()
    message = broken(content_copy)
    assert "ui.toml" in message
    assert "the file is missing" in message

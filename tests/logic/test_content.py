"""Content files: complete for every id the code knows, editable without code, and loud when broken."""

import re
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from logic import ContentError, evaluate, load_content
from logic.answers import field_options, is_text, is_yes_no
from logic.content import CONTENT_DIR
from logic.vocab import Field, FlagId, Mark, SectionId
from tests.factories import make_answers


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(directory: Path, name: str, change) -> None:
    path = directory / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


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


def test_rewriting_every_file_keeps_the_shipped_content(content_copy):
    for name in ("general", "flags", "article", "marks", "questions", "ui", "references"):
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


# --- The bibliography -------------------------------------------------------------------------------------


def test_every_source_a_flag_mark_or_section_cites_is_in_the_bibliography_and_each_entry_is_cited():
    content = load_content()
    cited = {
        s
        for table in (content.flags, content.marks, content.article)
        for entry in table.values()
        for s in entry.sources
    }
    assert cited == set(content.references)


def test_an_unknown_reference_id_names_the_file_and_the_entry(content_copy):
    edit(content_copy, "flags", lambda d: d["changing_spot"].update(sources=["nhs_skin_cancer", "made_up_2020"]))
    message = broken(content_copy)
    assert "flags.toml" in message
    assert "changing_spot.sources: 'made_up_2020' is not in references.toml" in message


def test_a_reference_nobody_cites_is_refused(content_copy):
    def add(data):
        data["lonely_2001"] = {
            **data["zubair_2016"],
            "citation": "A paper nobody cites.",
            "url": "https://example.org/x",
        }

    edit(content_copy, "references", add)
    message = broken(content_copy)
    assert "references.toml" in message
    assert "lonely_2001: cited by no flag, mark or article section" in message


def test_a_second_entry_for_the_same_work_is_refused(content_copy):
    def copy(data):
        data["zubair_again"] = dict(data["zubair_2016"])

    edit(content_copy, "references", copy)
    message = broken(content_copy)
    assert "references.toml" in message
    assert "zubair_again.citation: the same as zubair_2016.citation" in message


def test_the_same_id_twice_in_the_bibliography_is_refused(content_copy):
    path = content_copy / "references.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[zubair_2016]\nshort = "again"\n', encoding="utf-8")
    message = broken(content_copy)
    assert "references.toml" in message
    assert "not valid TOML" in message


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["zubair_2016"].update(kind="blog"), "zubair_2016.kind"),
        (lambda d: d["nice_ng198"].update(url="www.nice.org.uk/guidance/ng198"), "nice_ng198.url"),
        (lambda d: d["nice_ng198"].update(checked="last week"), "nice_ng198.checked"),
        (lambda d: d["nice_ng198"].pop("citation"), "nice_ng198.citation"),
    ],
    ids=["kind", "url", "checked", "citation"],
)
def test_a_broken_bibliography_entry_names_its_field(content_copy, change, where):
    edit(content_copy, "references", change)
    message = broken(content_copy)
    assert "references.toml" in message
    assert where in message


def test_an_article_claim_must_be_stated_as_the_articles_claim(content_copy):
    edit(content_copy, "article", lambda d: d["risks"].update(claim="Glutathione injections are generally safe."))
    message = broken(content_copy)
    assert "article.toml" in message
    assert "risks.claim" in message


# --- The project stands on its own -------------------------------------------------------------------------

# A path that leaves the repository: a parent directory, or the research folder the project was written from.
# Spelt in parts, so that this file does not itself name the folders it looks for.
OUTSIDE = ("../", "..\\", *(f"shared/{folder}" for folder in ("research", "spec", "seed")))


# What is not the project's own text: installed packages, caches, test output and binary files.
NOT_OURS = {".git", ".venv", "mutants", "screenshots", ".pytest_cache", ".ruff_cache", ".hypothesis", "__pycache__"}
BINARY = {".ttf", ".png", ".svg", ".pdf", ".pyc"}


def project_files() -> list[Path]:
    root = CONTENT_DIR.parent
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix not in BINARY and not NOT_OURS & set(path.relative_to(root).parts)
    ]


def test_no_file_in_the_project_names_a_path_outside_the_repository():
    files = project_files()
    assert {"README.md", "content/flags.toml", "logic/rules.py"} <= {
        str(p.relative_to(CONTENT_DIR.parent)) for p in files
    }
    offenders = [
        f"{path.relative_to(CONTENT_DIR.parent)}: {needle}"
        for path in files
        if path != Path(__file__).resolve()
        for needle in OUTSIDE
        if needle in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert offenders == []


def test_the_evidence_record_cites_only_sources_in_the_bibliography_and_every_one_of_them():
    text = (CONTENT_DIR.parent / "docs" / "evidence.md").read_text(encoding="utf-8")
    cited = {
        name.strip() for group in re.findall(r"\[([a-z0-9_]+(?:, *[a-z0-9_]+)*)\]", text) for name in group.split(",")
    }
    assert cited == set(load_content().references)

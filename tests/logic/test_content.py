"""logic/content.py: content files complete for every id the code knows, editable without code, loud when
broken; and languages as data, a translation being a folder of the same files and keys checked against the English."""

import errno
import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import tomli_w

from logic import ContentError, default_content, errors, evaluate, load_content
from logic.answers import (
    field_options,
    is_text,
    is_yes_no,
)
from logic.content import CONTENT_DIR, NOT_TRANSLATED, _merge, is_translated, languages
from logic.vocab import Field, FileProblem, FlagId, Mark, SectionId
from tests.factories import make_answers
from tests.support.content_edits import broken, copy_content, edit

CONTENT = default_content()


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
    for name in ("general", "flags", "plan", "article", "marks", "questions", "ui", "references"):
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
    assert "not valid TOML: " in message and "(at line 1, column 15)" in message


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


@pytest.mark.parametrize(
    ("name", "table", "key", "expected"),
    [
        ("flags", (), "lightening_goal", "no text for the flag for: lightening_goal"),
        ("article", (), "how_it_works", "no text for the article section for: how_it_works"),
        ("marks", (), "keloid", "no text for the mark for: keloid"),
        ("plan", ("oral",), "unlikely_to_help", "no plan text for the route and advice for: oral.unlikely_to_help"),
        ("plan", (), "inhaled", "no plan text for the route and advice for: inhaled.avoid"),
        ("general", ("provider_questions", "routes"), "oral", "no question for the route for: oral"),
        ("general", ("next_step",), "today", "no words for the next step for: today"),
        ("general", ("levels",), "consult", "no text for the level for: consult"),
        ("general", ("evidence",), "limited", "no label for the evidence grade for: limited"),
        ("general", ("fit",), "not_expected", "no label for the glutathione fit for: not_expected"),
        ("general", ("relevance",), "red_marks", "no sentence for the reason for: red_marks"),
        ("questions", ("skin_type_helper", "tan", "options"), "IV", "no option for the skin type for: IV"),
        ("questions", ("steps",), "plans", "no title for the step for: plans"),
        ("questions", ("fields",), "notes", "no question text for the field for: notes"),
    ],
)
def test_an_id_left_without_its_text_is_refused_naming_what_is_missing(content_copy, name, table, key, expected):
    def drop(data):
        for part in table:
            data = data[part]
        del data[key]

    edit(content_copy, name, drop)
    assert expected in broken(content_copy)


def test_plan_text_for_advice_the_rules_never_give_is_refused(content_copy):
    edit(content_copy, "plan", lambda d: d["injection"].update(unlikely_to_help=d["oral"]["unlikely_to_help"]))
    message = broken(content_copy)
    assert "plan.toml" in message
    assert "the rules never give this advice, so its text would never show: injection.unlikely_to_help" in message


def test_an_editor_can_reword_the_plan_without_touching_code(content_copy):
    edit(content_copy, "plan", lambda d: d["injection"]["avoid"].update(title="Skip the drip"))
    summary = evaluate(make_answers(routes=["injection"]), load_content(content_copy))
    assert summary.plan[0].title == "Skip the drip"


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
        for table in (content.flags, content.marks, content.article, *content.plan.values())
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
            "citation": "Lonely A. A paper nobody cites. J Nowhere. 2001;1:1-2.",
            "url": "https://example.org/x",
        }

    edit(content_copy, "references", add)
    message = broken(content_copy)
    assert message.startswith(f"content file {content_copy / 'references.toml'} is broken:")
    assert "lonely_2001: cited by no flag, mark or article section" in message


def test_a_second_entry_for_the_same_work_is_refused(content_copy):
    def copy(data):
        data["zubair_again"] = dict(data["zubair_2016"])

    edit(content_copy, "references", copy)
    message = broken(content_copy)
    assert "references.toml" in message
    assert "zubair_again.citation: the same as zubair_2016.citation" in message


def test_a_second_entry_with_the_same_link_is_refused_though_an_entry_before_it_has_no_link(content_copy):
    def same_link(data):
        first, second, third = list(data)[:3]
        data[first].pop("url", None)
        data[third]["url"] = data[second]["url"]

    edit(content_copy, "references", same_link)
    assert ".url: the same as " in broken(content_copy)


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


# What is not the project's own text: what git ignores (.gitignore: installed packages, caches, test output) and
# binary files. Outside a git checkout (mutmut's copy), every file but those folders.
NOT_OURS = {".git", ".venv", ".venv-lock", "mutants", "screenshots", ".pytest_cache", ".ruff_cache", ".hypothesis"}
BINARY = {".ttf", ".png", ".svg", ".pdf", ".pyc"}


def project_files() -> list[Path]:
    root = CONTENT_DIR.parent
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if listed.returncode == 0:
        paths = [root / name for name in listed.stdout.decode().split("\0") if name]
    else:
        paths = [path for path in root.rglob("*") if not NOT_OURS & set(path.relative_to(root).parts)]
    return [path for path in paths if path.is_file() and path.suffix not in BINARY and "__pycache__" not in path.parts]


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


# --- Languages: a translation is a folder of the same files and keys, checked against the English --------

WORD_FILES = tuple(NOT_TRANSLATED)  # every file a translation has


def words_only(data, fixed: tuple[str, ...], at: str = ""):
    """A file's data as a translation holds it: every text kept, the values that are not words left out."""
    if isinstance(data, dict):
        inner = f"{at}." if at else ""
        return {k: words_only(v, fixed, f"{inner}{k}") for k, v in data.items() if is_translated(f"{inner}{k}", fixed)}
    if isinstance(data, list):
        return [words_only(v, fixed, at) for v in data]
    return "Zx " + data if isinstance(data, str) else data


@pytest.fixture
def with_translation(tmp_path) -> Path:
    """A copy of the content with a made-up language `zz` whose every text starts with "Zx "."""
    target = copy_content(tmp_path / "content", ignore=("fil",))
    (target / "zz").mkdir()
    for name in WORD_FILES:
        english = tomllib.loads((CONTENT_DIR / f"{name}.toml").read_text(encoding="utf-8"))
        (target / "zz" / f"{name}.toml").write_text(
            tomli_w.dumps(words_only(english, NOT_TRANSLATED[name])), encoding="utf-8"
        )
    (target / "zz" / "language.toml").write_text(
        'name = "Zedish"\ncode = "zz"\nreviewed_by_clinician = false\nnotice = "Zx not checked yet."\n'
        'claim_opening = "Zx The article says"\n',
        encoding="utf-8",
    )
    return target


def test_english_is_the_source_and_says_honestly_that_no_doctor_has_checked_it():
    content = load_content()
    assert (content.language.code, content.language.name, content.language.reviewed_by_clinician) == (
        "en",
        "English",
        False,
    )
    assert content.language.review is None
    assert "No doctor has checked this wording yet" in content.language.notice


@pytest.mark.parametrize("code", ["en", "fil"])
def test_no_language_claims_a_review_nobody_recorded(code):
    """No clinician has reviewed the wording: a review counts only when it is recorded (who, their
    qualification, the date and the content version they read), and none is."""
    language = load_content(language=code).language
    assert not language.reviewed_by_clinician and language.review is None and language.notice.strip()


_ZEDISH = 'name = "Zedish"\ncode = "zz"\nclaim_opening = "Zx The article says"\n'
_RECORD = '[review]\nreviewer = "Dr Zx"\nqualification = "Zx dermatologist"\ndate = 2026-12-05\ncontent_version = "v"\n'


def test_a_review_claimed_without_its_record_is_refused(with_translation):
    (with_translation / "zz" / "language.toml").write_text(_ZEDISH + "reviewed_by_clinician = true\n")
    message = broken(with_translation, "zz")
    assert "zz/language.toml" in message
    assert "review: reviewed_by_clinician = true needs the review recorded" in message


def test_a_recorded_review_must_be_marked_reviewed(with_translation):
    (with_translation / "zz" / "language.toml").write_text(
        _ZEDISH + 'reviewed_by_clinician = false\nnotice = "Zx"\n' + _RECORD
    )
    assert "a recorded review needs reviewed_by_clinician = true" in broken(with_translation, "zz")


def test_a_recorded_review_loads_with_who_when_and_what(with_translation):
    (with_translation / "zz" / "language.toml").write_text(_ZEDISH + "reviewed_by_clinician = true\n" + _RECORD)
    review = load_content(with_translation, "zz").language.review
    assert review is not None
    assert (review.reviewer, review.qualification, review.date.isoformat(), review.content_version) == (
        "Dr Zx",
        "Zx dermatologist",
        "2026-12-05",
        "v",
    )


def test_a_recorded_review_is_named_in_the_about_part_and_the_notice_goes(with_translation):
    from exports import render_markdown

    (with_translation / "zz" / "language.toml").write_text(_ZEDISH + "reviewed_by_clinician = true\n" + _RECORD)
    content = load_content(with_translation, "zz")
    record = "Zx Checked by Dr Zx (Zx dermatologist) on 2026-12-05, for content version v."
    assert content.review_record() == record and content.review_notice is None
    answers = make_answers(changing_spot=True)
    markdown = render_markdown(evaluate(answers, content), answers, content)
    assert markdown.count(record) == 1
    assert markdown.index(content.ui.summary.about) < markdown.index(record)


def test_until_a_review_is_recorded_the_about_part_names_nobody():
    content = load_content()
    assert content.review_record() is None and content.review_notice == content.language.notice


def test_a_language_is_added_by_adding_its_folder(with_translation):
    assert languages(with_translation) == {"en": "English", "zz": "Zedish"}
    content = load_content(with_translation, "zz")
    assert content.language.notice == "Zx not checked yet."
    summary = evaluate(make_answers(changing_spot=True), content)
    english = evaluate(make_answers(changing_spot=True), load_content(with_translation))
    assert summary.flags[0].title == "Zx " + english.flags[0].title
    # Ids, answer values, grades, sources and the rules do not change with the language.
    assert [(f.id, f.level, f.when, f.sources) for f in summary.flags] == [
        (f.id, f.level, f.when, f.sources) for f in english.flags
    ]
    assert summary.flags[0].id is FlagId.CHANGING_SPOT
    assert [s.evidence for s in summary.article] == [s.evidence for s in english.article]
    assert summary.references == english.references


def test_an_unknown_language_is_named():
    with pytest.raises(ContentError) as caught:
        load_content(language="xx")
    assert "there is no content in the language 'xx'" in str(caught.value)
    assert str(caught.value.path).endswith("content/xx/language.toml")


def test_a_missing_key_names_the_language_file_and_key(with_translation):
    edit(with_translation / "zz", "flags", lambda d: d["changing_spot"].pop("action"))
    message = broken(with_translation, "zz")
    assert "zz/flags.toml" in message
    assert "changing_spot.action: missing (the English has it)" in message


def test_an_extra_key_is_refused(with_translation):
    edit(with_translation / "zz", "marks", lambda d: d["keloid"].update(colour="Zx red"))
    assert "keloid.colour: not in the English" in broken(with_translation, "zz")


def test_a_key_that_is_not_words_must_stay_out(with_translation):
    edit(with_translation / "zz", "article", lambda d: d["risks"].update(evidence="supported"))
    assert "zz/article.toml" in (message := broken(with_translation, "zz"))
    assert "risks.evidence: not translated: leave it out" in message


def test_a_placeholder_that_differs_from_the_english_is_refused(with_translation):
    edit(with_translation / "zz", "ui", lambda d: d["nav"].update(progress="Zx {number} / {all}: {title}"))
    message = broken(with_translation, "zz")
    assert "zz/ui.toml" in message
    assert "nav.progress: placeholders {all}, {number}, {title} differ from the English {number}, {title}, {total}" in (
        message
    )


def test_a_list_keeps_its_length(with_translation):
    edit(with_translation / "zz", "general", lambda d: d["provider_questions"]["always"].pop())
    assert "provider_questions.always: needs 3 items, as in English" in broken(with_translation, "zz")


def test_an_unreviewed_translation_must_say_so(with_translation):
    (with_translation / "zz" / "language.toml").write_text(
        'name = "Zedish"\ncode = "zz"\nreviewed_by_clinician = false\nclaim_opening = "Zx The article says"\n',
        encoding="utf-8",
    )
    message = broken(with_translation, "zz")
    assert "zz/language.toml" in message
    assert "wording no clinician has reviewed must say so" in message


def test_each_claim_starts_with_the_language_s_own_opening(with_translation):
    edit(with_translation / "zz", "article", lambda d: d["risks"].update(claim="Zx Injections are safe."))
    message = broken(with_translation, "zz")
    assert "zz/article.toml" in message
    assert "risks.claim: must start with 'Zx The article says'" in message


def test_words_are_translated_even_where_a_key_shares_a_name_with_an_id_list():
    assert is_translated("evidence.supported.label", NOT_TRANSLATED["general"])
    assert not is_translated("evidence.supported.icon", NOT_TRANSLATED["general"])
    assert is_translated("summary.sources", NOT_TRANSLATED["ui"])
    assert not is_translated("risks.evidence", NOT_TRANSLATED["article"])
    assert not is_translated("risks.sources", NOT_TRANSLATED["article"])


def test_the_filipino_edition_loads_complete_and_says_it_is_not_yet_reviewed():
    assert languages() == {"en": "English", "fil": "Filipino"}
    filipino, english = load_content(language="fil"), load_content()
    assert filipino.language.code == "fil"
    assert not filipino.language.reviewed_by_clinician and filipino.language.notice
    assert filipino.general.next_step["now"].label != english.general.next_step["now"].label
    assert filipino.references == english.references
    for flag in FlagId:
        assert filipino.flags[flag].sources == english.flags[flag].sources
        assert filipino.flags[flag].title != english.flags[flag].title


# --- logic/content.py: answers in words, and the messages about broken files ------------------------------


def test_an_answer_in_words():
    answers = make_answers(marks=["red_marks", "keloid"], conditions=[], notes="my words")
    marks = CONTENT.questions.fields[Field.MARKS].options
    assert CONTENT.answer_text(answers, Field.MARKS) == f"{marks['red_marks']}; {marks['keloid']}"
    assert CONTENT.answer_text(answers, Field.CONDITIONS) == CONTENT.questions.fields[Field.CONDITIONS].none_label
    assert CONTENT.answer_text(answers, Field.SKIN_TYPE) == CONTENT.option_label(Field.SKIN_TYPE, "III")
    assert CONTENT.answer_text(answers, Field.NOTES) == "my words"
    assert CONTENT.option_label(Field.NOTES, "my words") == "my words"
    assert (
        CONTENT.option_label(Field.CHANGING_SPOT, True) == CONTENT.questions.fields[Field.CHANGING_SPOT].options["true"]
    )


def test_a_list_that_may_be_left_empty_needs_its_none_of_these_label(content_copy):
    edit(content_copy, "questions", lambda d: d["fields"]["conditions"].pop("none_label"))
    assert broken_lines(content_copy)[1:] == [
        "  - (top level): fields.conditions.none_label: a question that may be left empty needs one"
    ]
    assert CONTENT.answer_text(make_answers(conditions=[]), Field.CONDITIONS) == "None of these"


def broken_lines(directory: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    return str(caught.value).split("\n")


def test_a_missing_file_is_the_only_problem_named(content_copy):
    (content_copy / "ui.toml").unlink()
    assert broken_lines(content_copy)[1:] == ["  - the file is missing"]


@pytest.mark.parametrize("how", ["not UTF-8", "a folder"])
def test_a_file_that_cannot_be_read_is_named_with_why(content_copy, how):
    path = content_copy / "flags.toml"
    path.unlink()
    if how == "a folder":
        path.mkdir()
    else:
        path.write_bytes(b'title = "\xff\xfe"\n')
    lines = broken_lines(content_copy)
    assert lines[0].startswith("content file ") and lines[0].endswith("flags.toml is broken:")
    assert len(lines) == 2
    reason = os.strerror(errno.EISDIR) if how == "a folder" else "'utf-8' codec can't decode byte 0xff"
    assert lines[1].startswith("  - cannot be read: ") and reason in lines[1]


def test_a_whole_file_check_names_every_missing_id_once(content_copy):
    def drop(data):
        del data["levels"]["note"], data["levels"]["none"]

    edit(content_copy, "general", drop)
    assert broken_lines(content_copy)[1:] == ["  - (top level): no text for the level for: note, none"]


def test_an_unknown_id_inside_a_table_names_the_path_and_the_ids_allowed(content_copy):
    edit(content_copy, "general", lambda d: d["levels"].update(severe=d["levels"]["urgent"]))
    assert broken_lines(content_copy)[1:] == [
        "  - levels.severe: not a known id; allowed: 'urgent', 'consult', 'note' or 'none'"
    ]
    edit(content_copy, "general", lambda d: d["levels"].pop("severe"))
    edit(content_copy, "flags", lambda d: d.update(made_up=d["changing_spot"]))
    assert broken_lines(content_copy)[1].startswith(
        "  - made_up: not a known id; allowed: 'possible_anaphylaxis', 'possible_severe_skin_reaction', "
    )


def test_a_misspelt_value_keeps_pydantics_words(content_copy):
    edit(content_copy, "article", lambda d: d["risks"].update(evidence="proven"))
    assert broken_lines(content_copy)[1:] == [
        "  - risks.evidence: Input should be 'supported', 'limited', 'unknown' or 'not_supported'"
    ]


@pytest.mark.parametrize("code", sorted(languages()))
def test_every_file_problem_has_its_line_in_every_language(code):
    files = default_content(code).ui.files
    assert all(getattr(files, str(problem), None) for problem in FileProblem), code


# --- How a translation is laid over the English, value by value (content._merge) ---------------------------


def merged(source, target, fixed=("*.id",)):
    problems: list[str] = []
    return _merge(source, target, "", problems, fixed), problems


def test_a_translation_s_words_take_the_place_of_the_english_and_fixed_values_stay_english():
    source = {"a": {"title": "Hello {name}", "id": "x1"}, "b": ["one", "two"]}
    target = {"a": {"title": "Kumusta {name}"}, "b": ["isa", "dalawa"]}
    assert merged(source, target) == ({"a": {"title": "Kumusta {name}", "id": "x1"}, "b": ["isa", "dalawa"]}, [])


def test_every_way_a_translation_can_differ_from_the_english_is_named_where_it_is():
    source = {
        "t": {"title": "A {n}", "id": "x", "list": ["1", "2"], "more": {"k": "v"}, "gone": "g", "num": "3"},
    }
    target = {"t": {"title": "B", "id": "y", "list": ["1"], "more": "text", "num": 3, "new": "n"}}
    result, problems = merged(source, target)
    assert result == {"t": {**source["t"], "title": "B"}}  # of the broken values, only text is taken (and told)
    assert problems == [
        errors.untranslated("t.gone"),
        errors.not_to_translate("t.id", in_english=True),
        errors.not_to_translate("t.new", in_english=False),
        errors.placeholders_differ("t.title", [], ["{n}"]),
        errors.not_like_english("t.list", "needs 2 items"),
        errors.not_like_english("t.more", "expected a table"),
        errors.not_like_english("t.num", "expected text"),
    ]


def test_a_list_is_merged_item_by_item_with_each_item_s_place_named():
    result, problems = merged({"l": [{"w": "a {x}"}, {"w": "b"}]}, {"l": [{"w": "c {x}"}, {"w": "d {y}"}]})
    assert result == {"l": [{"w": "c {x}"}, {"w": "d {y}"}]}
    assert problems == [errors.placeholders_differ("l[1].w", ["{y}"], [])]


def test_the_top_level_must_be_a_table_too():
    assert merged({"a": "x"}, ["x"]) == ({"a": "x"}, [errors.not_like_english("", "expected a table")])


def test_languages_are_named_in_their_own_words_english_first_and_a_folder_without_a_name_by_its_code(tmp_path):
    (tmp_path / "language.toml").write_text('code = "en"\n', encoding="utf-8")
    for code, text in (("zz", 'name = "Zed"\n'), ("aa", "")):
        (tmp_path / code).mkdir()
        (tmp_path / code / "language.toml").write_text(text, encoding="utf-8")
    (tmp_path / "notes").mkdir()  # a folder without language.toml is not a language
    assert list(languages(tmp_path).items()) == [("en", "English"), ("aa", "aa"), ("zz", "Zed")]
    (tmp_path / "language.toml").write_text('name = "English (Philippines)"\n', encoding="utf-8")
    assert languages(tmp_path)["en"] == "English (Philippines)"


def test_every_language_gives_the_same_emergency_numbers():
    """The numbers a person in danger calls are the same digits in every language, wherever they are said."""
    for code in languages():
        content = default_content(code)
        for line in (content.ui.nav.emergency_call, content.general.next_step["now"].instruction):
            assert set(re.findall(r"\d+", line)) == {"911", "999", "112"}, (code, line)


# --- The bibliography: complete for its kind, and findable -------------------------------------------------


def test_a_journal_article_without_authors_volume_or_doi_is_refused_naming_the_entry_and_field(content_copy):
    edit(content_copy, "references", lambda d: d["zubair_2016"].update(citation="IV glutathione for skin tone."))
    message = broken(content_copy)
    assert message.startswith(f"content file {content_copy / 'references.toml'} is broken:")
    assert 'zubair_2016: citation: a journal article starts with its authors ("Surname AB, Surname C.")' in message
    assert "citation: a journal article needs its year" in message
    assert "citation: a journal article needs the journal's volume and pages" in message


def test_a_doi_stands_in_for_volume_and_pages():
    from logic.content import citation_gaps
    from logic.vocab import ReferenceKind

    cited = "Lee A, Kim B. A trial. J Skin. 2020. doi:10.1000/xyz1."
    assert citation_gaps(ReferenceKind.TRIAL, cited, None) == []
    assert citation_gaps(ReferenceKind.TRIAL, cited.replace(" doi:10.1000/xyz1.", ""), None) == [
        errors.CITATION_NEEDS_JOURNAL
    ]


@pytest.mark.parametrize(
    ("authors", "accepted"),
    [
        ("van Leeuwen MCE, Niessen FB.", True),
        ("dela Cruz J, de Guzman AB.", True),
        ("Lee A, Kim B.", True),
        ("the makers.", False),
        ("van the makers.", False),
    ],
)
def test_a_surname_may_start_with_a_lowercase_particle(authors, accepted):
    from logic.content import citation_gaps
    from logic.vocab import ReferenceKind

    gaps = citation_gaps(ReferenceKind.TRIAL, f"{authors} A trial. J Skin. 2020;1(2):3-4.", None)
    assert (errors.CITATION_NEEDS_AUTHORS not in gaps) is accepted


def test_a_regulator_page_without_a_public_link_is_refused(content_copy):
    edit(content_copy, "references", lambda d: d["ph_fda_2019_182"].pop("url"))
    message = broken(content_copy)
    assert "references.toml" in message
    assert "ph_fda_2019_182: url: a regulator source that is not a journal article needs a public link" in message


def test_a_flag_resting_only_on_sources_nobody_can_look_up_is_refused(content_copy):
    edit(content_copy, "flags", lambda d: d["changing_spot"].update(sources=["zubair_2016"]))
    message = broken(content_copy)
    assert f"{content_copy / 'flags.toml'}" in message
    assert "changing_spot.sources: none has a public link, DOI or PMID" in message


def test_every_shipped_source_has_a_kind_that_fits_and_a_checked_date():
    references = load_content().references
    assert all(entry.checked for entry in references.values())
    # A society's statement or advisory is not a guideline; a patient page is not one either.
    assert {references[i].kind for i in ("pds_2018", "pds_2025", "nhs_acne", "nhs_sjs")} == {"other"}
    assert references["sitohang_ninditya_2020"].kind == "expert_review"  # an evidence-based case report


def test_a_time_frame_uses_a_flag_s_own_words_only_when_that_flag_alone_sets_it():
    from logic.vocab import FlagId

    now = default_content().general.next_step["now"]
    own = now.only[FlagId.SELF_HARM]
    assert now.for_flags([FlagId.SELF_HARM]) is own
    assert now.for_flags([FlagId.SELF_HARM, FlagId.SELF_HARM]) is own
    assert now.for_flags([FlagId.SELF_HARM, FlagId.POSSIBLE_ANAPHYLAXIS]) is now
    assert now.for_flags([FlagId.POSSIBLE_ANAPHYLAXIS]) is now
    assert now.for_flags([]) is now

"""Tests that mutation testing (`make mutation`) showed were missing.

Each block names what mutmut changed that no test noticed: exact wording of messages, boundaries, the
building blocks the rules and the model are made of (they run once at import, so only a direct call can
see a change to them), the parts of a page's answers checked before the end, the command line in process,
and the shape of the Markdown download.
"""

import io
import json
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pydantic
import pytest
from hypothesis import given

from exports.markdown import escape, render_markdown
from logic import Answers, AnswersError, ContentError, default_content, evaluate, load_content, parse_answers
from logic import __main__ as cli
from logic.answers import (
    NOTES_MAX_LENGTH,
    STEP_FIELDS,
    _several,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    needs_one,
    step_of,
)
from logic.content import CONTENT_DIR
from logic.errors import allowed, answer_problems, shown
from logic.layout import layout, triggers_text
from logic.parse import MAX_ANSWERS_BYTES
from logic.partial import Problem, early_flags, field_problems, suggest_skin_type
from logic.rules import always, answered, either, every
from logic.summary import Trigger
from logic.vocab import Condition, Field, FlagId, Goal, Level, Mark, ProblemKind, Route, SkinType, Step
from tests import strategies
from tests.factories import answers_dict, make_answers
from tests.unit.test_content import content_copy, edit  # noqa: F401  (content_copy is a fixture)

CONTENT = default_content()
FIELDS = ", ".join(str(f) for f in Field)

# --- logic/rules.py: the combinators the rule table is built from ----------------------------------------


def test_answered_gives_one_trigger_per_matching_value_of_the_field():
    answers = make_answers(marks=["red_marks", "boxcar", "keloid"])
    test = answered(Field.MARKS, Mark.KELOID, Mark.RED_MARKS, Mark.ICEPICK)
    assert test(answers) == (
        Trigger(field=Field.MARKS, value="red_marks"),
        Trigger(field=Field.MARKS, value="keloid"),
    )
    assert answered(Field.MARKS, Mark.ICEPICK)(answers) == ()
    assert answered(Field.CHANGING_SPOT, True)(make_answers(changing_spot=True)) == (
        Trigger(field=Field.CHANGING_SPOT, value=True),
    )
    assert answered(Field.CHANGING_SPOT, True)(make_answers(changing_spot=False)) == ()


# Three rule tests for the combinators below: two that hold for red marks on type V skin, one that does not.
RED, DARK, KELOID = (
    answered(Field.MARKS, Mark.RED_MARKS),
    answered(Field.SKIN_TYPE, SkinType.V),
    answered(Field.MARKS, Mark.KELOID),
)


def test_every_holds_only_when_all_hold_and_then_gives_all_their_triggers():
    answers = make_answers(marks=["red_marks"], skin_type="V")
    assert every(RED, DARK)(answers) == (
        Trigger(field=Field.MARKS, value="red_marks"),
        Trigger(field=Field.SKIN_TYPE, value="V"),
    )
    assert every(RED, KELOID)(answers) == ()
    assert every(KELOID, RED)(answers) == ()


def test_either_gives_the_triggers_of_every_test_that_holds():
    answers = make_answers(marks=["red_marks"], skin_type="V")
    assert either(KELOID, RED, DARK)(answers) == (
        Trigger(field=Field.MARKS, value="red_marks"),
        Trigger(field=Field.SKIN_TYPE, value="V"),
    )
    assert either(KELOID)(answers) == ()
    assert always(answers) == (Trigger(field=Field.MARKS, value="red_marks"),)


# --- logic/answers.py: what kind each question is ------------------------------------------------------


def test_a_list_answer_type_refuses_empty_only_when_it_needs_one_and_is_unique_in_the_schema():
    needs = pydantic.TypeAdapter(_several(Mark, at_least_one=True))
    may = pydantic.TypeAdapter(_several(Mark))
    assert may.validate_python([]) == ()
    with pytest.raises(pydantic.ValidationError):
        needs.validate_python([])
    assert needs.validate_python(["keloid"]) == (Mark.KELOID,)
    assert needs.json_schema()["minItems"] == 1
    assert needs.json_schema()["uniqueItems"] is True
    assert may.json_schema()["minItems"] == 0
    assert may.json_schema()["uniqueItems"] is True


def test_the_kind_of_each_question():
    assert field_options(Field.CHANGING_SPOT) == ()
    assert field_options(Field.NOTES) == ()
    assert field_options(Field.MARKS) == tuple(Mark)
    assert field_options(Field.SKIN_TYPE) == tuple(SkinType)
    assert [f for f in Field if is_yes_no(f)] == [Field.CHANGING_SPOT]
    assert [f for f in Field if is_text(f)] == [Field.NOTES]
    assert [f for f in Field if needs_one(f)] == [Field.MARKS, Field.ROUTES, Field.GOALS]
    assert not needs_one(Field.NOTES)
    assert not needs_one(Field.CHANGING_SPOT)
    assert not needs_one(Field.CONDITIONS)
    assert {f for f in Field if is_multi(f)} == {
        Field.CURRENT_SYMPTOMS,
        Field.CONDITIONS,
        Field.MARKS,
        Field.ROUTES,
        Field.OTHER_TREATMENTS,
        Field.GOALS,
    }


def test_each_question_is_on_the_page_that_lists_it():
    for step, fields in STEP_FIELDS.items():
        for field in fields:
            assert step_of(field) is step
    assert step_of(Field.CURRENT_SYMPTOMS) is Step.SAFETY
    assert step_of(Field.NOTES) is Step.PLANS


# --- logic/errors.py and logic/parse.py: the exact words of every refusal --------------------------------


def test_what_each_kind_of_question_allows_in_words():
    assert allowed(Field.CHANGING_SPOT) == "true or false"
    assert allowed(Field.NOTES) == (
        f"text of at most {NOTES_MAX_LENGTH} characters, without control characters other than newline and tab"
    )
    assert allowed(Field.SKIN_TYPE) == "one of I, II, III, IV, V, VI, not_sure"
    assert allowed(Field.MARKS) == (
        "a list of distinct values from brown_marks, red_marks, icepick, boxcar, rolling, raised, keloid, "
        "not_sure (at least one; not_sure only on its own)"
    )
    assert allowed(Field.GOALS) == (
        "a list of distinct values from fade_dark_marks, fade_red_marks, smooth_pits, flatten_raised, "
        "lighter_skin_overall (at least one)"
    )
    assert allowed(Field.OTHER_TREATMENTS) == (
        "a list of distinct values from chemical_peel, microneedling, laser, retinoid, other_topicals, "
        "whitening_products (may be empty)"
    )


def refused(text: str | bytes) -> tuple[str, ...]:
    with pytest.raises(AnswersError) as caught:
        parse_answers(text)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("{", "the answers are not valid JSON (EOF while parsing an object at line 1 column 1)"),
        ("[]", 'the answers must be a JSON object of question keys and values, like {"marks": ["brown_marks"], ...}'),
        ("   \n", "the answers are empty; expected a JSON object of question keys and values"),
        (
            json.dumps(answers_dict(shoe_size=1)),
            f"shoe_size: not a question this questionnaire asks; the questions are {FIELDS}",
        ),
        (json.dumps(answers_dict(marks=["boxcar", 7])), f"marks[1]: 7 is not allowed; allowed: {allowed(Field.MARKS)}"),
        (json.dumps(answers_dict(goals=[])), "goals: needs at least one value from " + ", ".join(Goal)),
        (
            json.dumps(answers_dict(routes=["oral", "oral"])),
            "routes: oral is given more than once; each value may appear only once",
        ),
        (
            json.dumps(answers_dict(routes=["oral", "not_decided"])),
            "routes: not_decided stands alone and cannot be combined with other values",
        ),
        (json.dumps(answers_dict(notes="x" * 501)), "notes: 501 characters is too long; at most 500 are allowed"),
        (
            json.dumps(answers_dict(notes="ok\x00")),
            "notes: a control character (U+0000) at position 3; only newline and tab may be used",
        ),
        (
            json.dumps(answers_dict(age_group="é")),
            f'age_group: "é" is not allowed; allowed: {allowed(Field.AGE_GROUP)}',
        ),
    ],
)
def test_each_refusal_is_worded_exactly(data, problem):
    assert refused(data) == (problem,)


def test_a_missing_answer_says_what_it_needs():
    data = answers_dict()
    del data["conditions"]
    assert refused(json.dumps(data)) == (f"conditions: missing; it needs {allowed(Field.CONDITIONS)}",)


def test_long_values_are_cut_to_60_characters_and_short_ones_shown_whole():
    assert shown("x" * 58) == '"' + "x" * 58 + '"'  # 60 characters with the quotes: shown whole
    assert shown("x" * 59) == '"' + "x" * 56 + "..."  # 61: cut to 57 and an ellipsis
    assert shown("é") == '"é"'
    assert len(shown(list(range(100)))) == 60


def test_a_value_that_is_not_json_is_still_shown():
    """The form's draft is Python, not JSON: a stray object in it must be described, not crash the message."""
    with pytest.raises(pydantic.ValidationError) as caught:
        Answers.model_validate(answers_dict(age_group=date(2026, 1, 1)))
    assert answer_problems(caught.value) == [
        f'age_group: "2026-01-01" is not allowed; allowed: {allowed(Field.AGE_GROUP)}'
    ]


def test_answers_of_exactly_the_size_limit_are_read_and_one_byte_more_is_refused():
    text = json.dumps(answers_dict())
    exact = text + " " * (MAX_ANSWERS_BYTES - len(text))
    assert len(exact.encode()) == MAX_ANSWERS_BYTES
    assert parse_answers(exact) == parse_answers(text)
    assert parse_answers(exact.encode()) == parse_answers(text)
    assert refused(exact + " ") == (
        f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long; an answers file is at most {MAX_ANSWERS_BYTES:,} bytes",
    )


def test_a_content_error_lists_each_problem_on_its_own_line():
    error = ContentError(CONTENT_DIR / "flags.toml", ["a: one", "b: two"])
    assert str(error) == "content file content/flags.toml is broken:\n  - a: one\n  - b: two"
    assert error.problems == ("a: one", "b: two")


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


def test_a_list_that_may_be_left_empty_needs_its_none_of_these_label(content_copy):  # noqa: F811
    edit(content_copy, "questions", lambda d: d["fields"]["conditions"].pop("none_label"))
    assert broken_lines(content_copy)[1:] == [
        "  - (top level): fields.conditions.none_label: a question that may be left empty needs one"
    ]
    assert CONTENT.answer_text(make_answers(conditions=[]), Field.CONDITIONS) == "None of these"


def broken_lines(directory: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    return str(caught.value).split("\n")


def test_a_missing_file_is_the_only_problem_named(content_copy):  # noqa: F811
    (content_copy / "ui.toml").unlink()
    assert broken_lines(content_copy)[1:] == ["  - the file is missing"]


@pytest.mark.parametrize("how", ["not UTF-8", "a folder"])
def test_a_file_that_cannot_be_read_is_named_with_why(content_copy, how):  # noqa: F811
    path = content_copy / "flags.toml"
    path.unlink()
    if how == "a folder":
        path.mkdir()
    else:
        path.write_bytes(b'title = "\xff\xfe"\n')
    lines = broken_lines(content_copy)
    assert lines[0].startswith("content file ") and lines[0].endswith("flags.toml is broken:")
    assert len(lines) == 2
    assert lines[1].startswith("  - cannot be read: ")


def test_a_whole_file_check_names_every_missing_id_once(content_copy):  # noqa: F811
    def drop(data):
        del data["levels"]["note"], data["levels"]["none"]

    edit(content_copy, "general", drop)
    assert broken_lines(content_copy)[1:] == ["  - (top level): no text for the level for: note, none"]


def test_an_unknown_id_inside_a_table_names_the_path_and_the_ids_allowed(content_copy):  # noqa: F811
    edit(content_copy, "general", lambda d: d["levels"].update(severe=d["levels"]["urgent"]))
    assert broken_lines(content_copy)[1:] == [
        "  - levels.severe: not a known id; allowed: 'urgent', 'consult', 'note' or 'none'"
    ]
    edit(content_copy, "general", lambda d: d["levels"].pop("severe"))
    edit(content_copy, "flags", lambda d: d.update(made_up=d["changing_spot"]))
    assert broken_lines(content_copy)[1].startswith(
        "  - made_up: not a known id; allowed: 'possible_anaphylaxis', 'possible_severe_skin_reaction', "
    )


def test_a_misspelt_value_keeps_pydantics_words(content_copy):  # noqa: F811
    edit(content_copy, "article", lambda d: d["risks"].update(evidence="proven"))
    assert broken_lines(content_copy)[1:] == [
        "  - risks.evidence: Input should be 'supported', 'limited', 'unknown' or 'not_supported'"
    ]


# --- logic/partial.py: a page's answers, checked before the end -----------------------------------------


def test_field_problems_names_the_missing_and_the_wrong_and_nothing_else():
    draft = {"current_symptoms": ["rash_or_blisters"], "distress": "sometimes", "marks": ["boxcar", "boxcar"]}
    fields = [Field.CURRENT_SYMPTOMS, Field.CHANGING_SPOT, Field.DISTRESS, Field.MARKS, Field.NOTES]
    assert field_problems(draft, fields) == {
        Field.CHANGING_SPOT: Problem(ProblemKind.MISSING, "changing_spot: missing"),
        Field.DISTRESS: Problem(
            ProblemKind.NOT_ALLOWED, f'distress: "sometimes" is not allowed; allowed: {allowed(Field.DISTRESS)}'
        ),
        Field.MARKS: Problem(
            ProblemKind.REPEATED_VALUE, "marks: boxcar is given more than once; each value may appear only once"
        ),
    }
    assert field_problems({"notes": "x" * 501}, [Field.NOTES]) == {
        Field.NOTES: Problem(ProblemKind.TOO_LONG, "notes: 501 characters is too long; at most 500 are allowed")
    }
    assert field_problems(answers_dict(), list(Field)) == {}
    assert field_problems({}, []) == {}


def test_early_flags_are_only_those_the_valid_answers_given_so_far_raise():
    flags = early_flags({"current_symptoms": ["breathing_or_swelling"], "changing_spot": True, "distress": "bad"})
    assert [f.id for f in flags] == [FlagId.POSSIBLE_ANAPHYLAXIS, FlagId.CHANGING_SPOT]
    assert [f.level for f in flags] == [Level.URGENT, Level.URGENT]
    assert early_flags({}) == ()
    assert early_flags({"shoe_size": 9, "marks": "boxcar"}) == ()
    # A flag needing two answers waits for both, whatever the neutral background would say.
    assert early_flags({"conditions": ["g6pd_deficiency"]}) == ()
    both = early_flags({"conditions": ["g6pd_deficiency"], "routes": ["injection"]}, CONTENT)
    assert [f.id for f in both] == [FlagId.IV_VITAMIN_C_RISK, FlagId.INJECTION_NOT_APPROVED]
    assert both[0].title == CONTENT.flags[FlagId.IV_VITAMIN_C_RISK].title


def test_the_skin_type_helper_suggests_the_darkest_type_it_was_told():
    assert suggest_skin_type(SkinType.II, SkinType.IV, SkinType.III) is SkinType.IV
    assert suggest_skin_type(SkinType.VI, SkinType.I, None) is SkinType.VI
    assert suggest_skin_type(None, SkinType.NOT_SURE, SkinType.I) is SkinType.I
    assert suggest_skin_type(SkinType.NOT_SURE, None) is SkinType.NOT_SURE
    assert suggest_skin_type() is SkinType.NOT_SURE


# --- logic/__main__.py, in process ------------------------------------------------------------------------


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    saved, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = cli.main(argv)
    except SystemExit as exit_:
        code = exit_.code
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def test_summarize_prints_the_summary_as_json_and_as_markdown(tmp_path):
    data = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="see [me]")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    answers = Answers.model_validate(data)
    code, out, err = run(["summarize", str(path)])
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(evaluate(answers).model_dump_json())
    code, out, err = run(["summarize", "-", "--format", "markdown"], stdin=json.dumps(data).encode())
    assert (code, err) == (0, "")
    assert out == render_markdown(evaluate(answers), answers, today=date.today())


def test_summarize_refuses_bad_answers_with_exit_2_and_one_line_each():
    code, out, err = run(["summarize", "-"], stdin=json.dumps(answers_dict(age_group="old", marks=[])).encode())
    assert (code, out) == (2, "")
    assert err == (
        "standard input: the answers are not valid:\n"
        f'  - age_group: "old" is not allowed; allowed: {allowed(Field.AGE_GROUP)}\n'
        f"  - marks: needs at least one value from {', '.join(Mark)}\n"
    )


def test_summarize_reads_at_most_one_byte_past_the_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_ANSWERS_BYTES * 3))
    code, _, err = run(["summarize", str(path)])
    assert code == 2
    assert f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long" in err
    code, _, err = run(["summarize", "-"], stdin=b" " * (MAX_ANSWERS_BYTES * 3))
    assert f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long" in err


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    code, out, err = run(["summarize", str(tmp_path / "missing.json")])
    assert (code, out) == (2, "")
    assert err == (
        f"{tmp_path / 'missing.json'}: the answers are not valid:\n"
        "  - cannot read the file: No such file or directory\n"
    )


def test_broken_content_exits_1_with_its_message(monkeypatch):
    def broken(*_):
        raise ContentError(CONTENT_DIR / "flags.toml", ["changing_spot.title: Field required"])

    monkeypatch.setattr(cli, "evaluate", broken)
    code, out, err = run(["summarize", "-"], stdin=json.dumps(answers_dict()).encode())
    assert (code, out) == (1, "")
    assert err == "content file content/flags.toml is broken:\n  - changing_spot.title: Field required\n"


def test_schema_prints_the_answers_json_schema():
    code, out, err = run(["schema"])
    assert (code, err) == (0, "")
    assert json.loads(out) == Answers.model_json_schema()
    assert out.startswith('{\n  "')


def test_a_command_is_required():
    code, _, err = run([])
    assert code == 2
    assert "usage: python -m logic" in err


# --- logic/markdown.py: the shape of the download ---------------------------------------------------------

FENCE = re.compile(r"^(#{1,4} |- \*\*|\*\*|\*|> |>$|\| |\|---\|---\|$|\d+\. |---$)")


def check_markdown_shape(answers: Answers, today: date | None) -> None:
    summary = evaluate(answers)
    ui, general = CONTENT.ui.summary, CONTENT.general
    text = render_markdown(summary, answers, today=today)
    lines = text.split("\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    box = general.next_step[summary.next_step]
    lay = layout(summary, CONTENT)
    prose = {ui.intro, ui.article_intro, ui.no_flags, ui.no_notes, summary.disclaimer, box.instruction}
    prose |= {lay.next_step.why} if lay.next_step.why else set()
    prose |= {f"{i.flag.reason} {i.cite}" for i in lay.flags} | {m.description for m in summary.marks}
    prose |= {c.section.article_says for c in lay.claims} | {f"{c.section.evidence_note} {c.cite}" for c in lay.claims}
    prose |= {f"- {g.icon} **{g.label}:** {g.meaning}" for g in lay.key}
    for number, line in enumerate(lines[:-1]):
        assert line == "" or FENCE.match(line) or line in prose or line.startswith(f"{ui.content_version}: "), line
        if line.startswith("#"):
            assert number == 0 or lines[number - 1] == "", line
            assert lines[number + 1] == "", line
        assert not (line == "" and lines[number + 1] == ""), f"two blank lines before {lines[number + 2]!r}"

    headings = [line for line in lines if line.startswith("#")]
    expected = [f"# {CONTENT.ui.app_title}", f"## {ui.title}", f"### {box.icon} {box.label}", f"## {ui.flags}"]
    for level in (Level.URGENT, Level.CONSULT, Level.NOTE):
        group = [f for f in summary.flags if f.level is level]
        if group:
            expected.append(f"### {general.levels[level].icon} {general.levels[level].label}")
        expected += [f"#### {f.title}" for f in group]
    expected += [f"## {ui.marks}", *(f"### {m.name}" for m in summary.marks), f"## {ui.article}"]
    expected += [f"### {s.title}" for s in summary.article]
    expected += [f"## {ui.questions}", f"## {ui.answers}", f"## {ui.sources}", f"## {ui.about}"]
    assert headings == expected

    assert (ui.no_flags in lines) == (not summary.flags)
    first = [f for f in summary.flags if f.level in (Level.URGENT, Level.CONSULT)][:3]
    if str(summary.next_step) == "none":
        first = []
    assert (f"**{ui.do_first}**" in lines) == bool(first)
    for number, flag in enumerate(first, 1):
        assert f"{number}. {flag.action}" in lines
        assert f"**{ui.action}:** {ui.see_step.format(number=number)}" in lines
    for flag in summary.flags:
        assert f"*{ui.why_seeing}:* {triggers_text(flag, CONTENT)}" in lines
        if flag not in first:
            assert f"**{ui.action}:** {flag.action}" in lines
    for card in lay.marks:
        assert f"- **{ui.what_works}:** {card.mark.what_works} {card.cite}" in lines
    said = [why for section in summary.article for why in section.why_shown]
    assert {w for line in lines if line.startswith(f"*{ui.shown_because}:* ") for w in said if w in line} == set(said)
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    questions = [f"{n}. {q}" for n, q in enumerate(summary.questions_for_provider, 1)]
    at = lines.index(f"## {ui.questions}") + 2
    assert lines[at : at + len(questions)] == questions
    assert len(numbered) == len(first) + len(questions) + len(summary.references)
    rows = [line for line in lines if line.startswith("| ")]
    assert rows == [
        f"| {ui.question} | {ui.answer} |",
        *(f"| {CONTENT.field_label(f)} | {CONTENT.answer_text(answers, f)} |" for f in Field if f is not Field.NOTES),
    ]
    assert "|---|---|" in lines
    notes = lines[lines.index(f"**{ui.notes}:**") + 2 : lines.index(f"## {ui.sources}") - 1]
    stripped = answers.notes.strip()
    quoted = [f"> {escape(line)}" if line else ">" for line in stripped.split("\n")] if stripped else [ui.no_notes]
    assert notes == quoted
    last = lines[-2]
    assert last == f"{ui.content_version}: {summary.content_version}" + (
        f" · {ui.made_on}: {today.isoformat()}" if today else ""
    )


def test_the_markdown_has_its_sections_in_order_with_flags_under_their_level():
    every_level = make_answers(
        changing_spot=True, conditions=["kidney", "asthma"], marks=["red_marks", "boxcar"], notes="one\n\ntwo [x]"
    )
    assert {f.level for f in evaluate(every_level).flags} == {Level.URGENT, Level.CONSULT, Level.NOTE}
    check_markdown_shape(every_level, date(2026, 2, 3))
    check_markdown_shape(make_answers(), None)
    check_markdown_shape(make_answers(notes="  \n "), date(2026, 2, 3))


@given(strategies.answers())
def test_the_markdown_has_the_same_shape_for_any_answers(answers):
    check_markdown_shape(answers, date(2026, 2, 3))


def test_why_a_flag_is_shown_names_each_answer_that_raised_it():
    flag = next(f for f in evaluate(make_answers(conditions=["g6pd_deficiency"], routes=["injection"])).flags)
    label = CONTENT.field_label
    assert triggers_text(flag, CONTENT) == (
        f"{label(Field.CONDITIONS)} — {CONTENT.option_label(Field.CONDITIONS, Condition.G6PD_DEFICIENCY)}; "
        f"{label(Field.ROUTES)} — {CONTENT.option_label(Field.ROUTES, Route.INJECTION)}"
    )


def test_the_markdown_without_answers_has_no_answers_section():
    summary = evaluate(make_answers())
    text = render_markdown(summary)
    assert f"## {CONTENT.ui.summary.answers}" not in text
    assert f"## {CONTENT.ui.summary.about}" in text


# --- logic/__main__.py: the exports and --output, in process ------------------------------------------------
# tests/unit/test_cli.py checks these in a real process; mutmut only sees code that runs inside its own
# process, so the same behaviour is checked here again, exactly, through main().


def run_bytes(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, str]:
    """As run(), for output that may be bytes (a PDF sent to standard output)."""
    saved_in, saved_out = sys.stdin, sys.stdout
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    try:
        with redirect_stderr(err):
            code = cli.main(argv)
        out.flush()
    finally:
        sys.stdin, sys.stdout = saved_in, saved_out
    return code, out.buffer.getvalue(), err.getvalue()


PERSON = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="naïve “note”")


@pytest.fixture
def person_file(tmp_path) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(PERSON), encoding="utf-8")
    return str(path)


def test_the_json_summary_is_printed_indented_by_two(person_file):
    code, out, _ = run(["summarize", person_file])
    assert code == 0
    assert out == evaluate(Answers.model_validate(PERSON)).model_dump_json(indent=2) + "\n"


def test_fhir_prints_the_bundle_as_indented_unescaped_json(person_file):
    from exports.fhir import bundle

    code, out, err = run(["summarize", person_file, "--format", "fhir"])
    assert (code, err) == (0, "")
    answers = Answers.model_validate(PERSON)
    assert out == json.dumps(bundle(answers, authored=date.today()), indent=2, ensure_ascii=False) + "\n"
    assert "naïve" in out


def test_pdf_goes_to_the_output_file_or_to_standard_output_with_a_dash(person_file, tmp_path):
    from exports.pdf import render_pdf

    answers = Answers.model_validate(PERSON)
    expected = render_pdf(evaluate(answers), answers, today=date.today())
    target = tmp_path / "summary.pdf"
    code, out, err = run(["summarize", person_file, "--format", "pdf", "--output", str(target)])
    assert (code, out, err) == (0, "", "")
    assert target.read_bytes() == expected
    code, data, err = run_bytes(["summarize", person_file, "--format", "pdf", "--output", "-"])
    assert (code, err) == (0, "")
    assert data == expected


def test_text_goes_to_the_output_file_too(person_file, tmp_path):
    target = tmp_path / "summary.md"
    code, out, _ = run(["summarize", person_file, "--format", "markdown", "--output", str(target)])
    assert (code, out) == (0, "")
    answers = Answers.model_validate(PERSON)
    assert target.read_text(encoding="utf-8") == render_markdown(evaluate(answers), answers, today=date.today())
    code, out, _ = run(["summarize", person_file, "--output", "-"])
    assert (code, out) == (0, evaluate(answers).model_dump_json(indent=2) + "\n")


def test_a_pdf_without_an_output_file_is_refused_with_exit_2(person_file):
    code, out, err = run(["summarize", person_file, "--format", "pdf"])
    assert (code, out) == (2, "")
    assert err.rstrip().endswith(
        "error: --format pdf needs --output OUT.pdf (a PDF is not printed to the terminal; - sends it there)"
    )


def test_an_output_that_cannot_be_written_exits_1_and_says_why(person_file, tmp_path):
    code, out, err = run(["summarize", person_file, "--output", str(tmp_path)])
    assert (code, out) == (1, "")
    assert err == f"{tmp_path}: cannot write the file: Is a directory\n"


def test_an_unknown_format_is_refused(person_file):
    code, out, err = run(["summarize", person_file, "--format", "xml"])
    assert (code, out) == (2, "")
    assert "invalid choice: 'xml'" in err


def test_the_help_says_what_each_command_format_and_option_does():
    code, out, _ = run(["--help"])
    assert code == 0
    said = " ".join(out.split())
    assert " ".join(cli.__doc__.split()) in said
    assert re.search(r"\bprint the summary for a JSON answers file\b", said)
    assert re.search(r"\bprint the JSON Schema of the answers\b", said)
    code, out, _ = run(["summarize", "--help"])
    said = " ".join(out.split())
    assert re.search(r"\banswers file \(JSON\), or - for standard input(?!\w)", said)
    assert "; ".join(f"{name}: {what}" for name, what in cli.FORMATS.items()) in said
    assert "--output OUT write to this file instead of standard output (- for standard output)" in said


# --- The last few: a refusal of several lines, and early flags in edited wording -------------------------


def test_a_refusal_of_several_problems_reads_one_per_line():
    with pytest.raises(AnswersError) as caught:
        parse_answers(json.dumps(answers_dict(age_group="old", marks=[])))
    assert len(caught.value.problems) == 2
    assert str(caught.value) == "\n".join(caught.value.problems)


def test_early_flags_are_worded_from_the_content_given(content_copy):  # noqa: F811
    edit(content_copy, "flags", lambda d: d["changing_spot"].update(title="Reworded for this test"))
    flags = early_flags({"changing_spot": True}, load_content(content_copy))
    assert [f.title for f in flags] == ["Reworded for this test"]

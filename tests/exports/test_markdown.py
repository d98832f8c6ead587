"""exports/markdown.py: the shape of the Markdown download."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from exports import render_markdown
from exports.markdown import escape
from logic import Answers, default_content, evaluate, load_content
from logic.layout import DO_FIRST, DO_FIRST_NOW, layout, triggers_text
from logic.vocab import Condition, Field, Level, Route
from tests import strategies
from tests.factories import make_answers
from tests.support.content_edits import copy_content, edit

CONTENT = default_content()
FIELDS = ", ".join(str(f) for f in Field)


# --- The shape of the download ---------------------------------------------------------------------------

FENCE = re.compile(r"^(#{1,4} |- \*\*|\*\*|\*|> |>$|\| |\|---\|---\|$|\d+\. |---$)")


def check_markdown_shape(answers: Answers, today: date | None) -> None:
    summary = evaluate(answers)
    ui, general = CONTENT.ui.summary, CONTENT.general
    text = render_markdown(summary, answers, today=today)
    lines = text.split("\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    lay = layout(summary, CONTENT)
    box = lay.next_step  # its words: the time frame's, or those made for the one flag that sets it
    prose = {ui.intro, ui.article_intro, ui.no_flags, ui.no_notes, summary.disclaimer, box.instruction}
    prose |= {box.why} if box.why else set()
    prose |= {f"{i.flag.reason} {i.cite}" for i in lay.flags} | {m.description for m in summary.marks}
    prose |= {c.section.article_says for c in lay.claims} | {f"{c.section.evidence_note} {c.cite}" for c in lay.claims}
    prose |= {f"- {g.icon} **{g.label}:** {g.meaning}" for g in lay.key}
    prose |= {f"- **{line.entry.title}.** {line.entry.reason} {line.cite}" for line in lay.plan}
    prose |= {f"*{CONTENT.review_notice}*"} if CONTENT.review_notice else set()
    for number, line in enumerate(lines[:-1]):
        assert line == "" or FENCE.match(line) or line in prose or line.startswith(f"{ui.content_version}: "), line
        if line.startswith("#"):
            assert number == 0 or lines[number - 1] == "", line
            assert lines[number + 1] == "", line
        assert not (line == "" and lines[number + 1] == ""), f"two blank lines before {lines[number + 2]!r}"

    headings = [line for line in lines if line.startswith("#")]
    # The plan answers the person's question right after the next step, or before it when there is none.
    opening = [f"### {box.icon} {box.label}", f"### {ui.plan}"]
    expected = [f"# {CONTENT.ui.app_title}", f"## {ui.title}", *(opening[::-1] if lay.plan_first else opening)]
    expected += [f"## {ui.flags}"]
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
    top = summary.flags[0].level if summary.flags else None  # the first flag's level: urgent, else consult
    first = [f for f in summary.flags if f.level is top and top in (Level.URGENT, Level.CONSULT)]
    if str(summary.next_step) == "now":  # in an emergency, only what to do now comes first
        first = [f for f in first if str(f.when) == "now"]
    first = (
        []
        if str(summary.next_step) == "none"
        else first[: DO_FIRST_NOW if str(summary.next_step) == "now" else DO_FIRST]
    )
    assert (f"**{ui.do_first}**" in lines) == bool(first)
    for number, flag in enumerate(first, 1):
        assert f"{number}. {flag.action}" in lines
        assert f"**{ui.action}:** {ui.see_step.format(number=number)}" in lines
    for flag in summary.flags:
        assert f"*{ui.why_seeing}:* {triggers_text(flag, CONTENT)}" in lines
        if flag not in first:
            assert f"**{ui.action}:** {flag.action}" in lines
    for card in lay.marks:
        at = lines.index(f"### {card.mark.name}")  # its fit beside the first line: test_a_mark_card_names_its_fit...
        assert lines[at + 2].startswith(f"- **{ui.glutathione}") and lines[at + 2].endswith(card.mark.glutathione)
        assert lines[at + 3 : at + 6] == [
            f"- **{ui.what_works}:** {card.mark.what_works} {card.cite}",
            f"- **{ui.recognise}:** {card.mark.recognise}",
            "",
        ]
    for claim in lay.claims:
        because = [line for line in lines if line == f"*{ui.shown_because}:* {' '.join(claim.why)}"]
        assert len(because) == (1 if claim.why else 0), claim.section.title
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


def test_a_mark_card_names_its_fit_unless_its_line_on_glutathione_opens_with_it(tmp_path):
    answers = make_answers(marks=["keloid", "boxcar"])
    keloid, boxcar = evaluate(answers).marks
    label = CONTENT.general.fit[keloid.glutathione_fit].label
    content_dir = copy_content(tmp_path / "content")
    edit(content_dir, "marks", lambda data: data["keloid"].update(glutathione=f"{label}: it has not been studied."))
    content = load_content(content_dir)
    lines = render_markdown(evaluate(answers, content), answers, content).split("\n")
    ui, fit = content.ui.summary, content.general.fit[boxcar.glutathione_fit]
    assert f"- **{ui.glutathione}:** {label}: it has not been studied." in lines
    assert f"- **{ui.glutathione} ({fit.icon} {fit.label}):** {boxcar.glutathione}" in lines


def test_the_markdown_without_answers_has_no_answers_section():
    summary = evaluate(make_answers())
    text = render_markdown(summary)
    assert f"## {CONTENT.ui.summary.answers}" not in text
    assert f"## {CONTENT.ui.summary.about}" in text


# --- Properties: any answers render, and a person's text stays text ------------------------------------------------


@given(strategies.answers())
def test_markdown_renders_for_any_answers_with_the_notes_escaped(answers):
    text = render_markdown(evaluate(answers), answers)
    assert text.endswith("\n")
    for line in answers.notes.strip().split("\n"):
        assert escape(line) in text


@given(st.text(alphabet=st.characters(blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")))
def test_escaped_text_reads_back_the_same_and_leaves_no_markdown_active(text):
    escaped = escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text
    rendered = MarkdownIt("commonmark").render(f"> {escaped}")
    assert set(re.findall(r"<([a-z0-9]+)", rendered)) <= {"blockquote", "p"}, rendered


def test_a_note_reads_cleanly_as_plain_text():
    """A backslash only where a character would act: none in an ordinary sentence."""
    note = "I have worries. It bleeds when I shave - a lot (since 2020)! Is 1.5 mg ok?"
    assert escape(note) == note
    assert escape("1. first") == "1\\. first"
    assert escape("- a list") == "\\- a list"
    assert escape("# Heading") == "\\# Heading"
    assert escape("see https://example.com") == "see https\\://example.com"
    assert escape("**bold** <b>") == "\\*\\*bold\\*\\* \\<b\\>"


# --- The Filipino edition: the unreviewed notice once --------------------------------------------------------------


def test_the_english_files_say_nothing_of_a_translation_and_the_filipino_markdown_says_it_once():
    from exports import render_markdown

    answers = make_answers(marks=["brown_marks"], skin_type="IV", routes=["injection"], setting="spa_or_salon")
    english, filipino = load_content(), load_content(language="fil")
    assert filipino.language.notice not in render_markdown(evaluate(answers, english), answers, english)
    markdown = render_markdown(evaluate(answers, filipino), answers, filipino)
    assert markdown.count(filipino.language.notice) == 1
    # Near the top, as on the page: after the next step and the plan, before the flags.
    assert f"\n\n*{filipino.language.notice}*\n\n## {filipino.ui.summary.flags}\n" in markdown

"""The summary's layout: first things first, short by default, each fact once, and the same order everywhere."""

import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exports import render_markdown
from logic import default_content, evaluate
from logic.content import languages
from logic.layout import DO_FIRST, DO_FIRST_NOW, GATE_WORDS, WEB_WORDS, count_words, layout
from logic.vocab import FlagId, Level, NextStep
from tests import strategies
from tests.factories import EVERYTHING, make_answers

CONTENT = default_content()
UI = CONTENT.ui.summary
LARGEST = make_answers(**EVERYTHING, notes="x" * 500)


def test_the_box_says_who_to_contact_how_soon_why_and_what_to_do_first():
    summary = evaluate(make_answers(current_symptoms=["infection_signs"], age_group="under_18", routes=["injection"]))
    box = layout(summary).next_step
    words = CONTENT.general.next_step[NextStep.TODAY]
    assert (box.step, box.label, box.instruction, box.icon) == (
        NextStep.TODAY,
        words.label,
        words.instruction,
        words.icon,
    )
    infection = CONTENT.flags[FlagId.POSSIBLE_INFECTION]
    assert box.why == UI.why.format(titles=f"“{infection.title}”")  # only the flag that sets "today"
    assert box.first == (infection.action,)  # the urgent flag's; under 18 (consult) heads the flags below it
    assert layout(summary).flags[1].flag.id is FlagId.UNDER_18 and layout(summary).flags[1].step is None
    assert not box.emergency


def test_at_most_three_actions_come_first_and_their_flags_point_to_them_instead_of_repeating_them():
    lay = layout(evaluate(LARGEST))
    assert lay.next_step.step is NextStep.NOW and lay.next_step.emergency
    assert len(lay.next_step.first) == DO_FIRST_NOW == 3
    assert lay.next_step.first == tuple(item.flag.action for item in lay.flags[:DO_FIRST_NOW])
    assert [item.step for item in lay.flags[:4]] == [1, 2, 3, None]
    titles = [f"“{item.flag.title}”" for item in lay.flags[:3]]
    assert lay.next_step.why == UI.why.format(titles=f"{titles[0]}, {titles[1]} {UI.and_word} {titles[2]}")


def test_without_an_emergency_two_actions_come_first_so_the_plan_stays_near_the_top():
    lay = layout(evaluate(make_answers(age_group="under_18", marks=["boxcar"], keloid_history="yes")))
    assert lay.next_step.step is NextStep.BEFORE_TREATMENT and len(lay.flags) >= 3
    assert lay.next_step.first == tuple(item.flag.action for item in lay.flags[:DO_FIRST]) and DO_FIRST == 2
    assert [item.step for item in lay.flags[:3]] == [1, 2, None]


def test_notes_only_and_nothing_at_all_have_nothing_to_do_first():
    for answers in (make_answers(marks=["red_marks"]), make_answers()):
        lay = layout(evaluate(answers))
        assert lay.next_step.step is NextStep.NONE
        assert lay.next_step.first == ()
        assert lay.next_step.why is None
    assert [g.level for g in layout(evaluate(make_answers(marks=["red_marks"]))).groups] == [Level.NOTE]


def test_the_flags_are_grouped_by_level_in_the_summary_s_order_with_sources_numbered_once():
    summary = evaluate(LARGEST)
    lay = layout(summary)
    assert [item.flag for item in lay.flags] == list(summary.flags)
    assert [g.level for g in lay.groups] == [Level.URGENT, Level.CONSULT, Level.NOTE]
    assert all(item.flag.level is g.level for g in lay.groups for item in g.flags)
    assert lay.references == summary.references
    first = lay.flags[0]
    assert first.cite == "[" + ", ".join(str(lay.number(s)) for s in first.flag.sources) + "]"


def test_the_grade_key_lists_each_grade_used_once():
    lay = layout(evaluate(LARGEST))
    used = {claim.section.evidence for claim in lay.claims}
    assert [k.label for k in lay.key] == [
        CONTENT.general.evidence[e].label for e in CONTENT.general.evidence if e in used
    ]


def test_why_a_claim_is_shown_is_said_once_across_claims():
    lay = layout(evaluate(LARGEST))
    said = [why for claim in lay.claims for why in claim.why]
    assert len(said) == len(set(said))
    assert set(said) == {why for claim in lay.claims for why in claim.section.why_shown}


def test_a_short_summary_is_shown_in_full_and_a_long_one_is_folded_from_the_bottom_up():
    short = layout(evaluate(make_answers(marks=["red_marks"], goals=["fade_red_marks"])))
    assert short.fold(most_words=short.web_words()) is short  # a page within its limit is shown in full
    fitted = short.fold()
    assert fitted.web_words() <= WEB_WORDS and fitted.fold() is fitted
    full = layout(evaluate(LARGEST))
    folded = full.fold()
    assert full.web_words() > WEB_WORDS >= folded.web_words()
    assert folded.next_step == full.next_step  # the top is never folded
    assert all(c.folded for c in folded.claims) or folded.article_folded
    assert folded.questions_folded
    # A flag folds only once every mark's "what works" has: the lower part of the page folds first.
    if any(item.folded for item in folded.flags):
        assert all(card.works_folded for card in folded.marks)
    # The flags the box points to keep their place, title and pointer.
    assert [item.folded for item in folded.flags[:DO_FIRST]] == [False] * DO_FIRST


@given(strategies.answers(), st.sampled_from(sorted(languages())))
def test_the_web_page_shows_at_most_700_words_by_default_and_250_before_the_rest_when_it_is_now(answers, language):
    content = default_content(language)
    lay = layout(evaluate(answers, content), content).fold()
    assert lay.web_words() <= WEB_WORDS
    if lay.next_step.emergency:
        assert lay.opening_words() <= GATE_WORDS
        now = content.general.next_step["now"]  # the emergency label, or the one made for a flag that alone sets it
        assert lay.next_step.label in {now.label, *(words.label for words in now.only.values())}
        if lay.next_step.label == now.label:
            assert "emergency" in lay.next_step.label.lower()


@pytest.mark.parametrize("language", sorted(languages()))
def test_the_largest_summary_fits_too(language):
    """Every box ticked: all three first aids before "read the rest", in the longer Filipino wording too."""
    content = default_content(language)
    lay = layout(evaluate(LARGEST, content), content).fold()
    assert lay.web_words() <= WEB_WORDS
    assert lay.opening_words() <= GATE_WORDS


def test_words_are_counted_as_a_reader_counts_them():
    assert count_words("Call 999 now — or go: “A&E”. 🚨") == 6
    assert count_words("") == 0


# --- The Markdown: the page's order, each sentence once ------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def sentences(markdown: str) -> list[str]:
    """The prose of a Markdown summary, sentence by sentence, without its markup, citations or tables, up to
    the numbered list of sources (which names each source once by construction)."""
    out = []
    for line in markdown.split("\n"):
        if line == f"## {UI.sources}":
            break
        if line.startswith(("|", ">")):  # the answers table and the person's own note
            continue
        line = re.sub(r"^(#+ |- |\d+\. )", "", line).replace("**", "").replace("*", "")
        line = re.sub(r"\s*\[[\d, ]+\]", "", line)
        out += [s.strip() for s in _SENTENCE_END.split(line) if count_words(s) >= 3]
    return out


@given(strategies.answers())
def test_no_sentence_is_said_twice_in_one_markdown_summary(answers):
    said = Counter(sentences(render_markdown(evaluate(answers), answers)))
    assert [s for s, n in said.items() if n > 1] == []


def test_no_sentence_is_said_twice_in_the_largest_summary_either():
    text = render_markdown(evaluate(LARGEST), LARGEST)
    said = Counter(sentences(text))
    assert len(said) > 150
    assert [s for s, n in said.items() if n > 1] == []


def test_the_sentence_check_finds_a_repeat():
    assert Counter(sentences("One two three. Four five six.\n\nOne two three.\n"))["One two three."] == 2


def markdown_sections(text: str) -> list[str]:
    return [line[3:] for line in text.split("\n") if line.startswith("## ")]


def test_the_markdown_opens_with_the_next_step_and_lists_every_reference_once_at_the_end():
    summary = evaluate(LARGEST)
    text = render_markdown(summary, LARGEST)
    lines = text.split("\n")
    box = layout(summary).next_step
    assert lines[2:7] == [f"## {UI.title}", "", f"### {box.icon} {box.label}", "", box.instruction]
    assert markdown_sections(text) == [
        UI.title,
        UI.flags,
        UI.marks,
        UI.article,
        UI.questions,
        UI.answers,
        UI.sources,
        UI.about,
    ]
    listed = lines[lines.index(f"## {UI.sources}") + 2 : lines.index("---") - 1]
    assert listed == [
        f"{n}. {r.citation}" + (f" {r.url}" if r.url else "") for n, r in enumerate(summary.references, 1)
    ]
    for reference in summary.references:
        assert text.count(reference.citation) == 1


def test_each_grade_in_the_markdown_stands_beside_the_claim_it_grades():
    summary = evaluate(LARGEST)
    lines = render_markdown(summary, LARGEST).split("\n")
    for section in summary.article:
        grade = CONTENT.general.evidence[section.evidence]
        at = lines.index(section.article_says)
        assert lines[at - 2] == f"### {section.title}"
        assert lines[at + 2] == f"**{UI.evidence}: {grade.icon} {grade.label}** — {section.verdict}"


def test_folding_all_the_way_leaves_open_only_what_the_next_step_points_to():
    full = layout(evaluate(LARGEST))
    folded = full.fold(most_words=0)
    assert all(claim.folded for claim in folded.claims) and folded.article_folded and folded.questions_folded
    assert all(card.works_folded and card.line_folded for card in folded.marks)
    assert [item.folded for item in folded.flags] == [item.step is None for item in full.flags]
    assert [group.folded for group in folded.groups] == [
        all(item.step is None for item in group.flags) for group in full.groups
    ]
    assert folded.next_step == full.next_step and folded.web_words() < full.web_words()


def test_each_fold_closes_the_lowest_thing_still_open_and_shows_no_more_words():
    lay = layout(evaluate(LARGEST))
    one_less = lay.fold(most_words=lay.web_words() - 1)
    assert [c.folded for c in one_less.claims] == [False] * (len(lay.claims) - 1) + [True]
    assert (one_less.questions_folded, one_less.article_folded) == (False, False)
    assert not any(item.folded for item in one_less.flags)
    assert not any(card.works_folded or card.line_folded for card in one_less.marks)
    assert one_less.web_words() < lay.web_words()
    words = [lay.web_words()]
    for step in lay._fold_steps():
        lay = step(lay)
        words.append(lay.web_words())
    assert words == sorted(words, reverse=True)


def test_a_flag_or_group_the_next_step_points_to_does_not_fold():
    lay = layout(evaluate(LARGEST))
    pointed = next(i for i, item in enumerate(lay.flags) if item.step is not None)
    assert lay._fold_flag(pointed) is lay
    holding = next(i for i, group in enumerate(lay.groups) if any(item.step is not None for item in group.flags))
    assert lay._fold_group(holding) is lay
    free = next(i for i, group in enumerate(lay.groups) if all(item.step is None for item in group.flags))
    assert [g.folded for g in lay._fold_group(free).groups] == [i == free for i in range(len(lay.groups))]
    marks = lay._fold_line(0).marks
    assert [card.line_folded for card in marks] == [i == 0 for i in range(len(marks))]


# --- What the page shows, as counted ---------------------------------------------------------------------


def test_the_read_the_rest_control_shows_only_in_an_emergency_and_goes_once_the_rest_is_open():
    emergency = layout(evaluate(LARGEST))
    assert list(emergency.opening())[-1] == UI.read_rest
    assert UI.read_rest not in list(emergency.opening(gate=False))
    assert emergency.web_words() == sum(
        count_words(text) for text in (*emergency.frame, *emergency.opening(), *emergency.rest())
    ) - count_words(UI.read_rest)
    assert emergency.frame[:2] == ("English", "Filipino")  # the language switch is counted with the page


def test_a_folded_claim_s_label_carries_its_grade():
    answers = make_answers(marks=["brown_marks", "boxcar"], routes=["injection"], goals=["fade_dark_marks"])
    lay = layout(evaluate(answers)).fold()
    assert not lay.article_folded
    folded = [claim for claim in lay.claims if claim.folded]
    assert folded
    for claim in folded:
        assert claim.label == f"{claim.section.title} — {claim.grade.icon} {claim.grade.label}"
        assert claim.label in list(lay.rest())
        assert claim.section.title not in list(lay.rest())
    today = layout(evaluate(make_answers(current_symptoms=["infection_signs"])))
    assert not today.next_step.emergency and UI.read_rest not in list(today.opening())


def test_the_page_says_there_are_no_flags_only_when_there_are_none():
    assert UI.no_flags in list(layout(evaluate(make_answers())).rest())
    assert UI.no_flags not in list(layout(evaluate(LARGEST)).rest())


def test_a_flag_the_next_step_holds_points_to_its_step_and_every_other_flag_says_its_action():
    lay = layout(evaluate(LARGEST))
    rest = list(lay.rest())
    for item in lay.flags:
        if item.step:
            assert UI.see_step.format(number=item.step) in rest and item.flag.action not in rest
        else:
            assert item.flag.action in rest


def test_what_follows_a_folded_flag_group_mark_or_claim_is_still_shown():
    lay = layout(evaluate(LARGEST))
    free = [i for i, item in enumerate(lay.flags) if item.step is None]
    folded = lay._fold_flag(free[0])
    rest = list(folded.rest())
    assert lay.flags[free[0]].flag.action not in rest and lay.flags[free[0]].flag.title in rest
    assert all(lay.flags[i].flag.action in rest for i in free[1:])
    unpointed = next(i for i, g in enumerate(lay.groups[:-1]) if all(item.step is None for item in g.flags))
    rest = list(lay._fold_group(unpointed).rest())  # a group no step points to, with another group after it
    assert all(item.flag.title not in rest for item in lay.groups[unpointed].flags)
    assert all(item.flag.title in rest for item in lay.groups[-1].flags)
    rest = list(lay._fold_works(0).rest())
    assert rest.count(UI.mark_more_folded) == 1 and rest.count(UI.mark_more) == len(lay.marks) - 1
    assert lay.marks[0].mark.what_works not in rest and lay.marks[1].mark.what_works in rest
    rest = list(lay._fold_claim(0).rest())
    assert lay.claims[0].section.article_says not in rest and lay.claims[1].section.article_says in rest


def test_a_page_exactly_at_the_limit_is_not_folded():
    lay = layout(evaluate(LARGEST))
    assert lay.fold(most_words=lay.web_words()) is lay

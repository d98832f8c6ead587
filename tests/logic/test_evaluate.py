"""Marks map to the spec's glutathione fit; article sections are chosen for the answers, not all shown."""

import pytest
from hypothesis import given

from logic import Answers, Summary, default_content, evaluate
from logic.vocab import GlutathioneFit, Level, Mark, NextStep, Relevance, SectionId
from tests import strategies
from tests.factories import make_answers

S = SectionId


def sections(**changes):
    return {s.section: s for s in evaluate(make_answers(**changes)).article}


@pytest.mark.parametrize(
    ("mark", "fit"),
    [
        ("brown_marks", GlutathioneFit.LIMITED_EVIDENCE),
        ("red_marks", GlutathioneFit.NOT_EXPECTED),
        ("icepick", GlutathioneFit.NOT_EXPECTED),
        ("boxcar", GlutathioneFit.NOT_EXPECTED),
        ("rolling", GlutathioneFit.NOT_EXPECTED),
        ("raised", GlutathioneFit.NOT_EXPECTED),
        ("keloid", GlutathioneFit.NOT_EXPECTED),
        ("not_sure", GlutathioneFit.UNKNOWN),
    ],
)
def test_each_mark_gets_the_spec_fit(mark, fit):
    (entry,) = evaluate(make_answers(marks=[mark])).marks
    assert entry.mark == mark
    assert entry.glutathione_fit is fit
    assert entry.description and entry.what_works and entry.sources


def test_one_mark_entry_per_mark_in_the_order_given():
    summary = evaluate(make_answers(marks=["rolling", "brown_marks", "keloid"]))
    assert [m.mark for m in summary.marks] == [Mark.ROLLING, Mark.BROWN_MARKS, Mark.KELOID]


def test_red_marks_only_reads_why_the_pigment_claims_miss_them():
    shown = sections(marks=["red_marks"], goals=["fade_red_marks"])
    assert shown[S.BENEFIT_HYPERPIGMENTATION].shown_because == (Relevance.RED_MARKS, Relevance.FADE_RED_GOAL)
    assert shown[S.HOW_IT_WORKS].shown_because == (Relevance.RED_MARKS,)
    assert S.BENEFIT_LIGHTENING not in shown
    assert S.TIMELINE not in shown
    assert S.BENEFIT_TEXTURE not in shown


def test_sunken_scars_read_the_articles_own_admission_about_deep_scars():
    shown = sections(marks=["boxcar"], goals=["smooth_pits"])
    assert Relevance.SUNKEN_SCARS in shown[S.FAQ_COMPLETE_REMOVAL].shown_because
    # The article's admission is graded as the whole claim it makes: that the injections reduce scars at all.
    assert shown[S.FAQ_COMPLETE_REMOVAL].evidence == "not_supported"
    assert shown[S.CAN_IT_REDUCE_SCARS].evidence == "not_supported"
    assert Relevance.SUNKEN_SCARS in shown[S.BENEFIT_TEXTURE].shown_because
    assert S.BENEFIT_HYPERPIGMENTATION not in shown


def test_everyone_reads_the_opening_the_central_question_and_the_conclusion():
    shown = sections()
    for section in (S.WHAT_IT_IS, S.CAN_IT_REDUCE_SCARS, S.CONCLUSION):
        assert shown[section].shown_because == (Relevance.EVERYONE,)


def test_sections_keep_the_articles_order():
    summary = evaluate(make_answers(marks=["brown_marks", "boxcar"], routes=["injection"], other_treatments=["laser"]))
    order = list(SectionId)
    positions = [order.index(s.section) for s in summary.article]
    assert positions == sorted(positions)


# Answers that reach each section; together they prove every section of the article is reachable.
REACHES = {
    S.WHAT_IT_IS: {},
    S.HOW_IT_WORKS: {"marks": ["red_marks"]},
    S.CAN_IT_REDUCE_SCARS: {},
    S.BENEFIT_LIGHTENING: {"goals": ["lighter_skin_overall"], "marks": ["boxcar"]},
    S.BENEFIT_HYPERPIGMENTATION: {"marks": ["brown_marks"]},
    S.BENEFIT_TEXTURE: {"marks": ["rolling"], "goals": ["smooth_pits"]},
    S.BENEFIT_ANTI_INFLAMMATORY: {"active_acne": "few"},
    S.BENEFIT_DETOX: {"setting": "spa_or_salon"},
    S.TIMELINE: {"goals": ["fade_dark_marks"]},
    S.RISKS: {"routes": ["injection"]},
    S.FAQ_HOW_IT_HELPS: {"marks": ["brown_marks", "icepick"]},
    S.FAQ_HOW_LONG: {"mark_age": "3_to_12_months"},
    S.FAQ_COMPLETE_REMOVAL: {"severity": "severe"},
    S.FAQ_SAFETY: {"conditions": ["thyroid"]},
    S.FAQ_COMBINATION: {"other_treatments": ["microneedling"]},
    S.CONCLUSION: {},
}


@pytest.mark.parametrize("section", list(SectionId))
def test_every_article_section_is_reachable(section):
    shown = sections(**REACHES[section])
    assert section in shown
    entry = shown[section]
    assert entry.title and entry.article_says.startswith("The article says ") and entry.verdict and entry.sources
    assert len(entry.why_shown) == len(entry.shown_because) >= 1


@pytest.mark.parametrize(
    ("section", "quiet_answers"),
    [
        (S.RISKS, {"routes": ["topical"]}),
        (S.FAQ_SAFETY, {"conditions": [], "previous_reaction": "not_sure"}),
        (S.FAQ_HOW_LONG, {"mark_age": "over_12_months"}),
        (S.BENEFIT_DETOX, {"active_acne": "none", "setting": "other_medical"}),
        (S.FAQ_HOW_IT_HELPS, {"marks": ["brown_marks", "red_marks"]}),
        (S.FAQ_COMBINATION, {"other_treatments": [], "marks": ["raised"]}),
    ],
)
def test_sections_stay_hidden_when_nothing_in_the_answers_speaks_to_them(section, quiet_answers):
    assert section not in sections(**quiet_answers)


def test_provider_questions_are_tailored_and_never_repeat():
    plain = evaluate(make_answers()).questions_for_provider
    tailored = evaluate(make_answers(routes=["injection"], marks=["boxcar"], pregnancy="pregnant"))
    assert plain and len(tailored.questions_for_provider) > len(plain)
    assert len(set(tailored.questions_for_provider)) == len(tailored.questions_for_provider)


@pytest.mark.parametrize("language", ["en", "fil"])
def test_someone_who_would_rather_not_say_if_pregnant_gets_a_question_to_ask_in_private(language):
    """No flag can speak to a pregnancy nobody was told of; a question the person can ask in the room can."""
    content = default_content(language)
    question = content.general.provider_questions.pregnancy_unsaid
    assert question in evaluate(make_answers(pregnancy="prefer_not_to_say"), content).questions_for_provider
    for said in ("pregnant", "none", "not_applicable"):  # told, or not pregnant: the flag's own question, or none
        assert question not in evaluate(make_answers(pregnancy=said), content).questions_for_provider


def test_disclaimer_and_content_version_are_always_present():
    summary = evaluate(make_answers())
    assert summary.disclaimer
    assert summary.content_version


# --- Properties of evaluate() over every answer set the spec allows ------------------------------------------------


@given(strategies.answers())
def test_evaluate_is_total_and_deterministic(answers):
    first = evaluate(answers)
    assert isinstance(first, Summary)
    assert evaluate(answers) == first
    assert evaluate(Answers.model_validate_json(answers.model_dump_json())) == first


@given(strategies.answers())
def test_level_is_the_highest_flag_level_and_flags_are_ordered(answers):
    summary = evaluate(answers)
    ranks = [f.level.rank for f in summary.flags]
    assert ranks == sorted(ranks, reverse=True)
    assert summary.level.rank == (ranks[0] if ranks else Level.NONE.rank)
    assert all(f.triggered_by for f in summary.flags)


@given(strategies.answers())
def test_every_id_returned_has_content_and_the_disclaimer_is_always_there(answers):
    content = default_content()
    summary = evaluate(answers)
    for flag in summary.flags:
        assert flag.title == content.flags[flag.id].title
    for section in summary.article:
        assert section.article_says == content.article[section.section].claim
    assert [m.mark for m in summary.marks] == list(answers.marks)
    assert summary.disclaimer == content.general.disclaimer
    assert summary.questions_for_provider


@given(strategies.answers())
def test_every_source_cited_is_referenced_once_and_every_reference_is_cited(answers):
    summary = evaluate(answers)
    parts = (*summary.plan, *summary.flags, *summary.marks, *summary.article)  # the order they are read in
    cited = [s for part in parts for s in part.sources]
    assert all(part.sources for part in parts)
    assert [r.id for r in summary.references] == list(dict.fromkeys(cited))


@given(strategies.answers())
def test_the_next_step_is_the_first_flags_time_frame_when_it_asks_for_action(answers):
    summary = evaluate(answers)
    first = summary.flags[0] if summary.flags else None
    if first is not None and first.level in (Level.URGENT, Level.CONSULT):
        assert summary.next_step == first.when
    else:
        assert summary.next_step is NextStep.NONE


@given(strategies.answers())
def test_at_most_eight_distinct_provider_questions(answers):
    questions = evaluate(answers).questions_for_provider
    assert 1 <= len(questions) <= 8
    assert len(set(questions)) == len(questions)

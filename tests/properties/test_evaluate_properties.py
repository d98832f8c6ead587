"""Properties of evaluate() over every answer set the spec allows."""

import re

from hypothesis import given
from hypothesis import strategies as st

from exports import render_markdown
from exports.markdown import escape
from logic import Answers, Summary, default_content, evaluate
from logic.answers import STANDALONE_VALUES, field_options, is_multi
from logic.vocab import Field, FlagId, Level, NextStep
from tests import strategies
from tests.factories import answers_dict
from tests.unit.test_flags import CASES


def spec_table(a: dict) -> dict[str, bool]:
    """The spec's flag table, transcribed independently of logic/rules.py as an oracle."""
    has = lambda key, *values: bool(set(a[key] if isinstance(a[key], list) else [a[key]]) & set(values))  # noqa: E731
    injection = has("routes", "injection", "not_decided")
    return {
        "possible_severe_skin_reaction": has("current_symptoms", "rash_or_blisters"),
        "possible_anaphylaxis": has("current_symptoms", "breathing_or_swelling"),
        "possible_infection": has("current_symptoms", "infection_signs"),
        "possible_organ_harm": has("current_symptoms", "jaundice_or_dark_urine"),
        "isotretinoin_pregnancy": a["isotretinoin"] == "current"
        and a["pregnancy"] in {"pregnant", "trying", "breastfeeding"},
        "acne_with_fever": has("current_symptoms", "acne_with_fever"),
        "self_harm": a["distress"] == "self_harm_thoughts",
        "changing_spot": a["changing_spot"] is True,
        "pregnancy_or_breastfeeding": a["pregnancy"] in {"pregnant", "trying", "breastfeeding"},
        "under_18": a["age_group"] == "under_18",
        "organ_condition": has("conditions", "kidney", "liver", "thyroid"),
        "iv_vitamin_c_risk": has("conditions", "g6pd_deficiency", "kidney_stones") and injection,
        "cancer_treatment": has("conditions", "cancer_treatment"),
        "previous_reaction": a["previous_reaction"] == "yes",
        "severe_active_acne": a["active_acne"] in {"many_inflamed", "nodules_or_cysts"},
        "keloid_risk": has("marks", "raised", "keloid") or a["keloid_history"] == "yes",
        "recent_isotretinoin": a["isotretinoin"] in {"current", "within_6_months"},
        "unregulated_lightening_products": has("other_treatments", "whitening_products"),
        "darker_skin_procedures": a["skin_type"] in {"IV", "V", "VI", "not_sure"}
        and has("other_treatments", "chemical_peel", "laser"),
        "unsafe_injection_setting": injection and a["setting"] in {"spa_or_salon", "self_at_home", "online_purchase"},
        "sunken_scars": has("marks", "icepick", "boxcar", "rolling"),
        "emotional_impact": a["distress"] == "affects_daily_life",
        "injection_not_approved": injection,
        "inhaled_glutathione_asthma": has("conditions", "asthma", "sulfite_sensitivity"),
        "red_marks_not_pigment": has("marks", "red_marks"),
        "darker_skin_pih": a["skin_type"] in {"IV", "V", "VI"},
        "recent_marks": a["mark_age"] == "under_3_months",
        "type_unsure": has("marks", "not_sure") or a["skin_type"] == "not_sure",
        "product_quality": has("routes", "oral", "topical") and a["setting"] == "online_purchase",
        "lightening_goal": has("goals", "lighter_skin_overall"),
    }


def spec_flags(a: dict) -> set[str]:
    return {flag for flag, fires in spec_table(a).items() if fires}


@given(strategies.answer_dicts())
def test_flags_fire_exactly_when_the_spec_table_says(data):
    summary = evaluate(Answers.model_validate(data))
    assert {f.id for f in summary.flags} == spec_flags(data)


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
def test_the_summary_json_round_trips(answers):
    summary = evaluate(answers)
    assert Summary.model_validate_json(summary.model_dump_json()) == summary


def _add(data: dict, field: Field, value) -> dict:
    """`data` with `value` added to a list answer (dropping a standalone value it cannot sit beside)."""
    if not is_multi(field):
        return {**data, field: value}
    alone = str(STANDALONE_VALUES.get(field, ""))
    kept = [v for v in data[field] if v != alone and v != value] if value != alone else []
    return {**data, field: [*kept, value]}


@given(strategies.answer_dicts(), st.sampled_from(CASES))
def test_adding_a_trigger_answer_never_removes_its_flag(data, case):
    flag, trigger, _ = case
    for field, value in trigger.items():
        for one in value if isinstance(value, list) else [value]:
            data = _add(data, Field(field), one)
    assert flag in {f.id for f in evaluate(Answers.model_validate(data)).flags}


@given(strategies.answer_dicts(), st.sampled_from([f for f in Field if is_multi(f)]), st.data())
def test_adding_a_value_to_a_list_answer_never_removes_a_flag(data, field, draw):
    alone = STANDALONE_VALUES.get(field)
    choices = [str(v) for v in field_options(field) if v is not alone and str(v) not in data[field]]
    if str(alone) in data[field] or not choices:
        return
    before = {f.id for f in evaluate(Answers.model_validate(data)).flags}
    after = {
        f.id for f in evaluate(Answers.model_validate(_add(data, field, draw.draw(st.sampled_from(choices))))).flags
    }
    assert before <= after


@given(strategies.answers())
def test_markdown_renders_for_any_answers_with_the_notes_escaped(answers):
    text = render_markdown(evaluate(answers), answers)
    assert text.endswith("\n")
    for line in answers.notes.strip().split("\n"):
        assert escape(line) in text


@given(st.text())
def test_escaped_text_reads_back_the_same_and_leaves_no_markdown_active(text):
    escaped = escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text
    position = 0
    while position < len(escaped):
        if escaped[position] == "\\":
            position += 2
            continue
        assert escaped[position] not in "<>[]()*_`#!|", escaped
        position += 1


@given(strategies.answers())
def test_every_source_cited_is_referenced_once_and_every_reference_is_cited(answers):
    summary = evaluate(answers)
    cited = [s for part in (*summary.flags, *summary.marks, *summary.article) for s in part.sources]
    assert all(part.sources for part in (*summary.flags, *summary.marks, *summary.article))
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


def test_the_oracle_covers_every_flag():
    assert set(spec_table(answers_dict())) == {str(f) for f in FlagId}

"""Each flag fires on its trigger and stays quiet on the nearest answer that is not its trigger."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logic import Answers, default_content, evaluate
from logic.answers import STANDALONE_VALUES, field_options, is_multi
from logic.rules import always, answered, either, every
from logic.summary import Trigger
from logic.vocab import (
    Advice,
    Field,
    FlagId,
    Level,
    Mark,
    NextStep,
    Route,
    SkinType,
    Symptom,
    When,
)
from tests import strategies
from tests.factories import answers_dict, make_answers

F = FlagId

# (flag, answers that must fire it, the near miss that must not)
CASES = [
    (
        F.POSSIBLE_SEVERE_SKIN_REACTION,
        {"current_symptoms": ["rash_or_blisters"]},
        {"current_symptoms": ["infection_signs"]},
    ),
    (
        F.POSSIBLE_ANAPHYLAXIS,
        {"current_symptoms": ["breathing_or_swelling"]},
        {"current_symptoms": ["rash_or_blisters"]},
    ),
    (F.POSSIBLE_INFECTION, {"current_symptoms": ["infection_signs"]}, {"current_symptoms": ["acne_with_fever"]}),
    (
        F.POSSIBLE_ORGAN_HARM,
        {"current_symptoms": ["jaundice_or_dark_urine"]},
        {"current_symptoms": ["infection_signs"], "conditions": ["liver"]},
    ),
    (
        F.ISOTRETINOIN_PREGNANCY,
        {"isotretinoin": "current", "pregnancy": "trying"},
        {"isotretinoin": "within_6_months", "pregnancy": "trying"},
    ),
    (
        F.ISOTRETINOIN_PREGNANCY,
        {"isotretinoin": "current", "pregnancy": "pregnant"},
        {"isotretinoin": "current", "pregnancy": "prefer_not_to_say"},
    ),
    (
        F.ISOTRETINOIN_PREGNANCY,
        {"isotretinoin": "current", "pregnancy": "breastfeeding"},
        {"isotretinoin": "not_sure", "pregnancy": "breastfeeding"},
    ),
    (F.ACNE_WITH_FEVER, {"current_symptoms": ["acne_with_fever"]}, {"current_symptoms": []}),
    (F.SELF_HARM, {"distress": "self_harm_thoughts"}, {"distress": "affects_daily_life"}),
    (F.SELF_HARM, {"distress": "self_harm_thoughts"}, {"distress": "prefer_not_to_say"}),
    (F.CHANGING_SPOT, {"changing_spot": True}, {"changing_spot": False}),
    (F.PREGNANCY_OR_BREASTFEEDING, {"pregnancy": "pregnant"}, {"pregnancy": "none"}),
    (F.PREGNANCY_OR_BREASTFEEDING, {"pregnancy": "trying"}, {"pregnancy": "not_applicable"}),
    (F.PREGNANCY_OR_BREASTFEEDING, {"pregnancy": "breastfeeding"}, {"pregnancy": "prefer_not_to_say"}),
    (F.UNDER_18, {"age_group": "under_18"}, {"age_group": "18_to_24"}),
    (F.ORGAN_CONDITION, {"conditions": ["kidney"]}, {"conditions": ["kidney_stones"]}),
    (F.ORGAN_CONDITION, {"conditions": ["liver"]}, {"conditions": ["g6pd_deficiency"]}),
    (F.ORGAN_CONDITION, {"conditions": ["thyroid", "asthma"]}, {"conditions": ["asthma"]}),
    (
        F.IV_VITAMIN_C_RISK,
        {"conditions": ["g6pd_deficiency"], "routes": ["injection"]},
        {"conditions": ["g6pd_deficiency"], "routes": ["oral", "topical"]},
    ),
    (
        F.IV_VITAMIN_C_RISK,
        {"conditions": ["kidney_stones"], "routes": ["not_decided"]},
        {"conditions": ["kidney"], "routes": ["not_decided"]},
    ),
    (F.CANCER_TREATMENT, {"conditions": ["cancer_treatment"]}, {"conditions": ["thyroid"]}),
    (F.PREVIOUS_REACTION, {"previous_reaction": "yes"}, {"previous_reaction": "not_sure"}),
    (
        F.PREVIOUS_REACTION,
        {"previous_reaction": "not_sure", "routes": ["injection"]},
        {"previous_reaction": "not_sure", "routes": ["oral", "inhaled"]},
    ),
    (
        F.PREVIOUS_REACTION,
        {"previous_reaction": "not_sure", "routes": ["not_decided"]},
        {"previous_reaction": "no", "routes": ["not_decided"]},
    ),
    (F.SEVERE_ACTIVE_ACNE, {"active_acne": "many_inflamed"}, {"active_acne": "few"}),
    (F.SEVERE_ACTIVE_ACNE, {"active_acne": "nodules_or_cysts"}, {"active_acne": "not_sure"}),
    (F.KELOID_RISK, {"marks": ["raised"]}, {"marks": ["rolling"]}),
    (F.KELOID_RISK, {"marks": ["keloid", "brown_marks"]}, {"marks": ["brown_marks"]}),
    (F.KELOID_RISK, {"keloid_history": "yes"}, {"keloid_history": "not_sure"}),
    (F.RECENT_ISOTRETINOIN, {"isotretinoin": "current"}, {"isotretinoin": "never"}),
    (F.RECENT_ISOTRETINOIN, {"isotretinoin": "within_6_months"}, {"isotretinoin": "more_than_6_months_ago"}),
    (
        F.UNREGULATED_LIGHTENING_PRODUCTS,
        {"other_treatments": ["whitening_products"]},
        {"other_treatments": ["other_topicals"], "goals": ["lighter_skin_overall"]},
    ),
    (
        F.DARKER_SKIN_PROCEDURES,
        {"skin_type": "IV", "other_treatments": ["chemical_peel"]},
        {"skin_type": "III", "other_treatments": ["chemical_peel"]},
    ),
    (
        F.DARKER_SKIN_PROCEDURES,
        {"skin_type": "not_sure", "other_treatments": ["chemical_peel"]},
        {"skin_type": "not_sure", "other_treatments": ["whitening_products"]},
    ),
    (
        F.DARKER_SKIN_PROCEDURES,
        {"skin_type": "VI", "other_treatments": ["laser", "retinoid"]},
        {"skin_type": "VI", "other_treatments": ["microneedling", "retinoid"]},
    ),
    (
        F.UNSAFE_INJECTION_SETTING,
        {"routes": ["injection"], "setting": "spa_or_salon"},
        {"routes": ["injection"], "setting": "other_medical"},
    ),
    (
        F.UNSAFE_INJECTION_SETTING,
        {"routes": ["not_decided"], "setting": "self_at_home"},
        {"routes": ["oral"], "setting": "self_at_home"},
    ),
    (
        F.UNSAFE_INJECTION_SETTING,
        {"routes": ["injection", "oral"], "setting": "online_purchase"},
        {"routes": ["injection"], "setting": "not_decided"},
    ),
    (
        F.UNSAFE_INJECTION_SETTING,
        {"routes": ["injection"], "setting": "home_service"},
        {"routes": ["oral"], "setting": "home_service"},
    ),
    (F.SUNKEN_SCARS, {"marks": ["icepick"]}, {"marks": ["raised"]}),
    (F.SUNKEN_SCARS, {"marks": ["boxcar"]}, {"marks": ["red_marks"]}),
    (F.SUNKEN_SCARS, {"marks": ["rolling"]}, {"marks": ["not_sure"]}),
    (F.EMOTIONAL_IMPACT, {"distress": "affects_daily_life"}, {"distress": "self_harm_thoughts"}),
    (F.INJECTION_NOT_APPROVED, {"routes": ["injection"]}, {"routes": ["oral", "topical"]}),
    (
        F.INJECTION_NOT_APPROVED,
        {"routes": ["not_decided"], "setting": "dermatologist"},
        {"routes": ["topical"], "setting": "spa_or_salon"},
    ),
    (
        F.INHALED_WITH_ASTHMA,
        {"routes": ["inhaled"], "conditions": ["asthma"]},
        {"routes": ["oral"], "conditions": ["asthma"]},
    ),
    (
        F.INHALED_WITH_ASTHMA,
        {"routes": ["inhaled", "topical"], "conditions": ["sulfite_sensitivity"]},
        {"routes": ["inhaled"], "conditions": ["g6pd_deficiency"]},
    ),
    (F.ISOTRETINOIN_UNSURE, {"isotretinoin": "not_sure"}, {"isotretinoin": "more_than_6_months_ago"}),
    (F.MARKS_UNSURE, {"marks": ["not_sure"]}, {"marks": ["brown_marks"]}),
    (F.INHALED_GLUTATHIONE_ASTHMA, {"conditions": ["asthma"]}, {"conditions": ["kidney"]}),
    (F.INHALED_GLUTATHIONE_ASTHMA, {"conditions": ["sulfite_sensitivity"]}, {"conditions": []}),
    (
        F.INHALED_GLUTATHIONE_ASTHMA,
        {"conditions": ["asthma"], "routes": ["injection"]},
        {"conditions": ["asthma"], "routes": ["injection", "inhaled"]},
    ),
    (F.RED_MARKS_NOT_PIGMENT, {"marks": ["red_marks"]}, {"marks": ["brown_marks"]}),
    (F.DARKER_SKIN_PIH, {"skin_type": "IV"}, {"skin_type": "III"}),
    (F.DARKER_SKIN_PIH, {"skin_type": "V"}, {"skin_type": "not_sure"}),
    (F.RECENT_MARKS, {"mark_age": "under_3_months"}, {"mark_age": "3_to_12_months"}),
    (F.TYPE_UNSURE, {"skin_type": "not_sure"}, {"skin_type": "VI"}),
    (F.TYPE_UNSURE, {"skin_type": "not_sure", "marks": ["boxcar"]}, {"skin_type": "II", "marks": ["not_sure"]}),
    (
        F.PRODUCT_QUALITY,
        {"routes": ["oral"], "setting": "online_purchase"},
        {"routes": ["oral"], "setting": "spa_or_salon"},
    ),
    (
        F.PRODUCT_QUALITY,
        {"routes": ["topical"], "setting": "online_purchase"},
        {"routes": ["injection"], "setting": "online_purchase"},
    ),
    (F.LIGHTENING_GOAL, {"goals": ["lighter_skin_overall"]}, {"goals": ["fade_dark_marks"]}),
]


def flag_ids(**changes):
    return [flag.id for flag in evaluate(make_answers(**changes)).flags]


def test_the_baseline_answers_fire_no_flag():
    summary = evaluate(make_answers())
    assert summary.flags == ()
    assert summary.level is Level.NONE


def test_every_flag_has_a_case():
    assert {case[0] for case in CASES} == set(FlagId)


@pytest.mark.parametrize(("flag", "trigger", "near_miss"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_flag_fires_on_its_trigger_and_not_on_the_near_miss(flag, trigger, near_miss):
    assert flag in flag_ids(**trigger)
    assert flag not in flag_ids(**near_miss)


def test_a_fired_flag_names_the_answers_that_triggered_it():
    summary = evaluate(make_answers(conditions=["g6pd_deficiency", "asthma"], routes=["injection"]))
    flag = next(f for f in summary.flags if f.id is FlagId.IV_VITAMIN_C_RISK)
    assert [(t.field, t.value) for t in flag.triggered_by] == [
        ("conditions", "g6pd_deficiency"),
        ("routes", "injection"),
    ]


def test_keloid_risk_names_both_the_scar_and_the_family_history():
    summary = evaluate(make_answers(marks=["keloid"], keloid_history="yes"))
    flag = next(f for f in summary.flags if f.id is FlagId.KELOID_RISK)
    assert {(t.field, t.value) for t in flag.triggered_by} == {("marks", "keloid"), ("keloid_history", "yes")}


def test_changing_spot_trigger_is_the_boolean_answer():
    flag = evaluate(make_answers(changing_spot=True)).flags[0]
    assert [(t.field, t.value) for t in flag.triggered_by] == [("changing_spot", True)]


def test_flags_are_ordered_urgent_then_consult_then_note_and_level_is_the_highest():
    summary = evaluate(
        make_answers(goals=["lighter_skin_overall"], age_group="under_18", current_symptoms=["infection_signs"])
    )
    assert [f.level for f in summary.flags] == [Level.URGENT, Level.CONSULT, Level.NOTE]
    assert [f.id for f in summary.flags] == [F.POSSIBLE_INFECTION, F.UNDER_18, F.LIGHTENING_GOAL]
    assert summary.level is Level.URGENT


def test_urgent_flags_come_by_how_soon_care_is_needed_anaphylaxis_first():
    summary = evaluate(
        make_answers(
            current_symptoms=[str(s) for s in Symptom],
            changing_spot=True,
            distress="self_harm_thoughts",
            isotretinoin="current",
            pregnancy="pregnant",
        )
    )
    urgent = [(f.id, f.when) for f in summary.flags if f.level is Level.URGENT]
    assert urgent == [
        (F.POSSIBLE_ANAPHYLAXIS, When.NOW),
        (F.POSSIBLE_SEVERE_SKIN_REACTION, When.NOW),
        (F.SELF_HARM, When.NOW),
        (F.POSSIBLE_INFECTION, When.TODAY),
        (F.POSSIBLE_ORGAN_HARM, When.TODAY),
        (F.ACNE_WITH_FEVER, When.TODAY),
        (F.ISOTRETINOIN_PREGNANCY, When.TODAY),
        (F.CHANGING_SPOT, When.WITHIN_2_WEEKS),
    ]


def test_within_a_level_flags_keep_the_spec_order():
    summary = evaluate(make_answers(marks=["red_marks", "boxcar"], pregnancy="pregnant", age_group="under_18"))
    assert [f.id for f in summary.flags] == [
        F.PREGNANCY_OR_BREASTFEEDING,
        F.UNDER_18,
        F.SUNKEN_SCARS,
        F.RED_MARKS_NOT_PIGMENT,
    ]


# The contract's time frame for every flag, transcribed from its table.
WHEN = {
    **dict.fromkeys([F.POSSIBLE_ANAPHYLAXIS, F.POSSIBLE_SEVERE_SKIN_REACTION, F.SELF_HARM], When.NOW),
    **dict.fromkeys(
        [F.POSSIBLE_INFECTION, F.POSSIBLE_ORGAN_HARM, F.ACNE_WITH_FEVER, F.ISOTRETINOIN_PREGNANCY], When.TODAY
    ),
    F.CHANGING_SPOT: When.WITHIN_2_WEEKS,
    **dict.fromkeys(
        [
            F.PREGNANCY_OR_BREASTFEEDING,
            F.UNDER_18,
            F.ORGAN_CONDITION,
            F.IV_VITAMIN_C_RISK,
            F.CANCER_TREATMENT,
            F.PREVIOUS_REACTION,
            F.SEVERE_ACTIVE_ACNE,
            F.KELOID_RISK,
            F.RECENT_ISOTRETINOIN,
            F.UNREGULATED_LIGHTENING_PRODUCTS,
            F.DARKER_SKIN_PROCEDURES,
            F.UNSAFE_INJECTION_SETTING,
            F.SUNKEN_SCARS,
            F.EMOTIONAL_IMPACT,
            F.INHALED_WITH_ASTHMA,
            F.ISOTRETINOIN_UNSURE,
            F.MARKS_UNSURE,
        ],
        When.BEFORE_TREATMENT,
    ),
    **dict.fromkeys(
        [
            F.INJECTION_NOT_APPROVED,
            F.INHALED_GLUTATHIONE_ASTHMA,
            F.RED_MARKS_NOT_PIGMENT,
            F.DARKER_SKIN_PIH,
            F.RECENT_MARKS,
            F.TYPE_UNSURE,
            F.PRODUCT_QUALITY,
            F.LIGHTENING_GOAL,
        ],
        When.ANYTIME,
    ),
}


def test_the_time_frame_table_covers_every_flag():
    assert set(WHEN) == set(FlagId)


@pytest.mark.parametrize(("flag", "trigger", "near_miss"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_flag_carries_its_time_frame(flag, trigger, near_miss):
    (fired,) = [f for f in evaluate(make_answers(**trigger)).flags if f.id is flag]
    assert fired.when is WHEN[flag]


@pytest.mark.parametrize(
    ("answers", "next_step"),
    [
        ({}, NextStep.NONE),
        ({"skin_type": "V", "goals": ["lighter_skin_overall"]}, NextStep.NONE),
        ({"age_group": "under_18", "skin_type": "V"}, NextStep.BEFORE_TREATMENT),
        ({"changing_spot": True, "age_group": "under_18"}, NextStep.WITHIN_2_WEEKS),
        ({"current_symptoms": ["acne_with_fever"], "changing_spot": True}, NextStep.TODAY),
        ({"isotretinoin": "current", "pregnancy": "trying"}, NextStep.TODAY),
        ({"distress": "self_harm_thoughts", "current_symptoms": ["infection_signs"]}, NextStep.NOW),
        ({"current_symptoms": ["breathing_or_swelling"]}, NextStep.NOW),
    ],
    ids=["no-flags", "notes-only", "consult", "within-2-weeks", "today", "isotretinoin-today", "self-harm-now", "now"],
)
def test_the_next_step_is_the_first_flags_time_frame_unless_only_notes_fired(answers, next_step):
    assert evaluate(make_answers(**answers)).next_step is next_step


def test_oral_glutathione_from_a_dermatologist_raises_no_injection_note():
    assert flag_ids(routes=["oral"], setting="dermatologist") == []


def test_level_is_note_when_only_notes_fire():
    assert evaluate(make_answers(skin_type="V")).level is Level.NOTE


def test_flag_text_and_sources_come_from_content():
    content = default_content()
    flag = evaluate(make_answers(changing_spot=True)).flags[0]
    assert flag.title == content.flags[F.CHANGING_SPOT].title
    assert flag.action == content.flags[F.CHANGING_SPOT].action
    assert flag.sources == content.flags[F.CHANGING_SPOT].sources
    assert flag.source == "; ".join(content.references[s].short for s in flag.sources)


# --- logic/rules.py: the combinators the rule table is built from ----------------------------------------


def test_answered_gives_one_trigger_per_matching_value_of_the_field():
    answers = make_answers(marks=["red_marks", "boxcar", "keloid"])
    rule = answered(Field.MARKS, Mark.KELOID, Mark.RED_MARKS, Mark.ICEPICK)
    assert rule(answers) == (
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


def test_either_gives_the_triggers_of_every_rule_that_holds():
    answers = make_answers(marks=["red_marks"], skin_type="V")
    assert either(KELOID, RED, DARK)(answers) == (
        Trigger(field=Field.MARKS, value="red_marks"),
        Trigger(field=Field.SKIN_TYPE, value="V"),
    )
    assert either(KELOID)(answers) == ()
    assert always(answers) == (Trigger(field=Field.MARKS, value="red_marks"),)


# --- Properties over every answer set the spec allows: the flags against an oracle of the spec's table -------------


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
        "previous_reaction": a["previous_reaction"] == "yes" or (a["previous_reaction"] == "not_sure" and injection),
        "severe_active_acne": a["active_acne"] in {"many_inflamed", "nodules_or_cysts"},
        "keloid_risk": has("marks", "raised", "keloid") or a["keloid_history"] == "yes",
        "recent_isotretinoin": a["isotretinoin"] in {"current", "within_6_months"},
        "unregulated_lightening_products": has("other_treatments", "whitening_products"),
        "darker_skin_procedures": a["skin_type"] in {"IV", "V", "VI", "not_sure"}
        and has("other_treatments", "chemical_peel", "laser"),
        "unsafe_injection_setting": injection
        and a["setting"] in {"spa_or_salon", "home_service", "self_at_home", "online_purchase"},
        "sunken_scars": has("marks", "icepick", "boxcar", "rolling"),
        "emotional_impact": a["distress"] == "affects_daily_life",
        "injection_not_approved": injection,
        "inhaled_with_asthma": has("routes", "inhaled") and has("conditions", "asthma", "sulfite_sensitivity"),
        "isotretinoin_unsure": a["isotretinoin"] == "not_sure",
        "marks_unsure": has("marks", "not_sure"),
        "inhaled_glutathione_asthma": has("conditions", "asthma", "sulfite_sensitivity")
        and not has("routes", "inhaled"),
        "red_marks_not_pigment": has("marks", "red_marks"),
        "darker_skin_pih": a["skin_type"] in {"IV", "V", "VI"},
        "recent_marks": a["mark_age"] == "under_3_months",
        "type_unsure": a["skin_type"] == "not_sure",
        "product_quality": has("routes", "oral", "topical") and a["setting"] == "online_purchase",
        "lightening_goal": has("goals", "lighter_skin_overall"),
    }


def spec_flags(a: dict) -> set[str]:
    return {flag for flag, fires in spec_table(a).items() if fires}


@given(strategies.answer_dicts())
def test_flags_fire_exactly_when_the_spec_table_says(data):
    summary = evaluate(Answers.model_validate(data))
    assert {f.id for f in summary.flags} == spec_flags(data)


def _add(data: dict, field: Field, value) -> dict:
    """`data` with `value` added to a list answer (dropping a standalone value it cannot sit beside)."""
    if not is_multi(field):
        return {**data, field: value}
    alone = str(STANDALONE_VALUES.get(field, ""))
    kept = [v for v in data[field] if v != alone and v != value] if value != alone else []
    return {**data, field: [*kept, value]}


# The one flag that fires on an answer's absence: the asthma note gives way to the consult once inhaled is chosen.
GIVES_WAY = {F.INHALED_GLUTATHIONE_ASTHMA: F.INHALED_WITH_ASTHMA}


@given(strategies.answer_dicts(), st.sampled_from([c for c in CASES if c[0] not in GIVES_WAY]))
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
    assert all(flag in after or GIVES_WAY.get(flag) in after for flag in before)


def test_the_oracle_covers_every_flag():
    assert set(spec_table(answers_dict())) == {str(f) for f in FlagId}


# --- The plan: the answer to "should I do this, and will it help my marks?" per route ------------------------


def spec_plan(a: dict) -> list[tuple[str, str]]:
    """The spec's plan, transcribed independently of logic/rules.py as an oracle."""
    routes = set(a["routes"]) | ({"injection", "oral", "topical"} if "not_decided" in a["routes"] else set())
    not_shown = (
        a["pregnancy"] in {"pregnant", "trying", "breastfeeding"}
        or a["age_group"] == "under_18"
        or bool({"kidney", "liver", "thyroid", "cancer_treatment"} & set(a["conditions"]))
        or a["previous_reaction"] == "yes"
    )
    brown = "brown_marks" in a["marks"]
    pills = "ask_doctor_first" if not_shown else "small_effect_at_most" if brown else "unlikely_to_help"
    advice = {"injection": "avoid", "inhaled": "avoid", "oral": pills, "topical": pills}
    return [(route, advice[route]) for route in ("injection", "inhaled", "oral", "topical") if route in routes]


@given(strategies.answer_dicts())
def test_the_plan_gives_each_route_considered_the_spec_s_advice_in_the_spec_s_order(data):
    plan = evaluate(Answers.model_validate(data)).plan
    assert [(str(e.route), str(e.advice)) for e in plan] == spec_plan(data)


def plan_of(**changes) -> list[tuple[Route, Advice]]:
    return [(e.route, e.advice) for e in evaluate(make_answers(**changes)).plan]


def test_a_healthy_person_planning_a_drip_is_told_to_avoid_it_though_no_flag_asks_for_action():
    summary = evaluate(make_answers(routes=["injection"], setting="dermatologist", marks=["brown_marks"]))
    assert summary.next_step is NextStep.NONE
    assert [(e.route, e.advice) for e in summary.plan] == [(Route.INJECTION, Advice.AVOID)]


def test_not_decided_stands_for_injection_pills_and_creams():
    assert plan_of(routes=["not_decided"], marks=["brown_marks"]) == [
        (Route.INJECTION, Advice.AVOID),
        (Route.ORAL, Advice.SMALL_EFFECT_AT_MOST),
        (Route.TOPICAL, Advice.SMALL_EFFECT_AT_MOST),
    ]


def test_every_route_chosen_comes_in_the_plan_s_order_once():
    assert [r for r, _ in plan_of(routes=["topical", "oral", "inhaled", "injection"])] == [
        Route.INJECTION,
        Route.INHALED,
        Route.ORAL,
        Route.TOPICAL,
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"pregnancy": "breastfeeding"},
        {"age_group": "under_18"},
        {"conditions": ["cancer_treatment"]},
        {"conditions": ["thyroid"]},
        {"previous_reaction": "yes"},
    ],
)
def test_pills_and_creams_wait_for_a_doctor_when_their_safety_has_not_been_shown(changes):
    assert plan_of(routes=["oral", "topical"], marks=["brown_marks"], **changes) == [
        (Route.ORAL, Advice.ASK_DOCTOR_FIRST),
        (Route.TOPICAL, Advice.ASK_DOCTOR_FIRST),
    ]


def test_a_not_sure_reaction_or_asthma_does_not_hold_back_pills():
    assert plan_of(routes=["oral"], marks=["brown_marks"], previous_reaction="not_sure", conditions=["asthma"]) == [
        (Route.ORAL, Advice.SMALL_EFFECT_AT_MOST)
    ]


def test_pills_are_unlikely_to_help_marks_that_are_not_brown():
    assert plan_of(routes=["oral"], marks=["red_marks", "boxcar"]) == [(Route.ORAL, Advice.UNLIKELY_TO_HELP)]


def test_inhaled_glutathione_is_advised_against_for_everyone():
    assert plan_of(routes=["inhaled"], marks=["brown_marks"]) == [(Route.INHALED, Advice.AVOID)]


def test_each_plan_entry_is_worded_and_sourced_from_the_content():
    content = default_content()
    for entry in (
        *evaluate(make_answers(routes=["not_decided"])).plan,
        *evaluate(make_answers(routes=["inhaled"])).plan,
    ):
        text = content.plan[entry.route][entry.advice]
        assert (entry.title, entry.reason, entry.sources) == (text.title, text.reason, text.sources)
        assert entry.sources

"""Each flag fires on its trigger and stays quiet on the nearest answer that is not its trigger."""

import pytest

from logic import evaluate
from logic.vocab import FlagId, Level
from tests.factories import make_answers

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
    (F.SEVERE_ACTIVE_ACNE, {"active_acne": "many_inflamed"}, {"active_acne": "few"}),
    (F.SEVERE_ACTIVE_ACNE, {"active_acne": "nodules_or_cysts"}, {"active_acne": "not_sure"}),
    (F.KELOID_RISK, {"marks": ["raised"]}, {"marks": ["rolling"]}),
    (F.KELOID_RISK, {"marks": ["keloid", "brown_marks"]}, {"marks": ["brown_marks"]}),
    (F.KELOID_RISK, {"keloid_history": "yes"}, {"keloid_history": "not_sure"}),
    (F.RECENT_ISOTRETINOIN, {"isotretinoin": "current"}, {"isotretinoin": "never"}),
    (F.RECENT_ISOTRETINOIN, {"isotretinoin": "within_6_months"}, {"isotretinoin": "more_than_6_months_ago"}),
    (
        F.DARKER_SKIN_PROCEDURES,
        {"skin_type": "IV", "other_treatments": ["chemical_peel"]},
        {"skin_type": "III", "other_treatments": ["chemical_peel"]},
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
    (F.SUNKEN_SCARS, {"marks": ["icepick"]}, {"marks": ["raised"]}),
    (F.SUNKEN_SCARS, {"marks": ["boxcar"]}, {"marks": ["red_marks"]}),
    (F.SUNKEN_SCARS, {"marks": ["rolling"]}, {"marks": ["not_sure"]}),
    (F.EMOTIONAL_IMPACT, {"distress": "affects_daily_life"}, {"distress": "self_harm_thoughts"}),
    (F.INHALED_GLUTATHIONE_ASTHMA, {"conditions": ["asthma"]}, {"conditions": ["kidney"]}),
    (F.INHALED_GLUTATHIONE_ASTHMA, {"conditions": ["sulfite_sensitivity"]}, {"conditions": []}),
    (F.RED_MARKS_NOT_PIGMENT, {"marks": ["red_marks"]}, {"marks": ["brown_marks"]}),
    (F.DARKER_SKIN_PIH, {"skin_type": "IV"}, {"skin_type": "III"}),
    (F.DARKER_SKIN_PIH, {"skin_type": "V"}, {"skin_type": "not_sure"}),
    (F.RECENT_MARKS, {"mark_age": "under_3_months"}, {"mark_age": "3_to_12_months"}),
    (F.TYPE_UNSURE, {"marks": ["not_sure"]}, {"marks": ["boxcar"]}),
    (F.TYPE_UNSURE, {"skin_type": "not_sure"}, {"skin_type": "VI"}),
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


def test_within_a_level_flags_keep_the_spec_order():
    summary = evaluate(make_answers(marks=["red_marks", "boxcar"], pregnancy="pregnant", age_group="under_18"))
    assert [f.id for f in summary.flags] == [
        F.PREGNANCY_OR_BREASTFEEDING,
        F.UNDER_18,
        F.SUNKEN_SCARS,
        F.RED_MARKS_NOT_PIGMENT,
    ]


def test_level_is_note_when_only_notes_fire():
    assert evaluate(make_answers(skin_type="V")).level is Level.NOTE


def test_flag_text_comes_from_content():
    summary = evaluate(make_answers(changing_spot=True))
    flag = summary.flags[0]
    assert flag.title and flag.reason and flag.action and flag.source

"""Small builders for answers used across the tests, laid on `logic.partial.NEUTRAL` (answers that fire no flag)."""

from typing import Any

from logic import Answers
from logic.partial import NEUTRAL
from logic.vocab import Condition, OtherTreatment, Symptom


def answers_dict(**changes: Any) -> dict[str, Any]:
    """NEUTRAL as JSON-shaped answers, with `changes`: what a file or a draft would hold."""
    return {**NEUTRAL.model_dump(mode="json"), **changes}


def make_answers(**changes: Any) -> Answers:
    return Answers.model_validate(answers_dict(**changes))


# Answers that fire as many flags as the spec allows (28 of 30): a largest answer set.
EVERYTHING = {
    "current_symptoms": [str(s) for s in Symptom],
    "changing_spot": True,
    "distress": "self_harm_thoughts",
    "age_group": "under_18",
    "pregnancy": "pregnant",
    "conditions": [str(c) for c in Condition],
    "previous_reaction": "yes",
    "isotretinoin": "current",
    "skin_type": "V",
    "marks": ["brown_marks", "red_marks", "icepick", "boxcar", "rolling", "raised", "keloid"],
    "severity": "severe",
    "mark_age": "under_3_months",
    "active_acne": "nodules_or_cysts",
    "keloid_history": "yes",
    "routes": ["injection", "oral", "topical"],
    "setting": "online_purchase",
    "other_treatments": [str(t) for t in OtherTreatment],
    "goals": ["fade_dark_marks", "fade_red_marks", "smooth_pits", "flatten_raised", "lighter_skin_overall"],
}

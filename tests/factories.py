"""Small builders for answers used across the tests, laid on `logic.partial.NEUTRAL` (answers that fire no flag)."""

from enum import StrEnum
from typing import Any

from logic import Answers
from logic.answers import STANDALONE_VALUES
from logic.partial import NEUTRAL
from logic.vocab import Condition, Field, Goal, Mark, OtherTreatment, Route, Symptom


def answers_dict(**changes: Any) -> dict[str, Any]:
    """NEUTRAL as JSON-shaped answers, with `changes`: what a file or a draft would hold."""
    return {**NEUTRAL.model_dump(mode="json"), **changes}


def make_answers(**changes: Any) -> Answers:
    return Answers.model_validate(answers_dict(**changes))


def every(field: Field, values: type[StrEnum]) -> list[str]:
    """Every value of a tick-all-that-apply question that can be ticked with the others."""
    return [str(v) for v in values if v != STANDALONE_VALUES.get(field)]


# Answers that fire as many flags as the spec allows (28 of 30): a largest answer set.
EVERYTHING = {
    "current_symptoms": every(Field.CURRENT_SYMPTOMS, Symptom),
    "changing_spot": True,
    "distress": "self_harm_thoughts",
    "age_group": "under_18",
    "pregnancy": "pregnant",
    "conditions": every(Field.CONDITIONS, Condition),
    "previous_reaction": "yes",
    "isotretinoin": "current",
    "skin_type": "V",
    "marks": every(Field.MARKS, Mark),
    "severity": "severe",
    "mark_age": "under_3_months",
    "active_acne": "nodules_or_cysts",
    "keloid_history": "yes",
    "routes": every(Field.ROUTES, Route),
    "setting": "online_purchase",
    "other_treatments": every(Field.OTHER_TREATMENTS, OtherTreatment),
    "goals": every(Field.GOALS, Goal),
}

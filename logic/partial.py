"""Working with answers that are not finished yet: checking one page, and flags that can already be told."""

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pydantic

from .answers import Answers
from .content import Content, default_content
from .errors import answer_problems
from .evaluate import evaluate
from .summary import FlagResult
from .vocab import Field, SkinType

# Answers that fire no flag (a unit test holds them to that): the background a partial set of answers is
# laid on, so that only flags triggered by what the person has actually said can fire.
NEUTRAL: dict[str, Any] = {
    "current_symptoms": [],
    "changing_spot": False,
    "distress": "none",
    "age_group": "25_to_39",
    "pregnancy": "none",
    "conditions": [],
    "previous_reaction": "no",
    "isotretinoin": "never",
    "skin_type": "III",
    "marks": ["brown_marks"],
    "severity": "mild",
    "mark_age": "over_12_months",
    "active_acne": "none",
    "keloid_history": "no",
    "routes": ["oral"],
    "setting": "dermatologist",
    "other_treatments": [],
    "goals": ["smooth_pits"],
    "notes": "",
}


_FIELD_NAMES = frozenset(str(f) for f in Field)


class Problem(NamedTuple):
    """What is wrong with one answer: pydantic's error type (`missing`, `not_alone`, ...) and its words."""

    kind: str
    message: str


def field_problems(draft: Mapping[str, Any], fields: Iterable[Field]) -> dict[Field, Problem]:
    """The first problem with each of `fields` in a draft: unanswered required ones and invalid values."""
    problems: dict[Field, Problem] = {}
    for field in fields:
        if field not in draft:
            if field is not Field.NOTES:
                problems[field] = Problem("missing", f"{field}: missing")
            continue
        try:
            Answers.model_validate({**NEUTRAL, field: draft[field]})
        except pydantic.ValidationError as error:
            problems[field] = Problem(error.errors()[0]["type"], answer_problems(error)[0])
    return problems


def early_flags(draft: Mapping[str, Any], content: Content | None = None) -> tuple[FlagResult, ...]:
    """The flags that the valid answers given so far already raise, before the questionnaire is finished."""
    known = [Field(k) for k in draft if k in _FIELD_NAMES]
    problems = field_problems(draft, known)
    given = {f: draft[f] for f in known if f not in problems}
    summary = evaluate(Answers.model_validate({**NEUTRAL, **given}), content or default_content())
    return tuple(f for f in summary.flags if all(t.field in given for t in f.triggered_by))


def suggest_skin_type(*answers: SkinType | None) -> SkinType:
    """Fitzpatrick type from the helper's three questions (burning, tanning, untanned colour).

    Each answer points to a type; when they disagree the darker one is suggested, because the flags it
    feeds are about the risk of dark marks, which is higher in darker skin (facts brief, section 5).
    """
    known = [a for a in answers if a is not None and a is not SkinType.NOT_SURE]
    if not known:
        return SkinType.NOT_SURE
    order = list(SkinType)
    return max(known, key=order.index)

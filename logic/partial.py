"""Working with answers that are not finished yet: checking one page, and flags that can already be told."""

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pydantic

from . import vocab
from .answers import STEP_FIELDS, Answers
from .content import Content, default_content
from .errors import answer_problems, missing
from .evaluate import evaluate
from .summary import FlagResult, Summary
from .vocab import Field, ProblemKind, SkinType, Step

# Answers that fire no flag (a unit test holds them to that): the background a partial set of answers is
# laid on, so that only flags triggered by what the person has actually said can fire.
NEUTRAL = Answers(
    current_symptoms=(),
    changing_spot=False,
    distress=vocab.Distress.NONE,
    age_group=vocab.AgeGroup.AGE_25_TO_39,
    pregnancy=vocab.Pregnancy.NONE,
    conditions=(),
    previous_reaction=vocab.YesNoNotSure.NO,
    isotretinoin=vocab.Isotretinoin.NEVER,
    skin_type=vocab.SkinType.III,
    marks=(vocab.Mark.BROWN_MARKS,),
    severity=vocab.Severity.MILD,
    mark_age=vocab.MarkAge.OVER_12_MONTHS,
    active_acne=vocab.ActiveAcne.NONE,
    keloid_history=vocab.YesNoNotSure.NO,
    routes=(vocab.Route.ORAL,),
    setting=vocab.Setting.DERMATOLOGIST,
    other_treatments=(),
    goals=(vocab.Goal.SMOOTH_PITS,),
)
_BACKGROUND: dict[str, Any] = NEUTRAL.model_dump(mode="json")  # NEUTRAL as a draft holds answers: JSON values

_FIELD_NAMES = frozenset(str(f) for f in Field)


class Problem(NamedTuple):
    """What is wrong with one answer: its kind and its words."""

    kind: ProblemKind
    message: str


def field_problems(draft: Mapping[str, Any], fields: Iterable[Field]) -> dict[Field, Problem]:
    """The first problem with each of `fields` in a draft: unanswered required ones and invalid values."""
    problems: dict[Field, Problem] = {}
    for field in fields:
        if field not in draft:
            if field is not Field.NOTES:
                problems[field] = Problem(ProblemKind.MISSING, missing(field))
            continue
        try:
            Answers.model_validate({**_BACKGROUND, field: draft[field]})
        except pydantic.ValidationError as error:
            problems[field] = Problem(ProblemKind.of(error.errors()[0]["type"]), answer_problems(error)[0])
    return problems


def finished(draft: Mapping[str, Any]) -> Answers | None:
    """The answers, once the draft holds every one and all are valid; None before that."""
    try:
        return Answers.model_validate(draft)
    except pydantic.ValidationError:
        return None


def unfinished_step(draft: Mapping[str, Any]) -> Step:
    """The first step of the form holding a question that is unanswered or answered with a value it does not
    take: where to send a person whose draft is not `finished` (the first step, if none can be named)."""
    problems = field_problems(draft, list(Field))
    steps = [step for step, fields in STEP_FIELDS.items() if any(f in problems for f in fields)]
    return (steps or list(STEP_FIELDS))[0]


def early_flags(draft: Mapping[str, Any], content: Content | None = None) -> tuple[FlagResult, ...]:
    """The flags that the valid answers given so far already raise, before the questionnaire is finished."""
    return early_summary(draft, content).flags


def early_summary(draft: Mapping[str, Any], content: Content | None = None) -> Summary:
    """What the valid answers given so far already say, before the questionnaire is finished: the summary of
    those answers laid on `NEUTRAL`, keeping only the flags they raise by themselves. Its next step is what
    "What to do now" opens (NEUTRAL raises no flag, so the next step comes from the answers given)."""
    known = [Field(k) for k in draft if k in _FIELD_NAMES]
    problems = field_problems(draft, known)
    given = {f: draft[f] for f in known if f not in problems}
    summary = evaluate(Answers.model_validate({**_BACKGROUND, **given}), content or default_content())
    flags = tuple(f for f in summary.flags if all(t.field in given for t in f.triggered_by))
    return summary.model_copy(update={"flags": flags})


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

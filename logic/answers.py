"""The person's answers: one frozen, strictly validated model of the spec's answer table."""

import unicodedata
from enum import StrEnum
from typing import Annotated, Any, get_args, get_origin

import pydantic
import regex
from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr, field_validator
from pydantic_core import PydanticCustomError

from .vocab import (
    ActiveAcne,
    AgeGroup,
    Condition,
    Distress,
    Field,
    Goal,
    Isotretinoin,
    Mark,
    MarkAge,
    OtherTreatment,
    Pregnancy,
    ProblemKind,
    Route,
    Setting,
    Severity,
    SkinType,
    Step,
    Symptom,
    YesNoNotSure,
)

NOTES_MAX_LENGTH = 500  # characters as a person counts them: see text_length
CLUSTER_MAX = 10  # code points a character may hold and still count as one (a family emoji has 7, a couple 10)
NOTES_MAX_CODE_POINTS = NOTES_MAX_LENGTH * CLUSTER_MAX  # so no note the limit allows is longer than this
_ALLOWED_CONTROL = frozenset("\n\t")

# A value that means "I don't know" or "I haven't decided" cannot be combined with a real choice.
STANDALONE_VALUES: dict[Field, StrEnum] = {Field.MARKS: Mark.NOT_SURE, Field.ROUTES: Route.NOT_DECIDED}

# The answers that mean "I don't know", "I'd rather not say" or "I haven't decided", where a question has one.
_DONT_KNOW: tuple[StrEnum, ...] = (
    Distress.PREFER_NOT_TO_SAY,
    Pregnancy.PREFER_NOT_TO_SAY,
    YesNoNotSure.NOT_SURE,
    Isotretinoin.NOT_SURE,
    SkinType.NOT_SURE,
    Mark.NOT_SURE,
    Severity.NOT_SURE,
    MarkAge.NOT_SURE,
    ActiveAcne.NOT_SURE,
    Route.NOT_DECIDED,
    Setting.NOT_DECIDED,
)

_Distinct = {"uniqueItems": True}


def _several(enum: type[StrEnum], *, at_least_one: bool = False) -> Any:
    return Annotated[
        tuple[enum, ...],
        pydantic.Field(min_length=1 if at_least_one else 0, json_schema_extra=_Distinct),
    ]


class Answers(BaseModel):
    """Everything the questionnaire asks. Every key is required except `notes`."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="Answers")

    current_symptoms: _several(Symptom)
    changing_spot: StrictBool
    distress: Distress
    age_group: AgeGroup
    pregnancy: Pregnancy
    conditions: _several(Condition)
    previous_reaction: YesNoNotSure
    isotretinoin: Isotretinoin
    skin_type: SkinType
    marks: _several(Mark, at_least_one=True)
    severity: Severity
    mark_age: MarkAge
    active_acne: ActiveAcne
    keloid_history: YesNoNotSure
    routes: _several(Route, at_least_one=True)
    setting: Setting
    other_treatments: _several(OtherTreatment)
    goals: _several(Goal, at_least_one=True)
    notes: Annotated[
        StrictStr,
        pydantic.Field(
            max_length=NOTES_MAX_CODE_POINTS,
            description=f"At most {NOTES_MAX_LENGTH} characters as a person counts them (Unicode extended grapheme"
            f" clusters: an emoji, a flag or a letter with its accent is one; a cluster of more than {CLUSTER_MAX}"
            " code points counts as its code points).",
        ),
    ] = ""

    @field_validator(
        Field.CURRENT_SYMPTOMS, Field.CONDITIONS, Field.MARKS, Field.ROUTES, Field.OTHER_TREATMENTS, Field.GOALS
    )
    @classmethod
    def _distinct_and_standalone(cls, values: tuple[StrEnum, ...], info: pydantic.ValidationInfo):
        seen: set[StrEnum] = set()
        for value in values:
            if value in seen:
                raise _refused(ProblemKind.REPEATED_VALUE, value=str(value))
            seen.add(value)
        alone = STANDALONE_VALUES.get(Field(info.field_name))
        if alone is not None and alone in seen and len(seen) > 1:
            raise _refused(ProblemKind.NOT_ALONE, value=str(alone))
        return values

    @field_validator(Field.NOTES)
    @classmethod
    def _not_too_long(cls, text: str) -> str:
        if text_length(text) > NOTES_MAX_LENGTH:
            raise _refused(ProblemKind.TOO_LONG, max_length=NOTES_MAX_LENGTH)
        return text

    @field_validator(Field.NOTES)
    @classmethod
    def _no_control_characters(cls, text: str) -> str:
        for position, char in enumerate(text):
            if char not in _ALLOWED_CONTROL and unicodedata.category(char) in ("Cc", "Cs"):
                raise _refused(ProblemKind.CONTROL_CHARACTER, code=f"U+{ord(char):04X}", position=position + 1)
        return text

    def values_of(self, field: Field) -> tuple[StrEnum | bool | str, ...]:
        """The answer to `field` as a tuple, whether the question takes one value or several."""
        value = getattr(self, field)
        return value if isinstance(value, tuple) else (value,)


def _refused(kind: ProblemKind, **context: Any) -> PydanticCustomError:
    """A problem of `kind` for `logic/errors.py` to word; pydantic's own message is only the kind's name."""
    return PydanticCustomError(str(kind), str(kind), context)


def text_length(text: str) -> int:
    """A note's length as a person counts it, and as the form's live counter (ui/watch.py, with the browser's
    Intl.Segmenter), the model and the FHIR Questionnaire's maxLength count it: one per extended grapheme
    cluster, so an emoji, a flag or "é" written as e and an accent is one. A cluster of more than `CLUSTER_MAX`
    code points (letters stacked with dozens of accents) counts as its code points, so that a note within the
    limit stays within `NOTES_MAX_CODE_POINTS`."""
    return sum(1 if len(cluster) <= CLUSTER_MAX else len(cluster) for cluster in _CLUSTER.findall(text))


_CLUSTER = regex.compile(r"\X")


# --- What kind of question each field is, read from the model itself so it is defined once. ----------


def field_options(field: Field) -> tuple[StrEnum, ...]:
    """The allowed values of a choice question, in the spec's order; empty for yes/no and text."""
    annotation = _base_annotation(field)
    if get_origin(annotation) is tuple:
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return tuple(annotation)
    return ()


def dont_know(field: Field) -> StrEnum | None:
    """The answer to `field` that means "I don't know" (or "I'd rather not say", "I haven't decided"), if any:
    the form names it to a person who has left the question unanswered."""
    return next((value for value in field_options(field) if any(value is d for d in _DONT_KNOW)), None)


def is_multi(field: Field) -> bool:
    return get_origin(_base_annotation(field)) is tuple


def is_yes_no(field: Field) -> bool:
    return _base_annotation(field) is bool


def is_text(field: Field) -> bool:
    return _base_annotation(field) is str


def needs_one(field: Field) -> bool:
    """True for the list questions that need at least one value."""
    return any(getattr(m, "min_length", 0) for m in Answers.model_fields[field].metadata)


def _base_annotation(field: Field) -> Any:
    return Answers.model_fields[field].annotation


# --- The form's structure: which question sits on which page. -------------------------------------------

STEP_FIELDS: dict[Step, tuple[Field, ...]] = {
    Step.SAFETY: (Field.CURRENT_SYMPTOMS, Field.CHANGING_SPOT, Field.DISTRESS),
    Step.ABOUT_YOU: (
        Field.AGE_GROUP,
        Field.PREGNANCY,
        Field.CONDITIONS,
        Field.PREVIOUS_REACTION,
        Field.ISOTRETINOIN,
    ),
    Step.SKIN_AND_MARKS: (
        Field.SKIN_TYPE,
        Field.MARKS,
        Field.SEVERITY,
        Field.MARK_AGE,
        Field.ACTIVE_ACNE,
        Field.KELOID_HISTORY,
    ),
    Step.PLANS: (Field.ROUTES, Field.SETTING, Field.OTHER_TREATMENTS, Field.GOALS, Field.NOTES),
}

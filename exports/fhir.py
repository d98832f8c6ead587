"""FHIR R4 exports: the questions as a `Questionnaire`, a person's answers as a `QuestionnaireResponse`.

Both are generated from the `Answers` model, the form's steps and `content`, never kept by hand beside them,
and returned as plain dicts ready for `json.dumps`. `answers_from_response` reads a response back, and
`answers_from_fhir` reads one from JSON text as a clinic's FHIR form tool saves it (`python -m logic summarize
--from-fhir`).

- The Questionnaire has one group item per step of the form (text: the step's title) holding one item per
  answer key (linkId: the key; text: the question's label). Choice questions are `choice` items whose
  `answerOption`s are Codings: `code` is the spec's answer value, `display` the option's label, and the
  `system` is the question's own code system, `{CODE_SYSTEM_BASE}/{key}`, because one value can mean
  different things in different questions (`none`, `not_sure`). List questions repeat; `changing_spot` is
  `boolean`; `notes` is `text`. Every item is required except `notes`, as in the form.
- A list the form lets a person answer with "None of these" (symptoms, conditions, other treatments) has that
  answer as an option of its own, code `none_of_these`, so a clinic can tell "denied urgent symptoms" from
  "not asked". It and the values that mean "not sure" or "not decided" carry FHIR's
  `questionnaire-optionExclusive` extension, so another form renderer cannot combine them with other answers.
- `notes` has `maxLength` 500 characters as a person counts them, as the form and the model count it
  (`logic.answers.text_length`: an emoji is one).
- The QuestionnaireResponse answers the Questionnaire's `url|version`, with the same groups. An empty note, or
  one of only spaces, is left out, as FHIR asks, and reads back as no note; an empty list is the answer
  `none_of_these`. Nothing identifies the person: there is no subject, author or id.
"""

import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Any

import pydantic

from logic.answers import (
    NOTES_MAX_LENGTH,
    STANDALONE_VALUES,
    STEP_FIELDS,
    Answers,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    needs_one,
)
from logic.content import Content, default_content
from logic.errors import AnswersError, answer_problems, bounded, shown
from logic.vocab import Field, Step

_BASE = "https://example.invalid/fhir"  # .invalid never resolves: these name things, they are not addresses
QUESTIONNAIRE_ID = "glutathione-acne-scars"
QUESTIONNAIRE_NAME = "GlutathioneAcneScars"
QUESTIONNAIRE_URL = f"{_BASE}/Questionnaire/{QUESTIONNAIRE_ID}"
CODE_SYSTEM_BASE = f"{_BASE}/CodeSystem/{QUESTIONNAIRE_ID}"
NONE_OF_THESE = "none_of_these"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"


def code_system(field: Field) -> str:
    """The code system of one choice question's answer values."""
    return f"{CODE_SYSTEM_BASE}/{field}"


def is_required(field: Field) -> bool:
    """Every question must be answered except the note, as in the form ("None of these" is an answer)."""
    return not is_text(field)


def takes_none_of_these(field: Field) -> bool:
    """The lists a person may answer with "None of these"."""
    return is_multi(field) and not needs_one(field)


def _exclusive(field: Field) -> set[str]:
    """The codes that must stand alone in this question's answer."""
    alone = STANDALONE_VALUES.get(field)
    return {NONE_OF_THESE} if takes_none_of_these(field) else {str(alone)} if alone else set()


def item_type(field: Field) -> str:
    if is_yes_no(field):
        return "boolean"
    if is_text(field):
        return "text"
    return "choice"


# --- The questions. --------------------------------------------------------------------------------------


def questionnaire(content: Content | None = None) -> dict[str, Any]:
    """The questionnaire as a FHIR R4 `Questionnaire` resource."""
    content = content or default_content()
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "language": content.language.code,
        "url": QUESTIONNAIRE_URL,
        "version": content.general.content_version,
        "name": QUESTIONNAIRE_NAME,
        "title": content.ui.app_title,
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {
                "linkId": str(step),
                "text": content.questions.steps[step].title,
                "type": "group",
                "item": [_question(field, content) for field in fields],
            }
            for step, fields in STEP_FIELDS.items()
        ],
    }


def _question(field: Field, content: Content) -> dict[str, Any]:
    item: dict[str, Any] = {
        "linkId": str(field),
        "text": content.field_label(field),
        "type": item_type(field),
        "required": is_required(field),
    }
    if is_multi(field):
        item["repeats"] = True
    if is_text(field):
        item["maxLength"] = NOTES_MAX_LENGTH
    options = field_options(field)
    if options:
        exclusive = _exclusive(field)
        codings = [_coding(field, value, content) for value in options]
        if takes_none_of_these(field):
            codings.append(_none_of_these(field, content))
        item["answerOption"] = [
            {"valueCoding": coding, **({"extension": [_EXCLUSIVE]} if coding["code"] in exclusive else {})}
            for coding in codings
        ]
    return item


_EXCLUSIVE = {"url": OPTION_EXCLUSIVE, "valueBoolean": True}


def _coding(field: Field, value: StrEnum, content: Content) -> dict[str, str]:
    return {"system": code_system(field), "code": str(value), "display": content.option_label(field, value)}


def _none_of_these(field: Field, content: Content) -> dict[str, str]:
    label = content.questions.fields[field].none_label
    return {"system": code_system(field), "code": NONE_OF_THESE, "display": str(label)}


# --- One person's answers. -------------------------------------------------------------------------------


def questionnaire_response(
    answers: Answers, content: Content | None = None, authored: date | None = None
) -> dict[str, Any]:
    """`answers` as a FHIR R4 `QuestionnaireResponse` to the `questionnaire()`; `authored` is the day only."""
    content = content or default_content()
    groups = []
    for step, fields in STEP_FIELDS.items():
        items = [item for field in fields if (item := _answered(field, answers, content))]
        if items:
            groups.append({"linkId": str(step), "text": content.questions.steps[step].title, "item": items})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": content.language.code,
        "questionnaire": f"{QUESTIONNAIRE_URL}|{content.general.content_version}",
        "status": "completed",
    }
    if authored is not None:
        resource["authored"] = authored.isoformat()
    resource["item"] = groups
    return resource


def _answered(field: Field, answers: Answers, content: Content) -> dict[str, Any] | None:
    values = answers.values_of(field)
    if is_text(field):
        values = tuple(v for v in values if v.strip())  # a note of only spaces says nothing, and FHIR refuses it
        if not values:
            return None
    answer = [_value(field, value, content) for value in values] or [{"valueCoding": _none_of_these(field, content)}]
    return {"linkId": str(field), "text": content.field_label(field), "answer": answer}


def _value(field: Field, value: Any, content: Content) -> dict[str, Any]:
    if is_yes_no(field):
        return {"valueBoolean": value}
    if is_text(field):
        return {"valueString": value}
    return {"valueCoding": _coding(field, value, content)}


def bundle(answers: Answers, content: Content | None = None, authored: date | None = None) -> dict[str, Any]:
    """A `collection` Bundle holding the Questionnaire and the person's QuestionnaireResponse to it."""
    content = content or default_content()
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": questionnaire(content)},
            {"resource": questionnaire_response(answers, content, authored)},
        ],
    }


# --- Reading a response back. ----------------------------------------------------------------------------


_VALUE_KEY = {"boolean": "valueBoolean", "text": "valueString", "choice": "valueCoding"}
_GROUPS = frozenset(str(s) for s in Step)
_FIELDS = frozenset(str(f) for f in Field)


def answers_from_response(resource: Any) -> Answers:
    """The `Answers` in a QuestionnaireResponse made by `questionnaire_response`.

    Raises AnswersError with one readable line per problem; nothing else escapes, whatever the input.
    """
    if not isinstance(resource, dict) or resource.get("resourceType") != "QuestionnaireResponse":
        raise AnswersError(
            ['not a FHIR QuestionnaireResponse: expected an object with "resourceType": "QuestionnaireResponse"']
        )
    canonical = resource.get("questionnaire")
    if not isinstance(canonical, str) or canonical.split("|", 1)[0] != QUESTIONNAIRE_URL:
        raise AnswersError([f"the response answers another questionnaire; expected {QUESTIONNAIRE_URL}"])

    problems: list[str] = []
    found: dict[Field, list[Any]] = {}
    seen: set[Field] = set()
    for link_id, answers in _items(resource.get("item", []), problems):
        field = Field(link_id)
        if field in seen:
            problems.append(f"{field}: answered more than once in the response")
            continue
        seen.add(field)
        values = [v for answer in answers if (v := _read_value(field, answer, problems)) is not _NO_VALUE]
        if not is_multi(field) and len(values) > 1:
            problems.append(f"{field}: takes one answer; the response gives {len(values)}")
        if takes_none_of_these(field) and NONE_OF_THESE in values:
            if len(values) > 1:
                problems.append(f"{field}: {NONE_OF_THESE} cannot be combined with other answers")
            continue  # "None of these" is the empty list, as it is when the item is missing
        if values:
            found[field] = values
    if problems:
        raise AnswersError(bounded(problems))

    data: dict[str, Any] = {}
    for field in Field:
        if field in found:
            data[field] = found[field] if is_multi(field) else found[field][0]
        elif is_multi(field) and not needs_one(field):
            data[field] = []
    try:
        return Answers.model_validate(data)
    except pydantic.ValidationError as error:
        raise AnswersError(answer_problems(error)) from None


_NO_VALUE = object()


def _items(items: Any, problems: list[str], in_group: bool = False) -> Iterator[tuple[str, list[Any]]]:
    """(linkId, answers) of every question item, at the top or in a group of the top. A group inside a group is
    no question: it is told as "not a question this questionnaire asks", as any other unknown linkId is."""
    if not isinstance(items, list):
        problems.append("item: expected a list of items")
        return
    for item in items:
        link_id = item.get("linkId") if isinstance(item, dict) else None
        if not isinstance(link_id, str):
            problems.append(f"item {shown(item)}: needs a linkId naming a question")
        elif link_id in _GROUPS and not in_group:
            yield from _items(item.get("item", []), problems, in_group=True)
        elif link_id in _FIELDS:
            answers = item.get("answer", [])
            if isinstance(answers, list):
                yield link_id, answers
            else:
                problems.append(f"{link_id}: answer must be a list")
        else:
            problems.append(f"item {shown(link_id)}: not a question this questionnaire asks")


def _read_value(field: Field, answer: Any, problems: list[str]) -> Any:
    key = _VALUE_KEY[item_type(field)]
    value = answer.get(key, _NO_VALUE) if isinstance(answer, dict) else _NO_VALUE
    if key == "valueCoding":
        if not isinstance(value, dict) or value.get("system") != code_system(field):
            problems.append(f"{field}: each answer needs a valueCoding from {code_system(field)}")
            return _NO_VALUE
        value = value.get("code", _NO_VALUE)
    if value is _NO_VALUE:
        problems.append(f"{field}: each answer needs a {key}")
    return value


MAX_FHIR_BYTES = 1024 * 1024  # the Bundle `bundle` makes is about 50 KB, its QuestionnaireResponse about 9 KB


def answers_from_fhir(data: str | bytes, source: str | None = None) -> Answers:
    """The `Answers` in FHIR JSON text: a QuestionnaireResponse to the `questionnaire()`, or a Bundle holding
    exactly one (as `bundle` makes). What a clinic's FHIR form tool saves comes in through here.

    Raises AnswersError naming `source`, with one readable line per problem; nothing else escapes."""
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > MAX_FHIR_BYTES:
        raise AnswersError([f"the FHIR text is {size:,} bytes long; it may be at most {MAX_FHIR_BYTES:,}"], source)
    try:
        resource = json.loads(data)
    except RecursionError:
        raise AnswersError(["the FHIR text is nested too deep to be a QuestionnaireResponse"], source) from None
    except ValueError as error:  # UnicodeDecodeError too: bytes that are not UTF-8
        raise AnswersError([f"the FHIR text is not valid JSON ({error})"], source) from None
    if isinstance(resource, dict) and resource.get("resourceType") == "Bundle":
        entries = resource.get("entry")
        responses = [
            entry["resource"]
            for entry in (entries if isinstance(entries, list) else [])
            if isinstance(entry, dict)
            and isinstance(entry.get("resource"), dict)
            and entry["resource"].get("resourceType") == "QuestionnaireResponse"
        ]
        if len(responses) != 1:
            raise AnswersError(
                [f"a Bundle must hold exactly one QuestionnaireResponse; this one holds {len(responses)}"], source
            )
        resource = responses[0]
    try:
        return answers_from_response(resource)
    except AnswersError as error:
        raise AnswersError(error.problems, source) from None

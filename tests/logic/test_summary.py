"""logic/summary.py: the summary's value objects: frozen, strict about their keys, and shaped as the
contract's summary (version 3) says, which their JSON carries whole."""

import pydantic
import pytest
from hypothesis import given

from logic import Summary, evaluate
from logic.summary import FlagResult, Frozen, MarkResult, PlanEntry, Reference, SectionResult, Trigger
from tests import strategies
from tests.factories import EVERYTHING, make_answers

# The keys the contract names for each part of a summary (its section "The summary").
CONTRACT = {
    Summary: {
        "level",
        "next_step",
        "plan",
        "flags",
        "marks",
        "article",
        "questions_for_provider",
        "references",
        "disclaimer",
        "content_version",
    },
    FlagResult: {"id", "level", "when", "title", "reason", "action", "triggered_by", "sources", "source"},
    PlanEntry: {"route", "advice", "title", "reason", "sources"},
    Trigger: {"field", "value"},
    MarkResult: {"mark", "glutathione_fit", "description", "what_works", "sources"},
    SectionResult: {"section", "article_says", "evidence", "evidence_meaning", "evidence_note", "sources"},
    Reference: {"id", "citation", "kind", "url", "checked"},
}
FULL = evaluate(make_answers(**EVERYTHING))


@pytest.mark.parametrize("model", CONTRACT, ids=lambda model: model.__name__)
def test_each_part_carries_every_key_the_contract_names(model):
    assert CONTRACT[model] <= set(model.model_fields)


def test_a_full_summary_s_json_has_every_part_the_contract_names():
    data = FULL.model_dump(mode="json")
    assert CONTRACT[Summary] <= set(data)
    assert data["plan"] and data["flags"] and data["marks"] and data["article"] and data["references"]
    parts = (("plan", PlanEntry), ("flags", FlagResult), ("marks", MarkResult), ("article", SectionResult))
    for part, model in parts:
        assert all(CONTRACT[model] <= set(item) for item in data[part]), part
    assert all(CONTRACT[Trigger] == set(t) for flag in data["flags"] for t in flag["triggered_by"])
    assert all(CONTRACT[Reference] <= set(r) for r in data["references"])


@given(strategies.answers())
def test_the_summary_json_round_trips(answers):
    summary = evaluate(answers)
    assert Summary.model_validate_json(summary.model_dump_json()) == summary


def test_every_part_is_frozen_and_refuses_keys_it_does_not_have():
    flag = FULL.flags[0]
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        flag.title = "changed"
    with pytest.raises(pydantic.ValidationError, match="extra"):
        FlagResult.model_validate({**flag.model_dump(), "colour": "red"})
    assert all(issubclass(model, Frozen) for model in CONTRACT)

"""Hypothesis strategies for answers, shared by every property test (attrs' tests/strategies.py pattern)."""

from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from logic import Answers
from logic.answers import (
    NOTES_MAX_LENGTH,
    STANDALONE_VALUES,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    needs_one,
    text_length,
)
from logic.vocab import Field


def distinct(values: tuple[StrEnum, ...], *, min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True, min_size=min_size).map(lambda vs: [str(v) for v in vs])


def several(field: Field) -> st.SearchStrategy[list[str]]:
    """A valid list answer: distinct values, non-empty where required, a standalone value on its own."""
    options = field_options(field)
    alone = STANDALONE_VALUES.get(field)
    if alone is None:
        return distinct(options, min_size=1 if needs_one(field) else 0)
    others = tuple(v for v in options if v is not alone)
    return st.one_of(st.just([str(alone)]), distinct(others, min_size=1))


notes = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cc", "Cs")), st.sampled_from("\n\t")),
    max_size=NOTES_MAX_LENGTH,
).filter(lambda text: text_length(text) <= NOTES_MAX_LENGTH)


def value_for(field: Field) -> st.SearchStrategy[Any]:
    if is_yes_no(field):
        return st.booleans()
    if is_text(field):
        return notes
    if is_multi(field):
        return several(field)
    return st.sampled_from([str(v) for v in field_options(field)])


@st.composite
def answer_dicts(draw: st.DrawFn, **fixed: Any) -> dict[str, Any]:
    """Valid answers as the JSON-shaped dict a file or the form would hold; `fixed` pins some fields."""
    return {str(f): fixed[str(f)] if str(f) in fixed else draw(value_for(f)) for f in Field}


def answers(**fixed: Any) -> st.SearchStrategy[Answers]:
    return answer_dicts(**fixed).map(Answers.model_validate)

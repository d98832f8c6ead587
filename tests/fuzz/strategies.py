"""Hostile inputs for the answers parser: arbitrary JSON, near-valid answers, and inputs too big or too deep.

Big inputs are built from a drawn size and a drawn element rather than drawn byte by byte, so Hypothesis can
reach 70 KB strings and 30,000-deep nesting without tripping its own size limits.
"""

import json
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from logic.answers import NOTES_MAX_LENGTH, field_options
from logic.parse import MAX_ANSWERS_BYTES
from logic.vocab import Field
from tests.strategies import answer_dicts

FIELD_NAMES = [str(f) for f in Field]
VOCABULARY = sorted({str(v) for f in Field for v in field_options(f) if isinstance(v, StrEnum)})

# Strings people and programs actually send: real answer values and field names, look-alikes, and junk.
words = st.one_of(
    st.sampled_from(VOCABULARY + FIELD_NAMES),
    st.sampled_from(VOCABULARY).map(str.upper),
    st.text(max_size=20),
    st.sampled_from(["", " ", "\n", "\x00", "\ud800", "\u202e", "null", "true", "[]", "{}", "é" * 3]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=False, allow_infinity=False),
    words,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6), st.dictionaries(st.one_of(words, st.text()), children, max_size=6)
    ),
    max_leaves=25,
)


@st.composite
def one_field_replaced(draw: st.DrawFn) -> dict[str, Any]:
    """Valid answers with one field replaced by arbitrary JSON, dropped, or joined by an unknown key."""
    data = draw(answer_dicts())
    field = draw(st.sampled_from(FIELD_NAMES))
    change = draw(st.sampled_from(["replace", "drop", "extra", "list_of"]))
    if change == "replace":
        data[field] = draw(json_values)
    elif change == "drop":
        data.pop(field)
    elif change == "extra":
        data[draw(st.one_of(words, st.text()).filter(lambda k: k not in FIELD_NAMES))] = draw(json_values)
    else:
        data[field] = draw(st.lists(json_values, max_size=5))
    return data


@st.composite
def huge_arrays(draw: st.DrawFn) -> str:
    """One field holding thousands of items: valid values repeated, junk, or nested lists."""
    data = draw(answer_dicts())
    item = draw(st.one_of(st.sampled_from(VOCABULARY), scalars, st.just([])))
    budget = MAX_ANSWERS_BYTES * 2 // max(len(json.dumps(item)) + 2, 3)
    data[draw(st.sampled_from(FIELD_NAMES))] = [item] * draw(st.integers(1_000, max(1_000, budget)))
    return json.dumps(data)


@st.composite
def deep_nesting(draw: st.DrawFn) -> str:
    """Lists or objects nested up to 30,000 deep, bare or as the value of a real field."""
    depth = draw(st.integers(10, 30_000))
    opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('{"marks":[', "]}")]))
    inner = draw(st.sampled_from(["", "1", '"brown_marks"', "null"]))
    if opening.startswith("{") and not inner:
        inner = "1"
    nested = opening * depth + inner + closing * depth
    if draw(st.booleans()):
        data = json.dumps(draw(answer_dicts()))
        field = draw(st.sampled_from(FIELD_NAMES))
        return data.replace(f'"{field}": ', f'"{field}": {nested}, "x{field}": ', 1)
    return nested


@st.composite
def huge_strings(draw: st.DrawFn) -> str:
    """A string of up to 70,000 characters in the notes, in another field, as a key, or alone."""
    text = draw(st.characters()) * draw(st.integers(NOTES_MAX_LENGTH + 1, 70_000))
    data = draw(answer_dicts())
    where = draw(st.sampled_from(["notes", "field", "key", "alone"]))
    if where == "alone":
        return json.dumps(text)
    if where == "key":
        data[text] = 1
    else:
        data["notes" if where == "notes" else draw(st.sampled_from(FIELD_NAMES))] = text
    return json.dumps(data, ensure_ascii=draw(st.booleans()))


@st.composite
def broken_bytes(draw: st.DrawFn) -> bytes:
    """Not UTF-8, or valid answers with bytes spliced in, cut short, or in another encoding."""
    kind = draw(st.sampled_from(["binary", "splice", "truncate", "encoding", "bom"]))
    if kind == "binary":
        return draw(st.binary(max_size=200))
    data = json.dumps(draw(answer_dicts()), ensure_ascii=False).encode()
    if kind == "splice":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if kind == "encoding":
        return data.decode().encode(
            draw(st.sampled_from(["utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252"])), "replace"
        )
    return b"\xef\xbb\xbf" + data


@st.composite
def edited_text(draw: st.DrawFn) -> str:
    """Valid answers' JSON with a few characters inserted, deleted or swapped: nearly-JSON text."""
    text = json.dumps(draw(answer_dicts()))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(['"', ",", "[", "]", "{", "}", ":", "\\", "\\u", "\n", "\x00", "NaN"]))
        text = draw(st.sampled_from([text[:at] + piece + text[at:], text[:at] + text[at + 1 :]]))
    return text


def as_input(value: Any) -> st.SearchStrategy[str | bytes]:
    """A JSON value sent as text or as bytes, compact or indented, ASCII or not."""

    def encode(indent: int | None, ascii_only: bool, as_bytes: bool) -> str | bytes:
        text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
        return text.encode("utf-8", "surrogatepass") if as_bytes else text

    return st.builds(encode, st.sampled_from([None, 2]), st.booleans(), st.booleans())


hostile_inputs = st.one_of(
    json_values.flatmap(as_input),
    one_field_replaced().flatmap(as_input),
    huge_arrays(),
    deep_nesting(),
    huge_strings(),
    broken_bytes(),
    edited_text(),
    st.text(),
)

"""One function per kind of question; each draws its widgets from content and copies answers to the draft."""

import streamlit as st

from logic import Content, ProblemKind
from logic.answers import (
    NOTES_MAX_LENGTH,
    STANDALONE_VALUES,
    dont_know,
    field_options,
    is_multi,
    is_text,
    is_yes_no,
    text_length,
)
from logic.partial import Problem, suggest_skin_type
from logic.vocab import Field, Mark, SkinType

from . import state
from .illustrations import drawing


def question(field: Field, content: Content) -> None:
    text = content.questions.fields[field]
    st.markdown(f"**{text.label}**")
    st.caption(text.help)
    problem = state.problems().get(field)
    if problem:  # above the answers, so that it shows with the question when Next brings the question into view
        st.error(problem_text(field, problem, content), icon="⚠️")
    if field is Field.MARKS:
        _marks(content)
    elif is_multi(field):
        _checkboxes(field, content)
    elif is_text(field):
        _notes(field, content)
    else:
        _radio(field, content)
    state.sync(field)
    if field is Field.SKIN_TYPE:
        _skin_type_helper(content)
        _redraw_in_a_new_tone()


def problem_text(field: Field, problem: Problem, content: Content) -> str:
    """The message shown beside a question that can't be left as it is: which, and why."""
    words = content.ui.validation
    fallback = dont_know(field)
    fallback_label = content.option_label(field, fallback) if fallback else None
    if problem.kind in (ProblemKind.MISSING, ProblemKind.TOO_FEW):
        none_label = content.questions.fields[field].none_label
        if none_label:
            template, fallback_label = words.choose_any, none_label
        elif is_multi(field):
            template = words.choose_some if fallback_label else words.choose_some_plain
        else:
            template = words.choose_one if fallback_label else words.choose_one_plain
        return f"{template.format(fallback=fallback_label)} {words.why}"
    if problem.kind is ProblemKind.NOT_ALONE:
        return words.alone.format(value=content.option_label(field, STANDALONE_VALUES[field]))
    if problem.kind is ProblemKind.TOO_LONG:
        length = text_length(state.draft().get(field, ""))
        return words.notes_too_long.format(length=length, limit=NOTES_MAX_LENGTH)
    if problem.kind is ProblemKind.CONTROL_CHARACTER:
        return words.notes_control
    return problem.message


def _radio(field: Field, content: Content) -> None:
    key = state.widget_key(field)
    options = [True, False] if is_yes_no(field) else [str(v) for v in field_options(field)]
    state.seed_widget(key, state.draft().get(field))
    st.radio(
        content.field_label(field),
        options,
        index=None,
        format_func=lambda value: content.option_label(field, value),
        key=key,
        on_change=state.store,
        args=(field,),
        label_visibility="collapsed",
    )


def _checkboxes(field: Field, content: Content) -> None:
    text = content.questions.fields[field]
    chosen = state.draft().get(field)
    options = [str(v) for v in field_options(field)]
    for option in options:
        _checkbox(field, option, content.option_label(field, option), chosen)
    if text.none_label:
        _checkbox(field, state.NONE_OPTION, text.none_label, chosen)


def _checkbox(field: Field, option: str, label: str, chosen: list[str] | None) -> None:
    key = state.widget_key(field, option)
    if chosen is not None:
        state.seed_widget(key, option in chosen if option != state.NONE_OPTION else not chosen)
    st.checkbox(label, key=key, on_change=state.toggle, args=(field, option), wrap=True)


def skin_tone() -> SkinType | None:
    """The skin type the person chose, for drawing marks in a tone like theirs; None before they choose."""
    try:
        return SkinType(state.draft()[Field.SKIN_TYPE])
    except (KeyError, ValueError):
        return None


def _redraw_in_a_new_tone() -> None:
    """Each question redraws only its own block: when the skin type changes, draw the page again so that the
    mark drawings below take the new tone."""
    tone = skin_tone()
    if state.session().get(state.TONE, tone) != tone:
        state.session()[state.TONE] = tone
        st.rerun(scope="app")
    state.session()[state.TONE] = tone


def _marks(content: Content) -> None:
    """Mark types are hard to name: each choice has a drawing and a line on how to recognise it, together."""
    chosen = state.draft().get(Field.MARKS)
    marks = list(Mark)
    for row in range(0, len(marks), 4):
        columns = st.columns(4)
        for column, mark in zip(columns, marks[row : row + 4], strict=False):
            with column, st.container(border=True):
                picture = drawing(mark, skin_tone())
                st.image(picture.svg, alt=picture.alt, width=240)
                _checkbox(Field.MARKS, str(mark), content.option_label(Field.MARKS, mark), chosen)
                st.caption(content.marks[mark].recognise)


def _notes(field: Field, content: Content) -> None:
    """The note, with its length under it as a person counts it. While typing, the browser keeps the count
    and stops the note at the limit, saying so when a paste is cut (ui/watch.py); a longer note that arrives
    some other way (a page without scripts) is told its length at once, and Next asks to shorten it."""
    key = state.widget_key(field)
    state.seed_widget(key, state.draft().get(field))
    words = content.ui.validation
    st.text_area(
        content.field_label(field),
        key=key,
        on_change=state.store,
        args=(field,),
        label_visibility="collapsed",
    )
    length = text_length(state.draft().get(field, ""))
    if length > NOTES_MAX_LENGTH and field not in state.problems():
        st.warning(words.notes_too_long.format(length=length, limit=NOTES_MAX_LENGTH), icon="✂️")
    else:
        with st.container(key="notes-count"):  # ui/watch.py counts here as the person types
            st.caption(words.notes_limit.format(length=length, limit=NOTES_MAX_LENGTH))


def _skin_type_helper(content: Content) -> None:
    helper = content.questions.skin_type_helper
    with st.expander(helper.title):
        st.write(helper.intro)
        picked = []
        for name, part in (("burn", helper.burn), ("tan", helper.tan), ("colour", helper.colour)):
            options = list(part.options)
            choice = st.radio(
                part.label,
                options,
                index=None,
                format_func=lambda value, part=part: part.options[value],
                key=f"{state.HELPER}{name}",
            )
            picked.append(SkinType(choice) if choice else None)
        suggested = suggest_skin_type(*picked)
        if any(picked) and suggested is not SkinType.NOT_SURE:
            label = content.option_label(Field.SKIN_TYPE, suggested)
            st.info(content.ui.helper.suggestion.format(skin_type=label), icon="💡")
            st.button(
                content.ui.helper.use,
                key=f"{state.HELPER}use",
                on_click=state.use_skin_type,
                args=(suggested,),
            )

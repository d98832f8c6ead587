"""The pages: welcome, one page per step, review, summary. Rendering only; the rules live in `logic`."""

import json
from datetime import date

import pydantic
import streamlit as st

from logic import Answers, Content, Summary, evaluate, render_markdown, render_pdf
from logic.answers import STEP_FIELDS
from logic.fhir import bundle
from logic.markdown import triggers_text
from logic.partial import early_flags, field_problems
from logic.vocab import Field, Level, Step

from . import state
from .downloads import TakeAway, offer
from .illustrations import drawing
from .questions import question

ALERT = {Level.URGENT: st.error, Level.CONSULT: st.warning, Level.NOTE: st.info, Level.NONE: st.success}
TOTAL_STEPS = len(state.STEPS) + 1  # the question pages and the review page


def welcome(content: Content) -> None:
    words = content.ui.welcome
    st.title(content.ui.app_title)
    st.write(content.ui.tagline)
    st.write(words.what_it_is)
    st.info(words.what_it_is_not, icon="ℹ️")
    st.success(words.privacy, icon="🔒")
    st.write(words.duration)
    st.button(words.start, type="primary", key="start", on_click=state.go, args=(state.STEPS[0],))
    files = content.ui.files
    with st.expander(files.resume_title, expanded=bool(state.state().get(state.RESUME_PROBLEMS))):
        st.write(files.resume_help)
        st.file_uploader(files.resume_label, type=["json"], key=state.uploader_key(), on_change=state.resume)
        problems = state.state().get(state.RESUME_PROBLEMS)
        if problems:
            st.error(files.resume_failed, icon="⚠️")
            for problem in problems:
                st.text(problem)


def _progress(number: int, title: str, content: Content) -> None:
    text = content.ui.nav.progress.format(number=number, total=TOTAL_STEPS, title=title)
    st.progress(number / TOTAL_STEPS, text=text)


def step(current: Step, content: Content) -> None:
    words = content.questions.steps[current]
    _progress(state.STEPS.index(current) + 1, words.title, content)
    st.header(words.title)
    _reminders(current, content)
    st.write(words.intro)
    state.state()[state.HEADING] = bool(state.problems())
    if state.problems():
        st.error(content.ui.validation.heading, icon="⚠️")
    for field in STEP_FIELDS[current]:
        _question_block(field, current, content)
    nav = content.ui.nav
    back, forward = st.columns(2)
    back.button(nav.back, key="back", on_click=state.back_from, args=(current,), use_container_width=True)
    is_last = current is state.STEPS[-1]
    forward.button(
        nav.back_to_review if state.state().get(state.FROM_REVIEW) else nav.review if is_last else nav.next,
        key="next",
        type="primary",
        on_click=state.next_from,
        args=(current,),
        use_container_width=True,
    )


@st.fragment
def _question_block(field: Field, current: Step, content: Content) -> None:
    """One question and, under it, any urgent message its answer raises. Answering it redraws only this block.

    Nothing else on a step depends on one answer except the page's "please check" heading: once the last
    problem on the page is answered, the whole page is drawn again so that the heading goes too.
    """
    with st.container(border=True):
        question(field, content)
        _urgent_now(field, content)
    if state.state().get(state.HEADING) and not state.problems():
        st.rerun(scope="app")


def _reminders(current: Step, content: Content) -> None:
    """A short reminder, at the top of each later page, of every urgent answer given on an earlier one."""
    earlier = {f for step in state.STEPS[: state.STEPS.index(current)] for f in STEP_FIELDS[step]}
    for flag in early_flags(state.draft(), content):
        if flag.level is Level.URGENT and all(t.field in earlier for t in flag.triggered_by):
            what = content.general.next_step[flag.when].label
            st.warning(content.ui.nav.reminder.format(title=flag.title, what=what), icon="🚨")


def _urgent_now(field: Field, content: Content) -> None:
    """An urgent answer shows what to do straight away, under the question; the person may still go on.

    A flag that needs two answers (isotretinoin with a pregnancy) is shown once, under the later of its
    questions. Each question redraws only its own block, so when the set of urgent flags changes, the whole
    page is drawn again: the message then appears, or goes, under the right question whichever was answered
    last."""
    urgent = [flag for flag in early_flags(state.draft(), content) if flag.level is Level.URGENT]
    firing = frozenset(flag.id for flag in urgent)
    if state.state().get(state.URGENT) != firing:
        state.state()[state.URGENT] = firing
        st.rerun(scope="app")
    order = list(Field)
    for flag in urgent:
        if field == max((t.field for t in flag.triggered_by), key=order.index):
            st.error(f"**{flag.title}**\n\n{flag.action}\n\n{flag.reason}", icon="🚨")


def _answers(content: Content) -> Answers | None:
    try:
        return Answers.model_validate(state.draft())
    except pydantic.ValidationError:
        missing = field_problems(state.draft(), list(Field))
        first = next(s for s in state.STEPS if any(f in missing for f in STEP_FIELDS[s]))
        st.warning(content.ui.validation.heading, icon="⚠️")
        st.button(content.questions.steps[first].title, key="fix", on_click=state.go, args=(first,))
        return None


def review(content: Content) -> None:
    words = content.ui.review
    _progress(TOTAL_STEPS, words.title, content)
    st.header(words.title)
    st.write(words.intro)
    answers = _answers(content)
    if answers is None:
        return
    for current in state.STEPS:
        with st.container(border=True):
            title, change = st.columns([4, 1], vertical_alignment="center")
            title.subheader(content.questions.steps[current].title)
            change.button(content.ui.nav.edit, key=f"edit:{current}", on_click=state.change, args=(current,))
            for field in STEP_FIELDS[current]:
                st.markdown(f"**{content.field_label(field)}**")
                if field is Field.NOTES:
                    st.text(answers.notes or content.ui.summary.no_notes)
                else:
                    st.write(content.answer_text(answers, field))
    back, forward = st.columns(2)
    back.button(content.ui.nav.back, key="back", on_click=state.go, args=(state.STEPS[-1],), use_container_width=True)
    forward.button(
        content.ui.nav.see_summary,
        key="next",
        type="primary",
        on_click=state.go,
        args=(state.Page.SUMMARY,),
        use_container_width=True,
    )


def summary(content: Content) -> None:
    answers = _answers(content)
    if answers is None:
        return
    result = evaluate(answers, content)
    words, general = content.ui.summary, content.general
    st.title(words.title)
    st.write(words.intro)
    overall = general.levels[result.level]
    ALERT[result.level](f"**{words.overall}: {overall.label}**\n\n{overall.headline}", icon=overall.icon)
    _downloads(result, answers, content)

    st.header(words.flags)
    if not result.flags:
        st.write(words.no_flags)
    for level in (Level.URGENT, Level.CONSULT, Level.NOTE):
        group = [f for f in result.flags if f.level is level]
        if group:
            st.subheader(f"{general.levels[level].icon} {general.levels[level].label}")
        for flag in group:
            with st.container(border=True):
                text = f"**{flag.title}**\n\n{flag.reason}\n\n**{words.action}:** {flag.action}"
                ALERT[level](text, icon=general.levels[level].icon)
                with st.expander(words.why_seeing):
                    st.write(triggers_text(flag, content))
                    st.caption(f"{words.source}: {flag.source}")

    st.header(words.marks)
    for mark in result.marks:
        fit = general.fit[mark.glutathione_fit]
        with st.container(border=True):
            picture, text = st.columns([1, 2])
            image = drawing(mark.mark)
            picture.image(image.svg, alt=image.alt, width="stretch")
            with text:
                st.subheader(mark.name)
                st.write(mark.description)
                st.markdown(f"**{words.glutathione}: {fit.icon} {fit.label}.** {mark.glutathione}")
                st.markdown(f"**{words.what_works}:** {mark.what_works}")
                st.caption(f"{words.sources}: {content.sources_line(mark.sources)}")

    st.header(words.article)
    st.write(words.article_intro)
    for section in result.article:
        grade = general.evidence[section.evidence]
        # One line per claim with its grade in words, opened for the detail: scannable on a phone.
        with st.expander(f"{grade.icon} **{section.title}** — {words.evidence}: {grade.label}"):
            st.markdown(f"**{words.article_says}:** {section.article_says}")
            st.markdown(f"**{words.evidence}: {grade.icon} {grade.label}.** {section.verdict}")
            st.write(section.evidence_note)
            st.caption(f"{words.source}: {content.sources_line(section.sources)}")
            st.caption(f"{words.shown_because}: {' '.join(section.why_shown)}")

    st.header(words.questions)
    st.markdown("\n".join(f"{n}. {q}" for n, q in enumerate(result.questions_for_provider, 1)))

    st.header(words.about)
    st.write(result.disclaimer)
    st.caption(f"{words.content_version}: {result.content_version}")
    _downloads(result, answers, content, key="bottom")
    st.button(content.ui.nav.start_over, key="start_over", on_click=state.start_over)


def _downloads(result: Summary, answers: Answers, content: Content, key: str = "top") -> None:
    """Everything to take away, made in memory only when its button is clicked, once per set of answers
    (ui/downloads.py says how the files are kept to this person)."""
    words, files = content.ui.summary, content.ui.files
    today = date.today()
    offered = (
        TakeAway(
            "pdf",
            files.download_pdf,
            files.pdf_file,
            "application/pdf",
            "📄",
            lambda: render_pdf(result, answers, content, today=today),
            primary=True,
        ),
        TakeAway(
            "download",
            words.download_markdown,
            words.markdown_file,
            "text/markdown",
            "⬇️",
            lambda: render_markdown(result, answers, content, today=today),
        ),
        TakeAway(
            "save",
            files.save_answers,
            files.answers_file,
            "application/json",
            "💾",
            lambda: answers.model_dump_json(indent=2),
            help=files.save_help,
        ),
        TakeAway(
            "fhir",
            files.download_fhir,
            files.fhir_file,
            "application/fhir+json",
            "🏥",
            lambda: json.dumps(bundle(answers, content, authored=today), indent=2, ensure_ascii=False),
        ),
    )
    offer(offered, made_from=(answers, today), key=key)

"""The pages: welcome, one page per step, review, summary. Rendering only; the rules live in `logic`."""

import json
from datetime import date

import streamlit as st

from exports import bundle, render_markdown, render_pdf
from logic import Answers, Content, Summary, evaluate
from logic.answers import STEP_FIELDS
from logic.layout import Claim, FlagItem, Layout, layout
from logic.parse import FileLine
from logic.partial import early_flags, early_summary, finished, unfinished_step
from logic.summary import FlagResult, Reference
from logic.vocab import Field, Level, NextStep, ProblemKind, SkinType, Step, When

from . import keep, state
from .downloads import Refusals, TakeAway, offer
from .illustrations import drawing
from .questions import question

TOTAL_STEPS = len(state.STEPS) + 1  # the question pages and the review page


def welcome(content: Content) -> None:
    """What this is, then Start within the first screen of a phone; the details and a saved file below."""
    words = content.ui.welcome
    st.title(content.ui.app_title, anchor=False)
    st.write(content.ui.tagline)
    _review_notice(content)
    st.write(words.duration)
    st.error(f"**{words.emergency}** {content.ui.nav.emergency_call}", icon="🚨")  # before Start: who can't wait
    st.button(words.start, type="primary", key="start", on_click=state.go, args=(state.STEPS[0],))
    st.write(words.what_it_is)
    st.info(words.what_it_is_not, icon="ℹ️")
    st.success(words.privacy, icon="🔒")
    files = content.ui.files
    problems = state.session().get(state.RESUME_PROBLEMS)
    # The chooser is drawn only once its fold is open: opening it reruns the page (`on_change="rerun"`), so a
    # first page, where nearly everyone presses Start, does not pay for it. Open while a file's problems show.
    fold = st.expander(files.resume_title, expanded=bool(problems), key=state.RESUME_FOLD, on_change="rerun")
    if not fold.open:
        return
    with fold:
        st.write(files.resume_help)
        # No file types here: a wrong file is told in our words (Streamlit's own refusal is in English).
        st.file_uploader(files.resume_label, key=state.uploader_key(), on_change=state.resume)
        if problems:
            lines = [_file_problem(problem, content) for problem in problems]
            st.error(files.resume_failed + "\n\n" + "\n".join(f"- {line}" for line in lines), icon="⚠️")


def _file_problem(line: FileLine, content: Content) -> str:
    template = getattr(content.ui.files, line.problem)
    return template.format(question=content.field_label(line.field)) if line.field else template


def _progress(number: int, title: str, content: Content) -> None:
    text = content.ui.nav.progress.format(number=number, total=TOTAL_STEPS, title=title)
    st.progress(number / TOTAL_STEPS, text=text)


def step(current: Step, content: Content) -> None:
    words = content.questions.steps[current]
    _progress(state.STEPS.index(current) + 1, words.title, content)
    st.header(words.title, anchor=False)
    _reminders(content, before=current)
    st.write(words.intro)
    state.session()[state.PROBLEMS_HEADING_SHOWN] = bool(state.problems())
    if state.problems():
        st.error(_problems_heading(content), icon="⚠️")
    for field in STEP_FIELDS[current]:
        _question_block(field, content)
    nav = content.ui.nav
    is_last = current is state.STEPS[-1]
    forward, back = _nav_row()
    forward.button(
        nav.back_to_review if state.session().get(state.FROM_REVIEW) else nav.review if is_last else nav.next,
        key="next",
        type="primary",
        on_click=state.next_from,
        args=(current,),
        use_container_width=True,
    )
    back.button(nav.back, key="back", on_click=state.back_from, args=(current,), use_container_width=True)


def _nav_row():
    """Two columns for going on and going back: Back on the left as people expect, and first in the page, so
    that Tab meets them in the order they are seen; ui/style.py keeps them side by side on a phone too."""
    with st.container(key="nav"):
        back, forward = st.columns(2)
    return forward, back


def _question_block(field: Field, content: Content) -> None:
    """One question and, under it, any urgent message its answer raises. Answering it redraws only this block.

    Nothing else on a step depends on one answer except the page's "please check" heading: once the last
    problem on the page is answered, the whole page is drawn again so that the heading goes too.

    The note is the exception: a text box sends its text when it loses focus, which is usually a click on
    Next. Inside a block of its own that sends a redraw of the block, and Streamlit 1.67 drops the click that
    arrives with it; on the page as a whole, the two are run together and the click acts.
    """
    if field is Field.NOTES:
        _block(field, content)
    else:
        _own_block(field, content)


def _block(field: Field, content: Content) -> None:
    with st.container(border=True, key=f"question-{field}"):
        question(field, content)
        _urgent_now(field, content)
    keep.write(field)  # this block is redrawn on its own: the tab's copy of the draft must follow
    if state.session().get(state.PROBLEMS_HEADING_SHOWN) and not state.problems():
        st.rerun(scope="app")


_own_block = st.fragment(_block)


def _problems_heading(content: Content) -> str:
    """The page's banner after Next found problems: what kind they are (missing, too long, not allowed)."""
    words = content.ui.validation
    said = {
        ProblemKind.MISSING: words.heading,
        ProblemKind.TOO_FEW: words.heading,
        ProblemKind.TOO_LONG: words.heading_too_long,
    }
    kinds = {said.get(p.kind, words.heading_not_allowed) for p in state.problems().values()}
    return "\n\n".join(h for h in (words.heading, words.heading_too_long, words.heading_not_allowed) if h in kinds)


_PRESSING = (When.NOW, When.TODAY)  # an urgent answer that cannot wait for the end of the questionnaire


def _reminders(content: Content, before: Step | None = None) -> None:
    """At the top of each later page, the review included, every urgent answer given on an earlier page: one
    line each, and for those that cannot wait, in the urgent style, the emergency numbers and "What to do now"."""
    steps = state.STEPS[: state.STEPS.index(before)] if before else state.STEPS
    earlier = {f for step in steps for f in STEP_FIELDS[step]}
    flags = [
        flag
        for flag in early_flags(state.draft(), content)
        if flag.level is Level.URGENT and all(t.field in earlier for t in flag.triggered_by)
    ]
    nav = content.ui.nav
    steps = content.general.next_step
    lines = [nav.reminder.format(title=f.title, what=steps[f.when].for_flags([f.id]).label) for f in flags]
    pressing = [f for f in flags if f.when in _PRESSING]
    if not pressing:
        for line in lines:
            st.warning(line, icon="🚨")
        return
    call = [] if all(_own_help(f, content) for f in pressing) else [nav.emergency_call]
    with st.container(key="urgent-reminder"):
        st.error("\n\n".join([*lines, *call]), icon="🚨")
        st.button(nav.what_to_do_now, key="now:reminder", type="primary", on_click=state.what_to_do_now)


def _own_help(flag: FlagResult, content: Content) -> bool:
    """Whether the flag's action names its own help (a crisis line), so the emergency numbers do not go first."""
    return flag.id in content.general.next_step[flag.when].only


def _urgent_now(field: Field, content: Content) -> None:
    """An urgent answer shows what to do straight away, under the question; the person may still go on.

    A flag that needs two answers (isotretinoin with a pregnancy) is shown once, under the later of its
    questions. Each question redraws only its own block, so when such a message appears or goes under a
    question other than the one just answered, the whole page is drawn again; a message that belongs under
    the question just answered costs only that question's redraw."""
    order = list(Field)
    under = {
        flag.id: (flag, max((t.field for t in flag.triggered_by), key=order.index))
        for flag in early_flags(state.draft(), content)
        if flag.level is Level.URGENT
    }
    shown = {flag_id: place for flag_id, (_, place) in under.items()}
    before = state.session().get(state.URGENT, {})
    moved = {place for flag_id, place in {**before, **shown}.items() if before.get(flag_id) != shown.get(flag_id)}
    state.session()[state.URGENT] = shown
    if moved - {field}:
        st.rerun(scope="app")
    for flag, place in under.values():
        if place == field:
            # In its own box, which ui/style.py hides while a keyboard is still moving through the options.
            with st.container(key=f"urgent-{field}-{flag.id}"):
                if flag.when not in _PRESSING:
                    st.error(f"**{flag.title}**\n\n{flag.action}\n\n{flag.reason}", icon="🚨")
                    continue
                # Help now names the numbers first; care today after its own action, for if it gets worse.
                # What to do and the way to it come first, so they fit one phone screen; the reason follows.
                call = content.ui.nav.emergency_call
                if _own_help(flag, content):
                    parts = [flag.action]
                elif flag.when is When.NOW:
                    parts = [f"**{call}**", flag.action]
                else:
                    parts = [flag.action, call]
                st.error("\n\n".join([f"**{flag.title}**", *parts]), icon="🚨")
                # Inside the question's fragment: a click reruns only the fragment, so the page is redrawn here.
                if st.button(content.ui.nav.what_to_do_now, key=f"now:{field}:{flag.id}", type="primary"):
                    state.what_to_do_now()
                    st.rerun(scope="app")
                st.write(flag.reason)


def _answers(content: Content) -> Answers:
    """The finished answers; without them (Back after "Start over", say) the person is taken to a page they
    can use: the first step still to answer, or the welcome page when nothing is answered."""
    answers = finished(state.draft())
    if answers is None:
        state.go(unfinished_step(state.draft()) if state.draft() else state.Page.WELCOME)
        st.rerun()
    return answers


def review(content: Content) -> None:
    words = content.ui.review
    _progress(TOTAL_STEPS, words.title, content)
    st.header(words.title, anchor=False)
    answers = _answers(content)
    _reminders(content)
    st.write(words.intro)
    for current in state.STEPS:
        with st.container(border=True):
            title, change = st.columns([4, 1], vertical_alignment="center")
            title.subheader(content.questions.steps[current].title, anchor=False)
            change.button(content.ui.nav.edit, key=f"edit:{current}", on_click=state.change, args=(current,))
            for field in STEP_FIELDS[current]:
                st.markdown(f"**{content.field_label(field)}**")
                if field is Field.NOTES:
                    st.text(answers.notes or content.ui.summary.no_notes)
                else:
                    st.write(content.answer_text(answers, field))
    forward, back = _nav_row()
    forward.button(
        content.ui.nav.see_summary,
        key="next",
        type="primary",
        on_click=state.go,
        args=(state.Page.SUMMARY,),
        use_container_width=True,
    )
    back.button(content.ui.nav.back, key="back", on_click=state.go, args=(state.STEPS[-1],), use_container_width=True)


def now(content: Content) -> None:
    """What to do now, opened from an urgent message before the end: the summary's next-step box for the
    answers so far, then the way back to the questions, every answer kept."""
    nav = content.ui.nav
    result = early_summary(state.draft(), content)
    if str(result.next_step) not in _PRESSING:  # nothing urgent (Back after "Start over", say)
        state.go(state.session().get(state.RETURN_TO) or state.Page.WELCOME)
        st.rerun()
    st.title(nav.what_to_do_now, anchor=False)
    lay = layout(result, content)
    _next_step(lay)
    if not lay.next_step.emergency:  # the box for today names no number: say it here
        st.error(f"**{nav.emergency_call}**", icon="📞")
    st.write(nav.now_intro)
    st.button(nav.back_to_questions, key="back_to_questions", type="primary", on_click=state.back_to_questions)


def summary(content: Content) -> None:
    """The summary as the layout orders it (`logic/layout.py`): the next step first, details one click away."""
    answers = _answers(content)
    result = evaluate(answers, content)
    lay = layout(result, content).fold()
    words = content.ui.summary
    st.title(words.title, anchor=False)
    if lay.plan_first:  # nothing to act on: the answer to the person's own question opens the page
        _plan(lay)
    _next_step(lay)
    if lay.next_step.emergency and state.session().get(_REST_OPEN) != answers:
        # Help comes first: the rest waits behind one control, reachable by keyboard like any button.
        st.button(words.read_rest, key="read_rest", type="primary", on_click=_open_rest, args=(answers,))
        return  # the notice below waits too: help needed now comes first, with nothing beside it
    if state.session().pop(_REST_FOCUS, False):
        st.iframe(_FOCUS_REST, height=1)
    if not lay.plan_first:
        _plan(lay)
    _review_notice(content)
    _flags(lay)
    _marks(lay, answers.skin_type)
    _claims(lay)
    _questions(lay)
    st.header(words.downloads, anchor=False)
    _downloads(result, answers, content)
    with st.expander(words.sources):
        st.markdown("\n".join(f"{n}. {_citation(r)}" for n, r in enumerate(lay.references, 1)))
    with st.expander(words.about):
        st.write(words.intro)
        st.write(lay.disclaimer)
        record = content.review_record()
        if record:
            st.caption(record)
        st.caption(f"{words.content_version}: {lay.content_version}")
    _change_or_start_over(content)


def _review_notice(content: Content) -> None:
    """Near the top: no doctor has checked this wording yet, until a review is recorded in the content."""
    if content.review_notice:
        st.caption(content.review_notice)


def _change_or_start_over(content: Content) -> None:
    """Back to the review with every answer kept, or, after asking, a clean start."""
    nav = content.ui.nav
    st.button(nav.change_answers, key="change_answers", on_click=state.go, args=(state.Page.REVIEW,))
    if not state.session().get(state.ASKING):
        st.button(nav.start_over, key="start_over", on_click=state.ask_start_over)
        return
    with st.container(border=True):
        st.warning(nav.start_over_ask, icon="⚠️")
        no, yes = st.columns(2)
        no.button(nav.start_over_no, key="start_over_no", type="primary", on_click=state.keep_answers)
        yes.button(nav.start_over_yes, key="start_over_yes", on_click=state.start_over)


_REST_OPEN = "summary_rest_open"  # the answers whose whole summary the person chose to read
_REST_FOCUS = "summary_rest_focus"
_BOX = {
    NextStep.NOW: st.error,
    NextStep.TODAY: st.error,
    NextStep.WITHIN_2_WEEKS: st.warning,
    NextStep.BEFORE_TREATMENT: st.warning,
    NextStep.NONE: st.info,
}
# After "read the rest": keyboard focus moves to the first heading of what was opened (our own fixed text).
_FOCUS_REST = """<script>
const main = window.parent.document.querySelector('[data-testid="stMain"]');
let tries = 0;
function focusRest() {
  const heading = main && main.querySelector('h2');
  if (!heading && tries++ < 40) { setTimeout(focusRest, 50); return; }
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
}
focusRest();
</script>"""


def _open_rest(answers: Answers) -> None:
    state.session()[_REST_OPEN] = answers
    state.session()[_REST_FOCUS] = True


def _next_step(lay: Layout) -> None:
    """Who to contact and how soon, why, and what to do first: one box, announced as an alert."""
    words, box = lay.content.ui.summary, lay.next_step
    parts = [f"**{box.label}**", box.instruction]
    if box.why:
        parts.append(box.why)
    if box.first:
        parts.append(f"**{words.do_first}**\n\n" + "\n".join(f"{n}. {a}" for n, a in enumerate(box.first, 1)))
    _BOX[box.step]("\n\n".join(parts), icon=box.icon)


def _plan(lay: Layout) -> None:
    """The answer to "should I do this, and will it help my marks?": one line per route, its reason a click away."""
    words = lay.content.ui.summary
    st.subheader(words.plan, anchor=False)  # under the next step (or the title), as its answer
    for line in lay.plan:
        with st.container(border=True):
            st.markdown(f"**{line.entry.title}**")
            with st.expander(words.plan_more):
                st.write(line.entry.reason)
                st.caption(f"{words.sources}: {_sources(lay, line.entry.sources)}")


def _sources(lay: Layout, sources: tuple[str, ...]) -> str:
    references = lay.content.references
    return "; ".join(f"[{lay.number(s)}] {references[s].short}" for s in sources)


def _citation(reference: Reference) -> str:
    return reference.citation + (f" {reference.url}" if reference.url else "")


def _flag_details(lay: Layout, item: FlagItem, *, action: bool) -> None:
    words = lay.content.ui.summary
    if action:
        st.markdown(f"**{words.action}:** {item.flag.action}")
    st.write(item.flag.reason)
    st.markdown(f"**{words.why_seeing}:** {item.why_seeing}")
    st.caption(f"{words.sources}: {_sources(lay, item.flag.sources)}")


def _flags(lay: Layout) -> None:
    words = lay.content.ui.summary
    st.header(words.flags, anchor=False)
    if not lay.groups:
        st.write(words.no_flags)
    for group in lay.groups:
        if group.folded:
            with st.expander(f"{group.icon} {group.label}"):
                for item in group.flags:
                    st.markdown(f"**{item.flag.title}**")
                    _flag_details(lay, item, action=True)
            continue
        st.subheader(f"{group.icon} {group.label}", anchor=False)
        for item in group.flags:
            if item.folded:
                with st.expander(item.flag.title):
                    _flag_details(lay, item, action=True)
                continue
            with st.container(border=True):
                todo = words.see_step.format(number=item.step) if item.step else item.flag.action
                st.markdown(f"{group.icon} **{item.flag.title}**\n\n**{words.action}:** {todo}")
                with st.expander(words.why_more):
                    _flag_details(lay, item, action=False)


def _marks(lay: Layout, skin_type: SkinType) -> None:
    """A card per mark, its drawing in a tone near the skin type the person chose."""
    words = lay.content.ui.summary
    if lay.marks:
        st.header(words.marks, anchor=False)
    for card in lay.marks:
        mark = card.mark
        line = f"**{words.glutathione}:** " + (f"{card.fit.icon} {card.fit.label}. " if card.fit_shown else "")
        line += mark.glutathione
        works = f"**{words.what_works}:** {mark.what_works}"
        with st.container(border=True):
            picture, text = st.columns([1, 2])
            image = drawing(mark.mark, skin_type)
            picture.image(image.svg, alt=image.alt, width="stretch")
            with text:
                st.subheader(mark.name, anchor=False)
                if not card.line_folded:
                    st.markdown(line)
                if not card.works_folded:
                    st.markdown(works)
                with st.expander(words.mark_more_folded if card.works_folded else words.mark_more):
                    if card.line_folded:
                        st.markdown(line)
                    if card.works_folded:
                        st.markdown(works)
                    st.write(mark.description)
                    st.markdown(f"**{words.recognise}:** {mark.recognise}")
                    st.caption(f"{words.sources}: {_sources(lay, mark.sources)}")


def _claim(lay: Layout, claim: Claim) -> None:
    """The claim, then its grade beside it as evidence for that claim, then the one-line verdict."""
    words = lay.content.ui.summary
    st.markdown(claim.section.article_says)
    st.markdown(f"**{words.evidence}: {claim.grade.icon} {claim.grade.label}.** {claim.section.verdict}")


def _claim_details(lay: Layout, claim: Claim) -> None:
    words = lay.content.ui.summary
    st.write(claim.section.evidence_note)
    if claim.why:
        st.markdown(f"**{words.shown_because}:** {' '.join(claim.why)}")
    st.caption(f"{words.sources}: {_sources(lay, claim.section.sources)}")


def _claims(lay: Layout) -> None:
    words = lay.content.ui.summary
    if not lay.claims:
        return
    key = f"{words.grade_key}\n\n" + "\n".join(f"- {g.icon} **{g.label}:** {g.meaning}" for g in lay.key)
    if lay.article_folded:
        with st.expander(words.article):
            st.markdown(key)
            for claim in lay.claims:
                st.subheader(claim.label, anchor=False)
                _claim(lay, claim)
                _claim_details(lay, claim)
        return
    st.header(words.article, anchor=False)
    st.markdown(key)
    for claim in lay.claims:
        if claim.folded:
            with st.expander(claim.label):
                _claim(lay, claim)
                _claim_details(lay, claim)
            continue
        with st.container(border=True):
            _claim(lay, claim)
            with st.expander(words.claim_more):
                _claim_details(lay, claim)


def _questions(lay: Layout) -> None:
    words = lay.content.ui.summary
    numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(lay.questions, 1))
    if lay.questions_folded:
        with st.expander(words.questions):
            st.markdown(numbered)
        return
    st.header(words.questions, anchor=False)
    st.markdown(numbered)


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
    offer(offered, made_from=(answers, today), words=Refusals(files.too_many, files.gone, files.failed), key=key)

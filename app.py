"""The web questionnaire: `streamlit run app.py`. A thin shell over `logic`; nothing is stored or sent."""

import streamlit as st

from logic import ContentError
from logic.vocab import Step
from ui import document, focus, keep, language, pages, state, style, watch
from ui.words import available, content


def main() -> None:
    try:
        offered = available()
        words = content(language.current(offered))
    except ContentError as error:
        # Broken wording must stop the app rather than show a half-worded summary. The message names the
        # file and the field; it holds no answers, so it is safe to show.
        st.error(str(error))
        st.stop()
    st.set_page_config(page_title=words.ui.app_title, page_icon="🩺", layout="centered")
    style.apply(words)
    language.switch(words.ui.language.label, offered)
    current = state.page()
    if state.session().get(state.RECONNECTED):
        st.success(words.ui.nav.connection_restored, icon="✅")
    if current == state.Page.WELCOME:
        pages.welcome(words)
    elif current == state.Page.REVIEW:
        pages.review(words)
    elif current == state.Page.SUMMARY:
        pages.summary(words)
    elif current == state.Page.NOW:
        pages.now(words)
    else:
        pages.step(Step(current), words)
    if words.review_notice and current not in (state.Page.WELCOME, state.Page.SUMMARY):
        st.caption(words.review_notice)  # once, at the foot of a question page; near the top of the other two
    focus.after_navigation()
    keep.keep(offered)
    watch.watch(words)
    document.describe(words)


main()

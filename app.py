"""The web questionnaire: `streamlit run app.py`. A thin shell over `logic`; nothing is stored or sent."""

import streamlit as st

from logic import Content, ContentError, default_content
from logic.vocab import Step
from ui import downloads, focus, pages, state, style


@st.cache_resource
def content() -> Content:
    """The content files, read and checked once per process and shared, unchanged, by every session."""
    return default_content()


def main() -> None:
    downloads.install()
    try:
        words = content()
    except ContentError as error:
        # Broken wording must stop the app rather than show a half-worded summary. The message names the
        # file and the field; it holds no answers, so it is safe to show.
        st.error(str(error))
        st.stop()
    st.set_page_config(page_title=words.ui.app_title, page_icon="🩺", layout="centered")
    style.apply()
    current = state.page()
    if current == state.Page.WELCOME:
        pages.welcome(words)
    elif current == state.Page.REVIEW:
        pages.review(words)
    elif current == state.Page.SUMMARY:
        pages.summary(words)
    else:
        pages.step(Step(current), words)
    focus.after_navigation()


main()

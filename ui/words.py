"""The content, read and checked once per process and shared, unchanged, by every session.

Here rather than in app.py: Streamlit runs app.py anew for every run, and `st.cache_resource` made its two
cached functions anew each time, about a twentieth of a first page's server time (docs/performance.md)."""

import streamlit as st

from logic import Content, default_content
from logic.content import languages


@st.cache_resource
def content(code: str) -> Content:
    """The content files in one language."""
    return default_content(code)


@st.cache_resource
def available() -> dict[str, str]:
    """The languages there is content for, each named in its own words."""
    return languages()

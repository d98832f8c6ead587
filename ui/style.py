"""The little CSS the theme can't express, as a fixed string: no person's text ever goes in here."""

import streamlit as st

# Buttons and the summary's disclosures at least 44 px tall: comfortable tap targets on phones (the theme
# has no setting for it).
CSS = """
[data-testid="stMain"] button { min-height: 44px; }
[data-testid="stMain"] details > summary { min-height: 44px; box-sizing: border-box; }
"""


def apply() -> None:
    st.html(f"<style>{CSS}</style>")

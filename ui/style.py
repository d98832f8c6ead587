"""The little CSS the theme can't express, as a fixed string: no person's text ever goes in here."""

import streamlit as st

# - Buttons and the summary's disclosures at least 44 px tall: comfortable tap targets on phones (the theme
#   has no setting for it).
# - Each radio and checkbox option at least 44 px tall with space between them, so a thumb hits the one it
#   means (WCAG 2.2 asks for 24 px at least).
# - Body text, options and help texts at 16 px at least, so nobody has to zoom on a phone.
# - A focus ring that can be seen on every control a keyboard reaches.
# - No "Press Ctrl+Enter to apply" under the note: that is Streamlit's jargon, and the note is kept anyway.
# - The language switch's chosen language in the text colour: the theme's teal on the dark background was
#   below WCAG AA contrast (axe, dark theme).
CSS = """
[data-testid="stMain"] button[data-selected="true"],
[data-testid="stMain"] button[data-selected="true"] * { color: inherit !important; }
[data-testid="stMain"] button { min-height: 44px; }
[data-testid="stMain"] details > summary { min-height: 44px; box-sizing: border-box; }
[data-testid="stMain"] [data-testid="stRadio"] label,
[data-testid="stMain"] [data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
[data-testid="stMain"] [role="radiogroup"] { gap: 0.25rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: max(1rem, 16px); }
[data-testid="stMain"] :focus-visible { outline: 3px solid #2f6f73; outline-offset: 2px; }
[data-testid="stMain"] [data-testid="InputInstructions"] { display: none; }
"""


def apply() -> None:
    st.html(f"<style>{CSS}</style>")

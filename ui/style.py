"""The little CSS the theme can't express: fixed rules, and two of our own content lines. No person's text
ever goes in here."""

import json

import streamlit as st

from logic import Content

# - Buttons and the summary's disclosures at least 44 px tall: comfortable tap targets on phones (the theme
#   has no setting for it).
# - Each radio and checkbox option at least 44 px tall with space between them, so a thumb hits the one it
#   means (WCAG 2.2 asks for 24 px at least).
# - Body text, options and help texts at 16 px at least, so nobody has to zoom on a phone.
# - A focus ring that can be seen on every control a keyboard reaches.
# - No "Press Ctrl+Enter to apply" under the note: that is Streamlit's jargon, and the note is kept anyway.
# - The language switch's chosen language in the text colour: the theme's teal on the dark background was
#   below WCAG AA contrast (axe, dark theme).
# - No tab stops that do nothing for a person: the "Fullscreen" buttons over the drawings and Streamlit's
#   own menu (in English whatever the page's language) are not drawn.
# - The parts that keep the draft in the tab (ui/keep.py) and name the page's language (ui/document.py)
#   take no room.
# - Back and Next side by side on every screen, Back on the left as people expect, in the page in that
#   order, so that Tab meets them as they are seen (Streamlit would stack them on a phone).
# - A radio or checkbox option with the keyboard's focus gets the same ring as every other control: the
#   input itself is hidden, and Streamlit marks its label with a pale fill only (about 1.2:1). The ring's
#   teal is 5.8:1 on the light theme's white and 3.3:1 on the dark theme's near-black.
# - A question brought into view (its problem after Next, ui/watch.py) clears Streamlit's top bar.
# - An urgent message under a radio question waits while the keyboard is still moving through the options
#   (each arrow press chooses one), and shows once the person leaves the question; a click shows it at once.
# - A download button's label wraps instead of being cut off with "...": on a 360 px phone the PDF's label
#   lost "(PDF)".
# - On a phone, less empty space above the page and a smaller page title: the summary's first screen holds
#   the next step and the plan's answer under it.
CSS = """
[data-testid="stElementToolbar"], [data-testid="stMainMenu"], [data-testid="stToolbarActions"] { display: none; }
[data-testid="stElementContainer"][class*="st-key-keeper"],
[data-testid="stElementContainer"].st-key-document,
[data-testid="stElementContainer"].st-key-watch { display: none; }
.st-key-nav [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; }
.st-key-nav [data-testid="stColumn"] { min-width: 0; flex: 1 1 0; width: auto; }
[class*="st-key-question-"], [class*="st-key-urgent-"] { scroll-margin-top: 4rem; scroll-margin-bottom: 1rem; }
[class*="st-key-question-"]:has([role="radiogroup"] :focus-visible) [class*="st-key-urgent-"] { display: none; }
[data-testid="stMain"] button[data-selected="true"],
[data-testid="stMain"] button[data-selected="true"] * { color: inherit !important; }
[data-testid="stMain"] button { min-height: 44px; }
[data-testid="stMain"] details > summary { min-height: 44px; box-sizing: border-box; }
[data-testid="stMain"] [data-testid="stRadio"] label,
[data-testid="stMain"] [data-testid="stCheckbox"] label { min-height: 44px; align-items: center; }
[data-testid="stMain"] [role="radiogroup"] { gap: 0.25rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label,
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: max(1rem, 16px); }
[data-testid="stMain"] :focus-visible,
[data-testid="stMain"] label:has(input:focus-visible) { outline: 3px solid #2f6f73; outline-offset: 2px; }
[data-testid="stMain"] [data-testid="InputInstructions"] { display: none; }
[data-testid="stMain"] [data-testid="stDownloadButton"] [data-testid="stMarkdownContainer"],
[data-testid="stMain"] [data-testid="stDownloadButton"] [data-testid="stMarkdownContainer"] * {
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
}
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
  [data-testid="stMain"] h1 { font-size: 2rem; }
}
"""


# Streamlit's file chooser has its own English words; ours, in the page's language, take their place. Its
# hidden file input, named "file upload" for screen readers, is left out: the button opens it all the same.
# A file the browser turns away is told why, on the screen too (Streamlit says it to screen readers and in a
# tooltip on hover only, which a phone never shows); ui/document.py puts our words in. The tooltip would
# only repeat them on the screen (it still describes the file to a screen reader).
_CHOOSER = """
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after { content: %s; }
[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }
[data-testid="stFileUploaderDropzoneInput"] { display: none !important; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after { content: %s; }
[data-testid="stFileChip"][aria-invalid="true"] { flex-wrap: wrap; height: auto; }
[data-testid="stFileChip"][aria-invalid="true"] [role="alert"] {
  position: static; flex-basis: 100%%; width: auto; height: auto; margin: 0.25rem 0 0; padding: 0;
  clip: auto; clip-path: none; overflow: visible; white-space: normal; font-size: max(1rem, 16px);
}
[role="tooltip"]:has([data-testid="stTooltipErrorContent"]) { display: none; }
"""


def apply(content: Content) -> None:
    files = content.ui.files
    limit = files.file_limit.format(megabytes=st.get_option("server.maxUploadSize"))
    chooser = _CHOOSER % (_css_string(files.choose_file), _css_string(limit))
    st.html(f"<style>{CSS}{chooser}</style>")


def _css_string(text: str) -> str:
    """A CSS string of our own content line: JSON's escaping, with nothing that could end the style block."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3C ")

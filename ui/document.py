"""What Streamlit's own page says of itself, in the page's language: the `lang` of the document (so a screen
reader reads Filipino as Filipino) and the words of its "skip to main content" link. Our own fixed script;
the only data it is given are the language's code and a line of our content."""

import streamlit as st

from logic import Content

_JS = """
export default function (component) {
  const { data } = component;
  document.documentElement.lang = data.lang;
  const skip = document.querySelector('[data-testid="stSkipToContent"]');
  if (skip && skip.textContent !== data.skip) { skip.textContent = data.skip; }
}
"""

_document = st.components.v2.component("glutathione_document", js=_JS)


def describe(content: Content) -> None:
    """Call once per full run."""
    _document(key="document", data={"lang": content.language.code, "skip": content.ui.nav.skip}, height=0)

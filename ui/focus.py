"""After Next, Back or Change: show the new page from its top and move keyboard focus to its heading.

Streamlit keeps the scroll position between reruns, so without this a person who pressed Next at the
bottom of one page lands at the bottom of the next. The script is our own, fixed text: it carries no
answer and no user text. It runs in an st.iframe, which shares the page's origin.
"""

import streamlit as st

from . import state

_SCRIPT = """<script>
// navigation %d
const doc = window.parent.document;
let tries = 0;
function focusHeading() {
  const main = doc.querySelector('[data-testid="stMain"]');
  const heading = main && main.querySelector('h1, h2');
  if (!heading && tries++ < 40) { setTimeout(focusHeading, 50); return; }
  [main, doc.querySelector('[data-testid="stAppViewContainer"]'), doc.scrollingElement]
    .forEach(el => el && el.scrollTo && el.scrollTo(0, 0));
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({preventScroll: true}); }
}
focusHeading();
</script>"""


def after_navigation() -> None:
    """Call once per run; does something only on the run right after a page change."""
    if state.session().pop(state.FOCUS, False):
        count = state.session()[state.NAVIGATIONS] = state.session().get(state.NAVIGATIONS, 0) + 1
        st.iframe(_SCRIPT % count, height=1)

"""What Streamlit's own page says of itself, in the page's language: the `lang` of the document (so a screen
reader reads Filipino as Filipino), the words of its "skip to main content" link, and what its file chooser
says of a file the browser turns away before sending it (too big, or more than one).

That last one Streamlit says in English only, and only to a screen reader or on hover: a phone showed a red
file name and no reason. Here the reason is our own line, in the page's language, and shown (ui/style.py).

Our own fixed script; the only data it is given are the language's code and lines of our content. It keeps
watching the page, since Streamlit draws the chooser's file anew as the person picks one.

While the page has no draft keeper (ui/keep.py: a new visitor's welcome page), the same script looks once per
change of the page for what the keeper would take back, the tab's copy of the draft or an address naming a
page, and if there is one asks for the keeper (`wake`): the one component every page draws anyway does it,
rather than the keeper on every first page for the few tabs that hold a copy. That includes a tab whose
server was lost: its page from before is removed when the new server's first run ends, and the script sees
the keeper gone."""

import json

import streamlit as st

from logic import Content

from . import keep, state

_JS = """
export default function (component) {
  const words = component.data;
  window.__glutathioneWake = component.setTriggerValue;
  document.documentElement.lang = words.lang;
  const set = (el, text) => { if (el && el.textContent !== text) { el.textContent = text; } };
  const name = (el, text) => {
    if (el && el.getAttribute('aria-label') !== text) { el.setAttribute('aria-label', text); }
  };
  const copy = () => {
    let stored = null;
    try { stored = window.sessionStorage.getItem(__STORAGE_KEY__); } catch (error) { stored = null; }
    const at = decodeURIComponent(window.location.hash.slice(1));
    return Boolean(stored) || (at !== "" && at !== __HOME__);
  };
  const wake = () => {
    if (document.querySelector('.st-key-keeper')) { window.__glutathioneWoken = false; return; }
    if (!window.__glutathioneWoken && copy()) {
      window.__glutathioneWoken = true;  // once until the keeper is drawn
      window.__glutathioneWake("wake", true);
    }
  };
  const speak = () => {
    wake();
    set(document.querySelector('[data-testid="stSkipToContent"]'), words.skip);
    for (const file of document.querySelectorAll('[data-testid="stFileChip"][aria-invalid="true"]')) {
      set(file.querySelector('[role="alert"]'), words.refused);
      const called = file.querySelector('[data-testid="stFileChipName"]');
      name(file.querySelector('[data-testid="stFileChipDeleteBtn"] button'),
           words.remove.replace('{name}', called ? called.textContent : ''));
    }
    for (const tip of document.querySelectorAll('[data-testid="stTooltipErrorContent"]')) { set(tip, words.refused); }
    const more = '[data-testid="stFileUploader"] [data-testid="stBaseButton-borderlessIcon"]';
    for (const button of document.querySelectorAll(more)) { name(button, words.choose); }
  };
  window.__glutathioneSpeak = speak;  // the latest words: a language switch sends new ones
  if (!window.__glutathioneDocument) {
    window.__glutathioneDocument = new MutationObserver(() => window.__glutathioneSpeak());
    window.__glutathioneDocument.observe(document.body, { subtree: true, childList: true, characterData: true });
  }
  speak();
}
""".replace("__STORAGE_KEY__", json.dumps(keep.STORAGE_KEY)).replace("__HOME__", json.dumps(str(state.Page.WELCOME)))

_document = st.components.v2.component("glutathione_document", js=_JS)


def describe(content: Content) -> None:
    """Call once per full run."""
    files = content.ui.files
    words = {
        "lang": content.language.code,
        "skip": content.ui.nav.skip,
        "refused": files.refused.format(megabytes=st.get_option("server.maxUploadSize")),
        "remove": files.remove_file,
        "choose": files.choose_file,
    }
    _document(key="document", data=words, on_wake_change=keep.wake, height=0)

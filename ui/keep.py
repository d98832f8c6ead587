"""The draft kept in the person's own browser tab, so that a reload, Back or Forward loses nothing.

Nothing of the answers is kept on the server: a reload starts a new Streamlit session with empty memory.
What survives is a copy in the tab's `sessionStorage` (the browser's, for this tab only, gone when the tab
closes), written after every run and read back once when a new session starts in the same tab. The copy
holds the page, the language and the draft; it is cleared by "Start over". Every session the tab meets is
sent the copy once before anything overwrites it: after a reload, and after the server was lost and the
page reconnected to a new one (then the page says so), however many of either came before. Each page has its own address
in the URL's fragment (`#safety`), which the browser never sends to any server, so Back and Forward move
between pages; nothing about the answers goes in the URL. While there are answers on the page, leaving
or reloading it makes the browser ask first (a browser cannot tell a reload from leaving).

What comes back from the browser is treated like any other message from outside: at most `MAX_RECORD`
characters of JSON, and only the known pages, languages and answers in the shapes the widgets make are
kept; anything else is dropped without a word.
"""

import json
import secrets
from collections.abc import Mapping
from typing import Any

import streamlit as st

from logic.answers import field_options, is_multi, is_text, is_yes_no
from logic.partial import field_problems
from logic.vocab import Field

from . import state

MAX_RECORD = 65_536  # characters of JSON: a full draft with a valid note is under 3,000
STORAGE_KEY = "glutathione-questionnaire-draft"

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const qn = window.__glutathioneDraft || (window.__glutathioneDraft = {});
  qn.ask = data.ask;
  if (data.listen) {
    qn.trigger = setTriggerValue;
    qn.home = data.home;
  }
  if (data.listen && !qn.listening) {
    qn.listening = true;
    window.addEventListener("beforeunload", (event) => {
      if (qn.ask) { event.preventDefault(); event.returnValue = ""; }
    });
    window.addEventListener("popstate", () => {
      qn.trigger("go", decodeURIComponent(window.location.hash.slice(1)) || qn.home);
    });
  }
  let stored = null;
  try { stored = window.sessionStorage.getItem(data.key); } catch (error) { stored = null; }
  if (stored && (data.restore || qn.sent !== data.session)) {
    // A session that has not been sent the tab's copy (a reload's, or a new server's after the old one was
    // lost) is sent it once, and nothing overwrites the copy before then.
    if (data.listen && qn.sent !== data.session) {
      const lost = qn.seen !== undefined && qn.seen !== data.session;
      qn.sent = qn.seen = qn.pending = data.session;
      setTriggerValue("restore", { record: stored, at: decodeURIComponent(window.location.hash.slice(1)), lost });
    }
    return;
  }
  if (data.listen) { qn.sent = qn.seen = data.session; }  // this session and the tab agree from here on
  if (qn.pending === data.session) {
    // The copy is on its way to the server: until it has been taken in, no run (Start pressed meanwhile)
    // writes a draft without answers over it.
    if (data.taken) { qn.pending = null; } else if (!data.ask) { return; }
  }
  try {
    if (data.record) { window.sessionStorage.setItem(data.key, data.record); }
    else { window.sessionStorage.removeItem(data.key); }
  } catch (error) { /* storage refused (private mode, full): the answers stay in this page only */ }
  const here = decodeURIComponent(window.location.hash.slice(1)) || data.home;
  if (data.listen && here !== data.page) {
    const address = window.location.pathname + window.location.search + "#" + encodeURIComponent(data.page);
    window.history.pushState(null, "", address);
  }
}
"""

_keeper = st.components.v2.component("glutathione_draft", js=_JS)


def keep(languages: Mapping[str, str]) -> None:
    """Call once per full run, after the page is drawn: copy the draft to the tab, hear Back and Forward, and
    take back the tab's copy once in a new session.

    A new visitor's welcome page has nothing to keep, and most tabs have no copy to give: the keeper is left
    out until there is an answer or a page past the welcome, or the page's own script (ui/document.py) finds a
    copy in the tab, or an address naming a page, and asks for it (`wake`). Once drawn, it stays for the
    session: a "Start over" must still clear the tab's copy, and Back and Forward must still be heard."""
    if not (state.session().get(state.RESTORED) or _wanted()):
        return
    _keeper(
        key="keeper",
        data=_data(listen=True),
        on_restore_change=lambda: _restore(languages),
        on_go_change=_went,
        height=0,
    )
    state.session()[state.RESTORED] = True


def _wanted() -> bool:
    return bool(state.session().get(state.KEEPER_WANTED) or state.draft() or state.page() != state.Page.WELCOME)


def wake() -> None:
    """The tab holds a copy, or its address names a page: draw the keeper from this run on."""
    state.session()[state.KEEPER_WANTED] = True


def write(name: str) -> None:
    """Inside a part of the page that is redrawn on its own (a question): copy the draft to the tab too."""
    _keeper(key=f"keeper:{name}", data=_data(listen=False), height=0)


def _data(*, listen: bool) -> dict[str, Any]:
    draft, page = state.session().get(state.DRAFT, {}), state.page()
    record = ""
    if draft or page != state.Page.WELCOME:
        record = json.dumps({"page": page, "language": state.session().get(state.LANGUAGE), "draft": draft})
    return {
        "key": STORAGE_KEY,
        "record": record,
        "page": page,
        "home": str(state.Page.WELCOME),
        "restore": not state.session().get(state.RESTORED),
        # Names this session to the tab (random, about nothing): a session the tab has not sent its copy to is
        # sent it, so a new server after a lost one gets it however many reloads came before.
        "session": state.session().setdefault(state.SESSION_NAME, secrets.token_urlsafe(12)),
        "ask": bool(draft),
        "taken": bool(state.session().get(state.TAKEN)),
        "listen": listen,
    }


def _went() -> None:
    """Back or Forward: the browser's address now names a page; show it, with every answer kept."""
    target = _value("go")
    if isinstance(target, str) and target in state.PAGES and target != state.page():
        state.session()[state.PROBLEMS] = {}
        state.go(target)


def _restore(languages: Mapping[str, str]) -> None:
    """A new session in a tab that holds a draft (after a reload, or after the server was lost and the page
    reconnected to a new one): take back what is valid of it."""
    state.session()[state.RESTORED] = state.session()[state.TAKEN] = True
    sent = _value("restore")
    if not isinstance(sent, dict) or not isinstance(sent.get("record"), str) or len(sent["record"]) > MAX_RECORD:
        return
    try:
        record = json.loads(sent["record"])
    except (ValueError, RecursionError):  # not a copy this app wrote: nothing is taken back
        return
    if not isinstance(record, dict):
        return
    answers = usable(record.get("draft"))
    if state.draft():  # answered before the copy arrived: what is on the page now wins
        answers = {**answers, **state.draft()}
    state.session()[state.DRAFT] = answers
    for widget in state.answer_widgets():
        del state.session()[widget]
    language = record.get("language")
    if isinstance(language, str) and language in languages:
        state.session()[state.LANGUAGE] = language
        state.session().pop(state.LANGUAGE_WIDGET, None)
    at = sent.get("at") if sent.get("at") in state.PAGES else record.get("page")
    if isinstance(at, str) and at in state.PAGES:
        state.go(at)
    if sent.get("lost") is True and (answers or state.page() != state.Page.WELCOME):
        state.session()[state.RECONNECTED] = True  # the page says the connection was lost and all is back


def usable(draft: Any) -> dict[str, Any]:
    """The answers of a draft that are known fields, in the shape their widgets give, and valid."""
    if not isinstance(draft, dict):
        return {}
    shaped = {k: v for k, v in draft.items() if k in _FIELDS and _shaped(Field(k), v)}
    problems = field_problems(shaped, [Field(k) for k in shaped])
    return {k: v for k, v in shaped.items() if Field(k) not in problems}


_FIELDS = frozenset(str(f) for f in Field)


def _shaped(field: Field, value: Any) -> bool:
    if is_multi(field):
        options = {str(v) for v in field_options(field)}
        return isinstance(value, list) and all(isinstance(v, str) and v in options for v in value)
    if is_yes_no(field):
        return isinstance(value, bool)
    if is_text(field):
        return isinstance(value, str)
    return isinstance(value, str) and value in {str(v) for v in field_options(field)}


def _value(name: str) -> Any:
    result = state.session().get("keeper")
    if isinstance(result, Mapping):
        return result.get(name)
    return getattr(result, name, None)

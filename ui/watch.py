"""What the page does by itself while a person answers, in the browser, without a round trip to the server:

- an urgent message that appears under the question just answered is brought into view at once (on a phone it
  was drawn below the screen, and nothing the person could see changed). Focus stays where it is, so a person
  still typing or ticking is not moved; the message is a live alert (Streamlit's `st.error` has
  `role="alert"`), so a screen reader says it. Messages already on a page when it opens are left where they
  are: a new page starts at its heading (ui/focus.py);
- after Next or "Review my answers" found problems, the first question with one is brought into view and its
  first control takes the focus, so the button never seems to do nothing;
- the note's length is counted as the person types, as a person counts characters (one per grapheme cluster,
  an emoji is one; the same rule as `logic.answers.text_length`), and the note stops at the limit: a paste
  that does not fit is cut where it would pass the limit, and the person is told;
- the invisible frames ui/focus.py draws to run its script are taken out of the Tab order and hidden from
  screen readers.

Our own fixed script; the only data it is given are the limit, lines of our content and the id of a question.
It never reads or sends what a person typed: the note reaches the server only as Streamlit sends it.
"""

import streamlit as st

from logic import Content
from logic.answers import CLUSTER_MAX, NOTES_MAX_LENGTH

from . import state

_JS = """
export default function (component) {
  const data = component.data;
  const qn = window.__glutathioneWatch || (window.__glutathioneWatch = { seen: new Map(), problem: null });
  qn.data = data;
  const main = () => document.querySelector('[data-testid="stMain"]');
  const shown = (el) => el.getClientRects().length > 0;
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const length = (text) => {
    let n = 0;
    for (const { segment } of segmenter.segment(text)) {
      const points = Array.from(segment).length;
      n += points <= data.cluster ? 1 : points;
    }
    return n;
  };
  const fit = (text, room) => {  // the longest start of `text` that counts `room` or less
    let out = '', n = 0;
    for (const { segment } of segmenter.segment(text)) {
      const points = Array.from(segment).length;
      const cost = points <= data.cluster ? 1 : points;
      if (n + cost > room) { break; }
      n += cost; out += segment;
    }
    return out;
  };
  const counter = () => document.querySelector('.st-key-notes-count [data-testid="stCaptionContainer"] p');
  const say = (count, cut) => {
    const line = counter();
    if (!line) { return; }
    const text = qn.data.count.replace('{length}', count).replace('{limit}', qn.data.limit);
    line.textContent = cut ? qn.data.cut.replace('{limit}', qn.data.limit) + ' ' + text : text;
  };
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
  if (!qn.listening) {
    qn.listening = true;
    // Capture: runs before React reads the box, so what Streamlit keeps is the text as cut.
    document.addEventListener('input', (event) => {
      const area = event.target;
      if (!(area instanceof HTMLTextAreaElement) || !area.closest('.st-key-question-notes')) { return; }
      const limit = qn.data.limit;
      const count = length(area.value);
      if (count <= limit) { say(count, false); return; }
      const caret = area.selectionEnd;
      const after = area.value.slice(caret);
      const before = fit(area.value.slice(0, caret), Math.max(0, limit - length(after)));
      setValue.call(area, before + after);
      area.setSelectionRange(before.length, before.length);
      area.dispatchEvent(new Event('input', { bubbles: true }));
      say(length(area.value), true);
    }, true);
    // Every 150 ms: urgent messages that have just appeared on this page, and frames to keep out of the way.
    setInterval(() => {
      const root = main();
      if (!root) { return; }
      const now = new Map();
      for (const block of root.querySelectorAll('[class*="st-key-question-"]')) { now.set(block, block.className); }
      for (const alert of root.querySelectorAll('[class*="st-key-urgent-"]')) {
        const block = alert.closest('[class*="st-key-question-"]');
        const name = [...alert.classList].find((c) => c.startsWith('st-key-urgent-'));
        const visible = shown(alert);
        const before = qn.seen.get(name);
        // New on a page that was already there (its question was drawn before): bring it into view.
        if (visible && !before && block && qn.blocks && qn.blocks.get(block) === block.className) {
          const tall = alert.getBoundingClientRect().height > window.innerHeight * 0.8;
          alert.scrollIntoView({ block: tall ? 'start' : 'nearest', behavior: 'instant' });
        }
        now.set(name, visible);
      }
      qn.seen = new Map([...now].filter(([key]) => typeof key === 'string'));
      qn.blocks = new Map([...now].filter(([key]) => typeof key !== 'string'));
      for (const frame of document.querySelectorAll('[data-testid="stIFrame"], iframe[srcdoc]')) {
        if (frame.tabIndex !== -1) { frame.tabIndex = -1; frame.setAttribute('aria-hidden', 'true'); }
      }
      const area = root.querySelector('.st-key-question-notes textarea');
      const line = counter();
      if (area && line && !line.id) {
        line.id = 'notes-count';
        area.setAttribute('aria-describedby', 'notes-count');
      }
    }, 150);
  }
  if (data.problem && data.problem !== qn.problem) {
    qn.problem = data.problem;
    let tries = 0;
    const bring = () => {
      const block = document.querySelector('.st-key-question-' + data.problem.split(':')[0]);
      if (!block && tries++ < 40) { setTimeout(bring, 50); return; }
      if (!block) { return; }
      block.scrollIntoView({ block: 'start', behavior: 'instant' });
      const first = block.querySelector('input:not([type=hidden]), textarea');
      if (first) { first.focus({ preventScroll: true }); }
    };
    bring();
  }
}
"""

_watch = st.components.v2.component("glutathione_watch", js=_JS)


def watch(content: Content) -> None:
    """Call once per full run."""
    words = content.ui.validation
    problem = state.session().pop(state.PROBLEM_FOCUS, None)
    if problem is not None:
        count = state.session()[state.NAVIGATIONS] = state.session().get(state.NAVIGATIONS, 0) + 1
        problem = f"{problem}:{count}"  # a new value each time, so pressing Next again brings it back
    data = {
        "limit": NOTES_MAX_LENGTH,
        "cluster": CLUSTER_MAX,
        "count": words.notes_limit,
        "cut": words.notes_cut,
        "problem": problem,
    }
    _watch(key="watch", data=data, height=0)

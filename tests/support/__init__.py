"""The test harness, shared by the tests and the benchmark (bench/ imports from here, never the other way).

- `servers`: the app as it is served (`streamlit run deploy/asgi.py`) on a free loopback port.
- `chromium`: Debian's Chromium as every browser run here starts it.
- `session`: a person speaking Streamlit's websocket protocol, as the browser does.
- `actions`: what answering one question takes, run by AppTest, the websocket session and the browser.
- `apptest`: the app in process under Streamlit's AppTest, answered as a person would (tests/ui, privacy).
- `browser`: the questionnaire driven in Chromium by the words on the screen, and the checks several browser
  tests make (axe, phone layout, the keyboard, what an answer shows).
- `imports`: what a package offers and what importing it loads (the tests of each `__init__.py`).
- `corpus`: a fixed, seeded set of complete answer sets.
- `replicas`: N app processes behind nginx under supervisord (`make serve-replicas`), for a test's lifetime.
- `command_line`: `python -m logic` in process under click's CliRunner, and with closed or full streams.
- `content_edits`: a copy of the content edited as an editor would, and how loading it fails.
- `threads`: asyncio.run on a thread of its own, beside the browser tests' sync Playwright.
"""

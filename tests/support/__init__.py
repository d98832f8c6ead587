"""The test harness, shared by the tests and the benchmark (bench/ imports from here, never the other way).

- `servers`: the app as it is served (`streamlit run deploy/asgi.py`) on a free loopback port.
- `chromium`: Debian's Chromium as every browser run here starts it.
- `session`: a person speaking Streamlit's websocket protocol, as the browser does.
- `actions`: what answering one question takes, run by AppTest, the websocket session and the browser.
- `corpus`: a fixed, seeded set of complete answer sets.
- `replicas`: N app processes behind nginx under supervisord (`make serve-replicas`), for a test's lifetime.
- `command_line`: `python -m logic` run in process, its streams captured (every command-line test).
- `content_edits`: a copy of the content edited as an editor would, and how loading it fails.
- `threads`: asyncio.run on a thread of its own, beside the browser tests' sync Playwright.
"""

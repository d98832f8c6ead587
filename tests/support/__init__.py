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

`SCREENSHOTS` is where the tests put the pictures a person looks at after a run (the pages at 1280 and 390 px,
the PDF's pages): outside the working tree, so no test writes into it; `SCREENSHOTS=dir make test` moves them.
"""

import os
import tempfile
from pathlib import Path

SCREENSHOTS = Path(
    os.environ.get("SCREENSHOTS") or Path(tempfile.gettempdir()) / "glutathione-questionnaire-screenshots"
)

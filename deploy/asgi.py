"""The app as it is served to people: `streamlit run deploy/asgi.py` (`make serve`, `make run`, the replicas,
the Dockerfile). Streamlit runs `app.py` for each person as usual; this adds what server/ lists (security
headers, no outgoing calls, sessions bound to their browser and ended soon after they close, bounded
uploads, clean logs, take-away files for one person; docs/server-patches.md) before the first request is
answered.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `streamlit run` puts this file's folder on the path, not the project's

import streamlit as st  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

import server  # noqa: E402

server.install()

app = st.App(str(ROOT / "app.py"), middleware=[Middleware(server.Hardening)], lifespan=server.lifespan)

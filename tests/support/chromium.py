"""Debian's Chromium as every browser run here starts it (the browser tests, the privacy tests).

Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
project's closed network refuses; Playwright cannot download a browser of its own here.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

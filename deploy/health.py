"""The app's health check, `python -m deploy.health`: exit status 0 when the server on this machine answers
`ok` on Streamlit's health path (the Dockerfile's HEALTHCHECK, compose.yaml). Its port is read from
`.streamlit/config.toml`, or from STREAMLIT_SERVER_PORT where that overrides it, as Streamlit reads them.
"""

import os
import sys
import tomllib
import urllib.request
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"
PATH = "/_stcore/health"


def port() -> int:
    configured = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]["port"]
    return int(os.environ.get("STREAMLIT_SERVER_PORT") or configured)


def healthy(url: str, timeout: float = 4.0) -> bool:
    """Whether the server at `url` (http://host:port) answers its health check with `ok`."""
    try:
        with urllib.request.urlopen(f"{url}{PATH}", timeout=timeout) as reply:  # noqa: S310 - a local URL
            return reply.read() == b"ok"
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if healthy(f"http://127.0.0.1:{port()}") else 1)

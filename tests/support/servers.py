"""Start and stop Streamlit processes on free loopback ports, and read their CPU time and memory.

Every setting comes from `.streamlit/config.toml`, which Streamlit reads from the working directory (the
project's root): only the port is given here, so a test serves exactly what `make serve` serves.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from deploy.health import PATH as HEALTH
from deploy.health import healthy

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "deploy/asgi.py"  # app.py with server/'s protections: what people are served
__all__ = ["HEALTH", "ROOT", "SCRIPT", "Server", "free_port", "healthy", "stop", "streamlit_command"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen | None, seconds: float = 10) -> None:
    """Terminate `process` if it still runs; kill it if it has not ended after `seconds`."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=seconds)


def streamlit_command(script: str, port: int, *extra: str) -> list[str]:
    """`streamlit run` as `make serve` runs it, on `port`, then `extra` flags (which win where they repeat)."""
    return [sys.executable, "-m", "streamlit", "run", script, f"--server.port={port}", *extra]


class Server:
    """One `streamlit run` process on a free loopback port, with a HOME and TMPDIR of its own in `tmp` (a
    new temporary folder, removed on stop, if none is given). What it prints is kept in `log`.

    `started_at` is when it was spawned, `healthy_after` when it first answered its health check. `port` names
    the port, as for a server started again where one was killed (its open pages reconnect to it).
    """

    def __init__(
        self, script: str = SCRIPT, *extra: str, wait: bool = True, tmp: Path | None = None, port: int | None = None
    ) -> None:
        self.script = script
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._tmp = None if tmp else tempfile.TemporaryDirectory(prefix="test-server-")
        folder = tmp or Path(self._tmp.name)
        self.log = folder / "server.log"
        self.home = folder / "home"
        self.home.mkdir()
        env = {**os.environ, "HOME": str(self.home), "TMPDIR": str(folder)}
        self.started_at = time.perf_counter()
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                streamlit_command(script, self.port, *extra), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env
            )
        self.ps = psutil.Process(self.process.pid)
        self.healthy_after: float | None = None
        if wait:
            self.wait_healthy()

    def wait_healthy(self, seconds: float = 60.0) -> float:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.script} exited early:\n{self.output()}")
            if healthy(self.url):
                self.healthy_after = time.perf_counter() - self.started_at
                return self.healthy_after
            time.sleep(0.02)
        raise RuntimeError(f"{self.script} was not healthy within {seconds:.0f} s")

    def cpu(self) -> float:
        """CPU seconds (user + system) the server process has used so far, all its threads together."""
        times = self.ps.cpu_times()
        return times.user + times.system

    def rss(self) -> int:
        return self.ps.memory_info().rss

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        stop(self.process)
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


_HARDENED = """
import sys
from pathlib import Path

sys.path.insert(0, {root!r})
import streamlit as st
from starlette.middleware import Middleware

import server

server.install()
script = str(Path(__file__).with_name("script.py"))
app = st.App(script, middleware=[Middleware(server.Hardening)], lifespan=server.lifespan)
"""


def hardened(script: str, folder: Path) -> str:
    """A small Streamlit `script` served as the app is, through server/: the path to give `Server`."""
    (folder / "script.py").write_text(script, encoding="utf-8")
    serves = folder / "serves.py"
    serves.write_text(_HARDENED.format(root=str(ROOT)), encoding="utf-8")
    return str(serves)

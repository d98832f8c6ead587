"""Start and stop Streamlit processes on free loopback ports, and read their CPU time and memory."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil

from deploy.processes import stop

ROOT = Path(__file__).resolve().parents[1]
APP = "app.py"
BARE = "bench/bare_app.py"

# The production flags (`make serve`): headless, no file watcher, no rerun on save, no usage statistics.
# Everything else comes from .streamlit/config.toml, which both the app and the bare page read, because
# both are started from the repository's root.
PRODUCTION_FLAGS = (
    "--server.headless=true",
    "--server.fileWatcherType=none",
    "--server.runOnSave=false",
    "--browser.gatherUsageStats=false",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(script: str, port: int, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        *PRODUCTION_FLAGS,
        *extra,
    ]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:  # noqa: S310 - loopback
            return reply.read() == b"ok"
    except OSError:
        return False


class Server:
    """One `streamlit run` process; `started_at` is when it was spawned, `healthy_after` when it answered."""

    def __init__(self, script: str = APP, *extra: str, wait: bool = True) -> None:
        self.script = script
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-server-")
        self.log = Path(self._tmp.name) / "server.log"
        home = Path(self._tmp.name) / "home"
        home.mkdir()
        env = {**os.environ, "HOME": str(home), "TMPDIR": self._tmp.name}
        self.started_at = time.perf_counter()
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
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
        self._tmp.cleanup()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

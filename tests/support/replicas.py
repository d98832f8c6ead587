"""`make serve-replicas` for a test's lifetime: N app processes and nginx under supervisord, on free loopback
ports, in a run directory of the test's own; stopped as Ctrl-C stops it (SIGTERM to supervisord)."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.support.servers import ROOT, free_port, healthy, stop


def free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (supervisord numbers the replicas' ports)."""
    for _ in range(50):
        first = free_port()
        if first + count < 65536 and all(_free(first + i) for i in range(1, count)):
            return first
    raise RuntimeError(f"no {count} consecutive free ports")


def _name(pid: int) -> str:
    try:
        return psutil.Process(pid).name()
    except psutil.Error:
        return ""


def _free(port: int) -> bool:
    return not any(c.laddr.port == port for c in psutil.net_connections(kind="inet") if c.laddr)


class Replicas:
    """`url` is nginx's address; `app_pids()` maps each replica's port to its process id."""

    def __init__(self, count: int, run_dir: Path) -> None:
        self.count, self.run_dir = count, run_dir
        self.port = free_port()
        self.first_app_port = free_ports(count)
        self.ports = list(range(self.first_app_port, self.first_app_port + count))
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> "Replicas":
        command = [
            *(sys.executable, "-m", "deploy.replicas", "--replicas", str(self.count), "--port", str(self.port)),
            *("--first-app-port", str(self.first_app_port), "--run-dir", str(self.run_dir)),
        ]
        with (self.run_dir.parent / f"{self.run_dir.name}.out").open("wb") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float = 90.0) -> None:
        """Until nginx and every replica answer their health checks."""
        deadline = time.monotonic() + timeout
        urls = [self.url, *(f"http://127.0.0.1:{p}" for p in self.ports)]
        while not all(healthy(url, timeout=2) for url in urls):
            if self.process.poll() is not None:
                raise RuntimeError(f"supervisord exited:\n{self.logs()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"not healthy within {timeout:.0f} s:\n{self.logs()}")
            time.sleep(0.2)

    def app_pids(self) -> dict[int, int]:
        """Each replica's port and the id of the process serving it, as supervisord started it."""
        found = {}
        for child in psutil.Process(self.process.pid).children():
            try:
                command = child.cmdline()
            except psutil.Error:  # gone, or a zombie not yet reaped by supervisord
                continue
            flag = next((a for a in command if a.startswith("--server.port=")), None)
            if flag and "streamlit" in command:
                found[int(flag.split("=", 1)[1])] = child.pid
        return found

    def held(self) -> dict[int, int]:
        """How many connections nginx holds open to each replica's port (a person's websocket is one)."""
        nginx = {p for p in self.pids() if _name(p) == "nginx"}
        counts = dict.fromkeys(self.ports, 0)
        for c in psutil.net_connections(kind="tcp"):
            if c.status == psutil.CONN_ESTABLISHED and c.raddr and c.raddr.port in counts and c.pid in nginx:
                counts[c.raddr.port] += 1
        return counts

    def settled(self, seconds: float = 10.0) -> dict[int, int]:
        """`held()` once it reads the same twice in a row, a quarter of a second apart."""
        deadline = time.monotonic() + seconds
        last = self.held()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.held()
            if now == last:
                return now
            last = now
        raise RuntimeError(f"nginx's connections to the replicas did not settle: {last}")

    def pids(self) -> list[int]:
        """supervisord and everything it runs."""
        supervisor = psutil.Process(self.process.pid)
        return [supervisor.pid, *(c.pid for c in supervisor.children(recursive=True))]

    def logs(self) -> str:
        path = self.run_dir / "supervisord.log"
        return path.read_text(errors="replace") if path.exists() else "(no supervisord.log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                stop(self.process)

    def __enter__(self) -> "Replicas":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

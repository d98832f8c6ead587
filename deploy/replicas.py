"""N app processes on loopback ports behind Debian's nginx, in the foreground: `make serve-replicas N=2`.

- One `server.cookieSecret`, generated at each start and handed to every replica through the
  STREAMLIT_SERVER_COOKIE_SECRET environment variable (never on a command line, where `ps` shows it).
- nginx runs as a child process from a config written into a fresh run directory (no system service),
  with sticky sessions by cookie and websocket upgrades; see deploy/nginx.conf.template.
- Health: each replica's /_stcore/health is checked every few seconds; a replica that dies or stops
  answering is restarted, and nginx routes around it meanwhile (max_fails). nginx answers
  /_stcore/health itself from any live replica.

Ctrl-C or SIGTERM stops nginx and every replica. `python -m deploy.replicas --help` lists the options.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy.hardening import HEADERS
from deploy.processes import stop
from deploy.production import FLAGS, SCRIPT

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHECK_EVERY = 5.0
FAILS_BEFORE_RESTART = 3


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as reply:  # noqa: S310 - local
            return reply.read() == b"ok"
    except OSError:
        return False


def security_headers(indent: str = "            ") -> str:
    """nginx lines that send each of the app's security headers once, on every answer."""
    lines = []
    for name, value in HEADERS.items():
        lines.append(f"{indent}proxy_hide_header {name};")
        lines.append(f'{indent}add_header {name} "{value}" always;')
    return "\n".join(lines)


class Replica:
    def __init__(self, index: int, port: int, run_dir: Path, env: dict[str, str], script: str) -> None:
        self.index, self.port, self.env, self.script = index, port, env, script
        self.url = f"http://127.0.0.1:{port}"
        self.log = run_dir / f"replica-{index}.log"
        self.fails = 0
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            f"--server.port={self.port}",
            "--server.address=127.0.0.1",
            *FLAGS,
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=self.env
            )
        self.fails = 0

    def stop(self) -> None:
        stop(self.process)


class Replicas:
    """Start with `start()`, stop with `stop()`; `url` is nginx's address, `pids()` every server process."""

    def __init__(
        self,
        count: int = 2,
        port: int = 0,
        address: str = "127.0.0.1",
        script: str = SCRIPT,
        run_dir: Path | None = None,
    ) -> None:
        if count < 1:
            raise ValueError("at least one replica")
        self.count, self.address, self.script = count, address, script
        self.port = port or free_port(address)
        host = "127.0.0.1" if address in ("0.0.0.0", "::") else address  # noqa: S104 - only a comparison
        self.url = f"http://{host}:{self.port}"
        self._tmp = None if run_dir else tempfile.TemporaryDirectory(prefix="replicas-")
        self.run_dir = Path(run_dir or self._tmp.name)
        self.replicas: list[Replica] = []
        self.nginx: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> "Replicas":
        self.run_dir.mkdir(parents=True, exist_ok=True)
        home = self.run_dir / "home"
        home.mkdir(exist_ok=True)
        env = {
            **os.environ,
            "HOME": str(home),
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
        }
        ports = [free_port() for _ in range(self.count)]
        self.replicas = [Replica(i, p, self.run_dir, env, self.script) for i, p in enumerate(ports)]
        for replica in self.replicas:
            replica.start()
        self._wait(lambda: all(healthy(r.url) for r in self.replicas), timeout, "replicas")
        self._start_nginx()
        self._wait(lambda: healthy(self.url), 30.0, "nginx")
        return self

    def _start_nginx(self) -> None:
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / "tmp" / name).mkdir(parents=True, exist_ok=True)
        user = ""
        if os.geteuid() == 0:
            # nginx's workers drop root for `nobody`, who must be able to reach the temp directories.
            user = "user nobody nogroup;"
            os.chmod(self.run_dir, 0o755)  # noqa: S103 - holds no secret: only the config and logs
            for path in (self.run_dir / "tmp", *(self.run_dir / "tmp").iterdir()):
                shutil.chown(path, "nobody", "nogroup")
        servers = "\n".join(f"        server 127.0.0.1:{r.port} max_fails=2 fail_timeout=5s;" for r in self.replicas)
        config = (
            TEMPLATE.read_text(encoding="utf-8")
            .replace("@@USER@@", user)
            .replace("@@RUN_DIR@@", str(self.run_dir))
            .replace("@@REPLICAS@@", str(self.count))
            .replace("@@SERVERS@@", servers)
            .replace("@@ADDRESS@@", self.address)
            .replace("@@PORT@@", str(self.port))
            .replace("@@SECURITY_HEADERS@@", security_headers())
        )
        path = self.run_dir / "nginx.conf"
        path.write_text(config, encoding="utf-8")
        check = subprocess.run(  # noqa: S603
            [NGINX, "-t", "-q", "-p", str(self.run_dir), "-c", str(path), "-e", "stderr"],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected {path}:\n{check.stderr}")
        with (self.run_dir / "nginx.log").open("ab") as out:
            self.nginx = subprocess.Popen(  # noqa: S603
                [NGINX, "-p", str(self.run_dir), "-c", str(path), "-e", "stderr", "-g", "daemon off;"],
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def _wait(self, ready, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(r.process.poll() is not None for r in self.replicas):
                raise RuntimeError(f"a replica exited while starting; logs in {self.run_dir}")
            if self.nginx is not None and self.nginx.poll() is not None:
                raise RuntimeError(f"nginx exited:\n{(self.run_dir / 'nginx.log').read_text(errors='replace')}")
            if ready():
                return
            time.sleep(0.1)
        raise RuntimeError(f"{what} not healthy within {timeout:.0f} s; logs in {self.run_dir}")

    def check(self) -> None:
        """One round of health checks: restart any replica that died or failed several checks in a row."""
        for replica in self.replicas:
            if replica.process.poll() is None and healthy(replica.url):
                replica.fails = 0
                continue
            replica.fails += 1
            if replica.process.poll() is not None or replica.fails >= FAILS_BEFORE_RESTART:
                print(f"replica {replica.index} on port {replica.port} unhealthy: restarting", flush=True)
                replica.stop()
                replica.start()
        if self.nginx is not None and self.nginx.poll() is not None:
            raise RuntimeError("nginx exited")

    def pids(self) -> list[int]:
        """The replicas' processes."""
        return [r.process.pid for r in self.replicas if r.process is not None]

    def nginx_pids(self) -> list[int]:
        """nginx's master and worker processes."""
        if self.nginx is None or self.nginx.poll() is not None:
            return []
        import psutil

        master = psutil.Process(self.nginx.pid)
        return [master.pid, *(child.pid for child in master.children())]

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish open requests
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for replica in self.replicas:
            replica.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> "Replicas":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--replicas", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="nginx's port (default 8501)")
    parser.add_argument("--address", default="127.0.0.1", help="nginx's address (default 127.0.0.1)")
    args = parser.parse_args()

    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    replicas = Replicas(args.replicas, args.port, args.address)
    try:
        replicas.start()
        ports = ", ".join(str(r.port) for r in replicas.replicas)
        print(f"{args.replicas} replicas (ports {ports}) behind nginx at {replicas.url}", flush=True)
        print(f"logs and nginx.conf in {replicas.run_dir}; Ctrl-C stops everything", flush=True)
        while not stopping:
            deadline = time.monotonic() + CHECK_EVERY
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.2)
            if not stopping:
                replicas.check()
    finally:
        replicas.stop()


if __name__ == "__main__":
    main()

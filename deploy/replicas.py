"""`make serve-replicas N=2`: N app processes and nginx under supervisord, in the foreground.

supervisord runs them from deploy/supervisord.conf, restarts what exits or stops answering its health check,
and stops everything on Ctrl-C or SIGTERM. This only prepares what the two read, then becomes supervisord:

- a run directory for logs, pid files and nginx's config, rendered from deploy/nginx/*.conf.template with
  `string.Template` (`${NAME}`; nginx's own `$name` variables are left as they are) and checked by `nginx -t`;
- one `server.cookieSecret` for every replica, generated at each start and passed in the environment
  (STREAMLIT_SERVER_COOKIE_SECRET), never on a command line, where `ps` shows it.

`python -m deploy.replicas --help` lists the options.
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONF = HERE / "supervisord.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render(name: str, **values: str) -> str:
    return Template((HERE / "nginx" / f"{name}.conf.template").read_text(encoding="utf-8")).safe_substitute(values)


def prepare(replicas: int, port: int, address: str, first_app_port: int, run_dir: Path) -> dict[str, str]:
    """Write nginx's configuration into `run_dir` and check it; return supervisord's environment."""
    if replicas < 1:
        raise ValueError("at least one replica")
    for folder in (run_dir, run_dir / "home", run_dir / "tmp"):
        folder.mkdir(parents=True, exist_ok=True)
    user = ""
    if os.geteuid() == 0:
        # nginx's workers drop root for `nobody`, who must reach the run directory (it holds no secret).
        user = "user nobody nogroup;"
        run_dir.chmod(0o755)
    ports = range(first_app_port, first_app_port + replicas)
    servers = "\n    ".join(f"server 127.0.0.1:{p} max_fails=2 fail_timeout=5s;" for p in ports)
    (run_dir / "site.conf").write_text(render("site", LISTEN=f"{address}:{port}", APP_SERVERS=servers))
    (run_dir / "nginx.conf").write_text(render("host", USER=user, RUN_DIR=str(run_dir)))
    check = subprocess.run(  # noqa: S603 - Debian's nginx and our own file
        [NGINX, "-t", "-q", "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )
    if check.returncode != 0:
        raise RuntimeError(f"nginx rejected {run_dir / 'nginx.conf'}:\n{check.stderr}")
    return {
        **os.environ,
        "ROOT": str(ROOT),
        "RUN_DIR": str(run_dir),
        "PYTHON": sys.executable,
        "NGINX_BINARY": NGINX,  # not NGINX: nginx reads that variable as listening sockets handed down to it
        "REPLICAS": str(replicas),
        "FIRST_APP_PORT": str(first_app_port),
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
    }


def main() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--replicas", type=int, default=2, help="app processes (default 2)")
    parser.add_argument("--port", type=int, default=config["port"], help="nginx's port (config.toml's)")
    parser.add_argument("--address", default=config["address"], help="nginx's address (config.toml's)")
    parser.add_argument("--first-app-port", type=int, help="the replicas' ports start here (default: port + 1)")
    parser.add_argument("--run-dir", type=Path, help="for logs and nginx's config (default: a new temporary one)")
    args = parser.parse_args()
    run_dir = (args.run_dir or Path(tempfile.mkdtemp(prefix="replicas-"))).resolve()
    env = prepare(args.replicas, args.port, args.address, args.first_app_port or args.port + 1, run_dir)
    print(f"{args.replicas} replicas behind nginx at http://{args.address}:{args.port}; logs in {run_dir}", flush=True)
    os.execve(sys.executable, [sys.executable, "-m", "supervisor.supervisord", "-n", "-c", str(CONF)], env)  # noqa: S606


if __name__ == "__main__":
    main()

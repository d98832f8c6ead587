"""supervisord's [program:nginx] (deploy/supervisord.conf): end what is left of an nginx killed with SIGKILL,
then become nginx. `python -m deploy.nginx_start PID_FILE NGINX [ARG ...]`.

nginx's master starts the worker that holds the listening socket and answers requests. Killed with SIGKILL (the
OOM killer, a person with a shell), the master cannot take its worker with it: the worker lives on, orphaned,
holding the port with no master to restart it, and every nginx supervisord then starts fails to bind() and
exits, in a restart loop that never ends. The other ways out do not hold:

- `stopasgroup`/`killasgroup` act only when supervisord stops a program itself, not when it dies of its own
  (they are set for nginx all the same, for a stop whose SIGQUIT times out and ends in SIGKILL);
- `daemon off` (as supervisord runs nginx) keeps the master in the foreground; its worker is orphaned all the
  same when the master is killed;
- `master_process off` leaves one process and nothing to orphan, but nginx documents it for development only,
  and that one process never changes to `user` (nobody): as root, it would answer every client as root.

What holds: supervisord starts each program in a process group of its own, whose id is the program's pid; the
worker stays in its master's group, and the master's pid stays in nginx's pid file when it is killed. So
before starting, this ends (TERM, then KILL) every nginx process left in the group the pid file names, then
execs nginx in its own place: supervisord's child is nginx's master itself, its stop signal reaches nginx as
before, and no wrapper stays running to be killed in turn. A pid reused since cannot be hit: while a process
of the group lives, the kernel gives its id to no new process, and the file's pid alive means nothing is left.
"""

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """A process's state letter and process group, or None if it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, pgrp, ...
    return fields[0], int(fields[2])


def _name(pid: int) -> str:
    try:
        return (PROC / str(pid) / "comm").read_text().strip()
    except OSError:
        return ""


def left_behind(group: int) -> list[int]:
    """The live nginx processes of process group `group` (a zombie holds no socket and is not counted)."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[1] == group and stat[0] != "Z" and _name(int(entry.name)) == "nginx":
                found.append(int(entry.name))
    return found


def end_left_behind(pid_file: Path, seconds: float = 5.0) -> list[int]:
    """End what is left of the nginx whose master's pid `pid_file` holds, if that master is gone."""
    try:
        master = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return []  # no pid file: nginx stopped cleanly, or never ran
    state = _stat(master)
    if master <= 1 or (state is not None and state[0] != "Z"):
        return []  # the master lives (then nginx will say so), or its pid is another process's now
    pids = left_behind(master)
    for sig, wait in ((signal.SIGTERM, seconds / 2), (signal.SIGKILL, seconds / 2)):
        for pid in left_behind(master):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while left_behind(master) and time.monotonic() < deadline:
            time.sleep(0.05)
    return pids


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        sys.exit("usage: python -m deploy.nginx_start PID_FILE NGINX [ARG ...]")
    ended = end_left_behind(Path(argv[0]))
    if ended:
        print(f"ended {len(ended)} nginx process(es) left by a master that was killed", file=sys.stderr, flush=True)
    os.execv(argv[1], argv[1:])  # noqa: S606 - Debian's nginx, with supervisord.conf's arguments


if __name__ == "__main__":
    main(sys.argv[1:])

"""The replicas' health watch under supervisord (`make serve-replicas`): one event listener that, every 5 s
(supervisord's TICK_5), asks each running replica's /_stcore/health and restarts one that failed
`FAILURES` checks in a row (each waits `TIMEOUT` seconds at most), so a hung replica is back in about 15 s.

One listener for all the replicas, not one per replica: supervisord hands each event to just one listener of a
pool, so a pool of per-replica listeners (superlance's httpok with numprocs, as before) only ever checked the
first replica. Run by supervisord as `python -m deploy.watchdog`; it speaks supervisord's listener protocol on
standard input and output, and writes nothing else there.
"""

import os
import sys
from collections.abc import Callable
from typing import Any

from supervisor import childutils

from deploy.health import healthy

GROUP = "app"  # deploy/supervisord.conf's [program:app], whose process names end in their port
FAILURES = 2
TIMEOUT = 5.0


def check(processes: list[dict[str, Any]], failed: dict[str, int], is_healthy: Callable[[int], bool]) -> list[str]:
    """The replicas to restart now, by supervisord name ("app:app-8601"), counting failures in `failed`."""
    restart = []
    for info in processes:
        if info["group"] != GROUP or info["statename"] != "RUNNING":
            continue
        name = f"{info['group']}:{info['name']}"
        if is_healthy(int(info["name"].rsplit("-", 1)[1])):
            failed.pop(name, None)
            continue
        failed[name] = failed.get(name, 0) + 1
        if failed[name] >= FAILURES:
            failed.pop(name)
            restart.append(name)
    return restart


def main() -> None:
    rpc = childutils.getRPCInterface(os.environ)
    failed: dict[str, int] = {}
    while True:
        childutils.listener.wait(sys.stdin, sys.stdout)
        try:
            for name in check(
                rpc.supervisor.getAllProcessInfo(),
                failed,
                lambda port: healthy(f"http://127.0.0.1:{port}", timeout=TIMEOUT),
            ):
                print(f"restarting {name}: its health check failed {FAILURES} times", file=sys.stderr, flush=True)
                rpc.supervisor.stopProcess(name)  # SIGTERM, then SIGKILL after stopwaitsecs: a hung one stops too
                rpc.supervisor.startProcess(name)
        except Exception as error:
            print(f"health watch: {type(error).__name__}", file=sys.stderr, flush=True)
        childutils.listener.ok(sys.stdout)


if __name__ == "__main__":
    main()

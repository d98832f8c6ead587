"""`make bench`: time the rules with pytest-benchmark, load the app with Locust, print the table of docs/benchmarks.md.

1. bench/test_timings.py under pytest-benchmark, saved as timings.json.
2. Locust (bench/locustfile.py), headless, against the app (`streamlit run deploy/asgi.py`) and a bare
   Streamlit page (bench/bare_app.py) with the same configuration: first pages on both, whole
   questionnaires on the app and as many reruns on the bare page, one after another, on `--users` people
   at once for `--seconds` each, after a few first pages to warm each server. The servers' CPU time is read
   before and after each run (psutil), and Locust's own, its start-up included, from the operating
   system's accounting of finished children.
   Then, on the same app server, the server's CPU per reconnect (bench/reconnect.py): a new visitor's, the
   same browser resuming its own session, and a rerun on an open socket, to compare.
3. Locust's questionnaires against one replica and against `--replicas` behind nginx under supervisord
   (`make serve-replicas`), at `--replica-users` people at once, enough to saturate both.

Locust writes its CSV and JSON into `--out`; summary.json holds every figure of the table, which goes to
stdout as Markdown. Rates are over each Locust process's whole wall time, its start-up included, the same
for every set-up compared. Loopback only; every run is bounded by `--seconds`.
"""

import argparse
import asyncio
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from bench import reconnect
from tests.support.replicas import Replicas
from tests.support.servers import ROOT, SCRIPT, Server
from tests.support.session import Person, crowd, first_page

HERE = Path(__file__).resolve().parent
BARE = "bench/bare_app.py"
TIMINGS = (
    "evaluate",
    "answers_model_validate",
    "early_flags",
    "render_markdown",
    "fhir_bundle",
    "render_pdf",
    "load_content_uncached",
    "default_content_cached",
)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def timings(out: Path, answer_sets: int, smallest: bool) -> dict[str, dict[str, float]]:
    path = out / "timings.json"
    quick = ["--benchmark-min-rounds=1", "--benchmark-max-time=0.000001", "--benchmark-warmup=off"] if smallest else []
    command = [sys.executable, "-m", "pytest", "bench/test_timings.py", "-q", "-p", "no:cacheprovider"]
    command += [f"--answer-sets={answer_sets}", f"--benchmark-json={path}", "--benchmark-only", *quick]
    subprocess.run(command, cwd=ROOT, stdout=sys.stderr, check=True, timeout=1800)  # noqa: S603 - stdout: the table
    found = {b["name"].removeprefix("test_"): b["stats"] for b in json.loads(path.read_text())["benchmarks"]}
    return {name: {k: found[name][k] * 1e6 for k in ("median", "iqr", "mean")} | {"rounds": found[name]["rounds"]}
            for name in TIMINGS}  # fmt: skip


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu(pids: list[int]) -> float:
    return sum(sum(psutil.Process(p).cpu_times()[:2]) for p in pids)


def percentile(histogram: dict[str, int], share: float) -> float:
    """From Locust's histogram of response times (rounded ms -> count), as Locust computes its own."""
    total, seen = sum(histogram.values()), 0
    for ms, n in sorted((float(k), n) for k, n in histogram.items()):
        seen += n
        if seen >= share * total:
            return ms
    return float("nan")


def locust(user: str, url: str, users: int, seconds: int, prefix: Path, server_pids: list[int]) -> dict[str, Any]:
    """One headless Locust run of `user` against `url`; its figures per rerun, from its JSON file."""
    command = [
        *(sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), user, "--headless", "--only-summary"),
        *("--host", url, "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--stop-timeout", "60"),
        *("--csv", str(prefix), "--json-file", str(prefix), "--exit-code-on-error", "0", "--loglevel", "WARNING"),
    ]
    server_before, client_before = cpu(server_pids), children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 180, check=False)  # noqa: S603
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"locust {user} failed:\n{done.stderr[-3000:]}")
    server_cpu, client_cpu = cpu(server_pids) - server_before, children_cpu() - client_before
    entries = {e["name"]: e for e in json.loads(prefix.with_name(prefix.name + ".json").read_text())}
    reruns, visits = entries.get("rerun", {}), next((e for n, e in entries.items() if n != "rerun"), {})
    count = reruns.get("num_requests", 0)
    return {
        "users": users,
        "seconds": round(wall, 1),
        "visits": visits.get("num_requests", 0),
        "failed_visits": visits.get("num_failures", 0),
        "reruns": count,
        "reruns_per_s": round(count / wall, 1),
        "visits_per_s": round(visits.get("num_requests", 0) / wall, 2),
        "rerun_p50_ms": percentile(reruns.get("response_times", {}), 0.5),
        "rerun_p95_ms": percentile(reruns.get("response_times", {}), 0.95),
        "server_cpu_ms_per_rerun": round(server_cpu / count * 1000, 2) if count else None,
        "locust_cpu_ms_per_rerun": round(client_cpu / count * 1000, 2) if count else None,
    }


def warm(url: str, visits: int = 4) -> None:
    """A few first pages, so every process has imported and run its script before it is measured."""
    people = asyncio.run(crowd([first_page(url, Person(i)) for i in range(visits)], 120))
    if any(p.error for p in people):
        raise RuntimeError(f"warming {url} failed: {[p.error for p in people]}")


def load(out: Path, users: int, seconds: int, reconnects: int) -> tuple[dict[str, Any], dict[str, float]]:
    """The Locust runs' figures, and the reconnects' (bench/reconnect.py) on the same app server."""
    results = {}
    with Server(SCRIPT) as app, Server(BARE) as bare:
        warm(app.url)
        warm(bare.url)
        for name, user, server in (
            ("first_page_app", "FirstPage", app),
            ("first_page_bare", "FirstPage", bare),
            ("questionnaire_app", "Questionnaire", app),
            ("reruns_bare", "BareReruns", bare),
        ):
            log(f"locust {name}: {users} people, {seconds} s")
            results[name] = locust(user, server.url, users, seconds, out / name, [server.process.pid])
        log(f"reconnects: {reconnects} of each kind, one after another")
        reconnects_ms = asyncio.run(reconnect.measure(app, reconnects))
    return results, reconnects_ms


def replicas(out: Path, count: int, users: int, seconds: int) -> dict[str, Any]:
    results = {}
    for n in (1, count):
        with tempfile.TemporaryDirectory(prefix="bench-replicas-") as run, Replicas(n, Path(run) / "run") as served:
            warm(served.url, 4 * n)
            log(f"locust questionnaires on {n} replica(s) behind nginx: {users} people, {seconds} s")
            pids = list(served.app_pids().values())
            results[str(n)] = locust("Questionnaire", served.url, users, seconds, out / f"replicas_{n}", pids)
    return results


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def table(s: dict[str, Any]) -> str:
    """The table of docs/benchmarks.md, in Markdown, from summary.json's figures."""
    m, t, ld = s["machine"], s["timings"], s["load"]
    lines = [
        f"{m['nproc']} cores, Python {m['python']}, Streamlit {m['streamlit']}, Locust {m['locust']}; "
        f"load average {m['load_average'][0]:.1f} at the start (other work on the machine skews every figure)",
        "",
        "| rules and files (pytest-benchmark) | median µs | IQR µs | rounds |",
        "| --- | ---: | ---: | ---: |",
        *(f"| `{n}` | {t[n]['median']:.1f} | {t[n]['iqr']:.1f} | {t[n]['rounds']} |" for n in TIMINGS),
        "",
        f"| load (Locust, {ld['first_page_app']['users']} people at once) | app | bare page | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    pairs = (("first page", "first_page_app", "first_page_bare"), ("questionnaire", "questionnaire_app", "reruns_bare"))
    for label, a, b in pairs:
        x, y = ld[a], ld[b]
        lines += [
            f"| {label}: server CPU ms per rerun | {x['server_cpu_ms_per_rerun']} | {y['server_cpu_ms_per_rerun']} "
            f"| {ratio(x['server_cpu_ms_per_rerun'], y['server_cpu_ms_per_rerun'])} |",
            f"| {label}: rerun p50 / p95 ms | {x['rerun_p50_ms']:.0f} / {x['rerun_p95_ms']:.0f} "
            f"| {y['rerun_p50_ms']:.0f} / {y['rerun_p95_ms']:.0f} | |",
            f"| {label}: reruns per s | {x['reruns_per_s']} | {y['reruns_per_s']} | |",
            f"| {label}: Locust's CPU ms per rerun, its start-up included | {x['locust_cpu_ms_per_rerun']} "
            f"| {y['locust_cpu_ms_per_rerun']} | |",
        ]
    q = ld["questionnaire_app"]
    lines.append(f"| questionnaires completed per s (failed) | {q['visits_per_s']} ({q['failed_visits']}) | | |")
    r = s["reconnects"]
    lines += [
        "",
        "| reconnects, one after another (bench/reconnect.py) | server CPU ms |",
        "| --- | ---: |",
        f"| a new visitor's first page | {r['new_session']} |",
        f"| resuming one's own session on step {reconnect.STEPS + 1}, its socket closed | {r['resume_after_close']} |",
        f"| the same, its socket still open | {r['resume_while_open']} |",
        f"| a rerun of that step on an open socket | {r['rerun_on_open_socket']} |",
    ]
    if "replicas" in s:
        r = s["replicas"]
        most = max(r, key=int)
        one, many = r["1"], r[most]
        lines += [
            "",
            f"| behind nginx (Locust, {one['users']} people at once) | 1 replica | {most} replicas | ratio |",
            "| --- | ---: | ---: | ---: |",
            f"| reruns per s | {one['reruns_per_s']} | {many['reruns_per_s']} "
            f"| {ratio(many['reruns_per_s'], one['reruns_per_s'])} |",
            f"| questionnaires per s (failed) | {one['visits_per_s']} ({one['failed_visits']}) "
            f"| {many['visits_per_s']} ({many['failed_visits']}) | |",
            f"| rerun p50 / p95 ms | {one['rerun_p50_ms']:.0f} / {one['rerun_p95_ms']:.0f} "
            f"| {many['rerun_p50_ms']:.0f} / {many['rerun_p95_ms']:.0f} | |",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="people at once on one server (default 20)")
    parser.add_argument("--seconds", type=int, default=60, help="length of each Locust run (default 60)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx; 0 skips (default 2)")
    parser.add_argument("--replica-users", type=int, default=100, help="people at once on the replicas")
    parser.add_argument("--answer-sets", type=int, default=200, help="the timings' corpus (default 200)")
    parser.add_argument("--reconnects", type=int, default=30, help="reconnects of each kind (default 30)")
    parser.add_argument("--smallest", action="store_true", help="one round of each timing: a check, not a figure")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    import locust
    import streamlit

    summary: dict[str, Any] = {
        "machine": {
            "nproc": os.cpu_count(),
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "locust": locust.__version__,
            "load_average": os.getloadavg(),
        }
    }
    log("timings (pytest-benchmark) ...")
    summary["timings"] = timings(args.out, args.answer_sets, args.smallest)
    reconnects = min(args.reconnects, 2) if args.smallest else args.reconnects
    summary["load"], summary["reconnects"] = load(args.out, args.users, args.seconds, reconnects)
    if args.replicas:
        summary["replicas"] = replicas(args.out, args.replicas, args.replica_users, args.seconds)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table(summary))


if __name__ == "__main__":
    main()

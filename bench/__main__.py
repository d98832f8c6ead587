"""`make bench`: every figure of issue 27 ("fast again") from one run, each beside its goal, then the details.

1. bench/test_timings.py under pytest-benchmark, saved as timings.json.
2. Locust (bench/locustfile.py), headless, against the app (`streamlit run deploy/asgi.py`) and a bare
   Streamlit page (bench/bare_app.py) with the same configuration, one run after another, each `--seconds`
   long, after a few first pages to warm each server: first pages on both at each of `--first-page-people`
   people at once (40 and 200), then whole questionnaires on the app and as many reruns on the bare page at
   each of `--click-people` (10 and 40). The servers' CPU time is read before and after each run (psutil),
   and Locust's own, its start-up included, from the operating system's accounting of finished children.
   Then, on the same app server, the server's CPU per reconnect (bench/reconnect.py).
3. Locust's questionnaires against one replica and against `--replicas` behind nginx under supervisord
   (`make serve-replicas`), at `--replica-users` people at once: the server CPU per rerun of each.
4. Memory (bench/memory.py): RSS per person who stays, and after they leave, on a server of its own.
5. Whole visits in Chromium, static files included (bench/visit.py), on servers of their own.

Locust writes its CSV and JSON into `--out`; summary.json holds every figure, and the tables go to stdout as
Markdown: first the issue's figures, each with its goal and whether it is met, then the details. Rates are
over each Locust process's whole wall time, its start-up included. Loopback only; every run is bounded.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from bench import memory, reconnect, visit
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
    """One headless Locust run of `user` against `url`; its figures per rerun and per visit, from its JSON file.

    Locust lets every visit under way finish after `seconds` (`--stop-timeout`), so the server's CPU over the
    run is spent on whole visits only."""
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
    count, visited = reruns.get("num_requests", 0), visits.get("num_requests", 0)
    return {
        "users": users,
        "seconds": round(wall, 1),
        "visits": visited,
        "failed_visits": visits.get("num_failures", 0),
        "reruns": count,
        "reruns_per_s": round(count / wall, 1),
        "visits_per_s": round(visited / wall, 2),
        "reruns_per_visit": round(count / visited, 1) if visited else None,
        "rerun_p50_ms": percentile(reruns.get("response_times", {}), 0.5),
        "rerun_p95_ms": percentile(reruns.get("response_times", {}), 0.95),
        "server_cpu_ms_per_rerun": round(server_cpu / count * 1000, 2) if count else None,
        "server_cpu_ms_per_visit": round(server_cpu / visited * 1000, 1) if visited else None,
        "locust_cpu_ms_per_rerun": round(client_cpu / count * 1000, 2) if count else None,
    }


def warm(url: str, visits: int = 4) -> None:
    """A few first pages, so every process has imported and run its script before it is measured."""
    people = asyncio.run(crowd([first_page(url, Person(i)) for i in range(visits)], 120))
    if any(p.error for p in people):
        raise RuntimeError(f"warming {url} failed: {[p.error for p in people]}")


def load(
    out: Path, first_page_people: list[int], click_people: list[int], seconds: int, reconnects: int
) -> tuple[dict[str, Any], dict[str, float]]:
    """The Locust runs' figures, keyed `<scenario>_<app or bare>_<people>`, and the reconnects'
    (bench/reconnect.py) on the same app server."""
    runs = [("first_page", "FirstPage", "FirstPage", n) for n in first_page_people]
    runs += [("questionnaire", "Questionnaire", "BareReruns", n) for n in click_people]
    results = {}
    with Server(SCRIPT) as app, Server(BARE) as bare:
        warm(app.url)
        warm(bare.url)
        for scenario, app_user, bare_user, people in runs:
            for side, user, server in (("app", app_user, app), ("bare", bare_user, bare)):
                name = f"{scenario}_{side}_{people}"
                log(f"locust {name}: {people} people, {seconds} s")
                results[name] = locust(user, server.url, people, seconds, out / name, [server.process.pid])
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


def visits(count: int) -> dict[str, Any]:
    with Server(SCRIPT) as app, Server(BARE) as bare:
        return visit.measure(app, bare, count)


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def replica_runs(runs: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any], float | None]:
    """The replica runs compared: how many replicas the larger set had, the run on one, the run on that many,
    and the ratio of their server CPU per rerun (the many's to the one's)."""
    most = max(runs, key=int)
    one, many = runs["1"], runs[most]
    return most, one, many, ratio(many["server_cpu_ms_per_rerun"], one["server_cpu_ms_per_rerun"])


# --- the figures, each beside its goal -----------------------------------------------------------

NO_GOAL = "none set"


@dataclass(frozen=True)
class Figure:
    """One row of the first table: what was measured, in words and numbers, its goal and whether it is met."""

    label: str
    measured: str
    goal: str = NO_GOAL
    met: bool | None = None  # None: no goal

    def mark(self) -> str:
        return "no goal" if self.met is None else "met" if self.met else "not met"


def at_once(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'} at once"


def _at_most(value: float | None, limit: float) -> bool:
    return value is not None and value <= limit


def figures(s: dict[str, Any]) -> list[Figure]:
    """Issue 27's figures, in its order: first page, questionnaire, clicks, whole visit, memory, replicas."""
    ld, found = s["load"], []
    for n in s["first_page_people"]:
        a, b = ld[f"first_page_app_{n}"], ld[f"first_page_bare_{n}"]
        r = ratio(a["server_cpu_ms_per_rerun"], b["server_cpu_ms_per_rerun"])
        found += [
            Figure(
                f"first page, {at_once(n)}: server CPU, app / bare page",
                f"{r}x ({a['server_cpu_ms_per_rerun']} / {b['server_cpu_ms_per_rerun']} ms per first page)",
                "≤ 1.3x",
                _at_most(r, 1.3),
            ),
            Figure(
                f"first page, {at_once(n)}: failed first pages",
                f"{a['failed_visits']} of {a['visits']} (bare page: {b['failed_visits']} of {b['visits']})",
                "0",
                a["failed_visits"] == 0,
            ),
        ]
    for n in s["click_people"]:
        a, b = ld[f"questionnaire_app_{n}"], ld[f"questionnaire_bare_{n}"]
        per_rerun = ratio(a["server_cpu_ms_per_rerun"], b["server_cpu_ms_per_rerun"])
        floor = b["server_cpu_ms_per_rerun"] * a["reruns_per_visit"] if a["reruns_per_visit"] else None
        per_visit = ratio(a["server_cpu_ms_per_visit"], floor)
        found += [
            Figure(
                f"questionnaire, {at_once(n)}: server CPU per rerun, app / bare page",
                f"{per_rerun}x ({a['server_cpu_ms_per_rerun']} / {b['server_cpu_ms_per_rerun']} ms)",
                "≤ 2x",
                _at_most(per_rerun, 2),
            ),
            Figure(
                f"questionnaire, {at_once(n)}: server CPU per completed questionnaire, app / as many bare reruns",
                f"{per_visit}x ({a['server_cpu_ms_per_visit']} / {floor and round(floor, 1)} ms; "
                f"{a['reruns_per_visit']} reruns each, {a['visits'] - a['failed_visits']} completed, "
                f"{a['failed_visits']} failed)",
                "≤ 2x",
                _at_most(per_visit, 2),
            ),
        ]
    for n in s["click_people"]:
        a = ld[f"questionnaire_app_{n}"]
        last = n == max(s["click_people"])
        found.append(
            Figure(
                f"click latency, {at_once(n)}: p50 / p95",
                f"{a['rerun_p50_ms']:.0f} / {a['rerun_p95_ms']:.0f} ms",
                "p95 < 300 ms" if last else NO_GOAL,
                a["rerun_p95_ms"] < 300 if last else None,
            )
        )
    v = s["visit"]
    found += [
        Figure(
            "whole visit in Chromium, static files included: wall time",
            f"{v['app_visit_s']} s, its first page drawn in {v['app_first_page_ms']:.0f} ms "
            f"(bare page: {v['bare_first_page_ms']:.0f} ms)",
        ),
        Figure(
            "whole visit in Chromium, static files included: server CPU",
            f"{v['app_visit_server_cpu_ms']} ms (a bare page's first page: {v['bare_first_page_server_cpu_ms']} ms)",
        ),
    ]
    m = s["memory"]
    found += [
        Figure(
            f"memory: RSS per session, {m['people']} people staying on their summary",
            f"{m['per_session_kib']} KiB ({m['baseline_mib']} MiB before, {m['staying_mib']} MiB with them)",
        ),
        Figure(
            "memory: RSS after people leave, above the baseline",
            f"{m['kept_after_leaving_mib']} MiB ({m['after_leaving_mib']} MiB once their sessions ended)",
        ),
    ]
    if "replicas" in s:
        most, one, many, x = replica_runs(s["replicas"])
        found.append(
            Figure(
                f"replicas, {at_once(one['users'])}: server CPU per rerun, {most} replicas / 1",
                f"{x}x ({many['server_cpu_ms_per_rerun']} / {one['server_cpu_ms_per_rerun']} ms)",
                "≤ 1.1x (within 10%)",
                _at_most(x, 1.1),
            )
        )
    return found


def table(s: dict[str, Any]) -> str:
    """The tables of docs/benchmarks.md, in Markdown, from summary.json's figures."""
    m, t, ld = s["machine"], s["timings"], s["load"]
    lines = [
        f"{m['nproc']} cores, Python {m['python']}, Streamlit {m['streamlit']}, Locust {m['locust']}; "
        f"load average {m['load_average'][0]:.1f} at the start (other work on the machine skews every figure); "
        f"each Locust run {s['seconds']} s",
        "",
        "| issue 27's figures | measured | goal | |",
        "| --- | --- | --- | --- |",
        *(f"| {f.label} | {f.measured} | {f.goal} | {f.mark()} |" for f in figures(s)),
        "",
        "| rules and files (pytest-benchmark) | median µs | IQR µs | rounds |",
        "| --- | ---: | ---: | ---: |",
        *(f"| `{n}` | {t[n]['median']:.1f} | {t[n]['iqr']:.1f} | {t[n]['rounds']} |" for n in TIMINGS),
        "",
        "| load (Locust), app / bare page | people | server CPU ms per rerun | rerun p50 / p95 ms | reruns per s "
        "| visits (failed) | Locust's CPU ms per rerun |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, x in ld.items():
        scenario, side, people = name.rsplit("_", 2)
        what = (
            scenario.replace("_", " ")
            if side == "app"
            else "bare page, " + ("first page" if scenario == "first_page" else "reruns")
        )
        lines.append(
            f"| {what} | {people} | {x['server_cpu_ms_per_rerun']} | {x['rerun_p50_ms']:.0f} / {x['rerun_p95_ms']:.0f} "
            f"| {x['reruns_per_s']} | {x['visits']} ({x['failed_visits']}) | {x['locust_cpu_ms_per_rerun']} |"
        )
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
        most, one, many, cpu_ratio = replica_runs(s["replicas"])
        lines += [
            "",
            f"| behind nginx (Locust, {one['users']} people at once) | 1 replica | {most} replicas | ratio |",
            "| --- | ---: | ---: | ---: |",
            f"| server CPU ms per rerun, all replicas together | {one['server_cpu_ms_per_rerun']} "
            f"| {many['server_cpu_ms_per_rerun']} | {cpu_ratio} |",
            f"| reruns per s | {one['reruns_per_s']} | {many['reruns_per_s']} "
            f"| {ratio(many['reruns_per_s'], one['reruns_per_s'])} |",
            f"| questionnaires per s (failed) | {one['visits_per_s']} ({one['failed_visits']}) "
            f"| {many['visits_per_s']} ({many['failed_visits']}) | |",
            f"| rerun p50 / p95 ms | {one['rerun_p50_ms']:.0f} / {one['rerun_p95_ms']:.0f} "
            f"| {many['rerun_p50_ms']:.0f} / {many['rerun_p95_ms']:.0f} | |",
        ]
    return "\n".join(lines)


def _people(text: str) -> list[int]:
    return [int(n) for n in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first-page-people", type=_people, default=[40, 200], help="first pages: people at once")
    parser.add_argument("--click-people", type=_people, default=[10, 40], help="questionnaires: people at once")
    parser.add_argument("--seconds", type=int, default=30, help="length of each Locust run (default 30)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx; 0 skips (default 2)")
    parser.add_argument("--replica-users", type=int, default=40, help="people at once on the replicas (40)")
    parser.add_argument("--memory-people", type=int, default=20, help="people staying, for memory (default 20)")
    parser.add_argument("--visits", type=int, default=3, help="whole visits in Chromium (default 3)")
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
        },
        "seconds": args.seconds,
        "first_page_people": args.first_page_people,
        "click_people": args.click_people,
    }
    log("timings (pytest-benchmark) ...")
    summary["timings"] = timings(args.out, args.answer_sets, args.smallest)
    reconnects = min(args.reconnects, 2) if args.smallest else args.reconnects
    summary["load"], summary["reconnects"] = load(
        args.out, args.first_page_people, args.click_people, args.seconds, reconnects
    )
    if args.replicas:
        summary["replicas"] = replicas(args.out, args.replicas, args.replica_users, args.seconds)
    log(f"memory: {args.memory_people} people staying, then leaving")
    summary["memory"] = memory.measure(args.memory_people)
    log(f"whole visits in Chromium: {args.visits}")
    summary["visit"] = visits(args.visits)  # last: sync Playwright keeps an event loop of its own
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(table(summary))


if __name__ == "__main__":
    main()

"""`make bench`: the app against a bare Streamlit page, on this machine, written to bench/results.json.

Sections (each can be skipped, see --help):
  rules        median and p95 of `evaluate()` over a fixed corpus; content load cold, uncached, cached
  pages        server CPU of one rerun of each page, and of each answer (its question's fragment alone),
               one person alone
  load         N simulated people completing the questionnaire through Streamlit's websocket protocol,
               and the same number of reruns against the bare page; server CPU per rerun, latency,
               errors, throughput, app/bare ratios; also the first page alone
  gc           the same at the smallest size with Streamlit's default forced GC after every run
  replicas     throughput of N replicas behind nginx against one replica behind the same nginx: the most
               reruns per second each gets as the crowd grows (--replica-people), since a crowd too small
               for a set-up leaves its cores idle and measures the crowd, not the servers
  cold start   `streamlit run` to healthy, and to the first page idle in Chromium, app and bare
  memory       server RSS per open session after 1, 10, 50 people, and after they leave

Load is closed-loop: every simulated person sends their next step as soon as the last one finished, so
latencies include queueing behind everyone else on 2 cores. Loopback only; every loop is bounded in
count and time. Each figure is the median over --repeats runs, and every run is kept in results.json.
"""

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.corpus import answer_sets
from bench.loadgen import Person, Session, complete_questionnaire, crowd, first_page, rerun_bare
from bench.servers import APP, BARE, ROOT, Server
from deploy.production import FLAGS, STREAMLIT_DEFAULT_GC

RESULTS = ROOT / "bench" / "results.json"


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- machine ---------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import google.protobuf
    import streamlit
    import websockets

    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    nginx_version = None
    if Path(nginx).exists():
        nginx_version = subprocess.run([nginx, "-v"], capture_output=True, text=True, check=False).stderr.strip()  # noqa: S603
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "protobuf": google.protobuf.__version__,
        "websockets": websockets.__version__,
        "nginx": nginx_version,
        "load_average_at_start": os.getloadavg(),
        "server_flags": list(FLAGS),
    }


# --- the rules -------------------------------------------------------------------------------------------


def bench_rules(corpus_size: int, rounds: int) -> dict[str, Any]:
    from datetime import date

    from logic import Answers, default_content, evaluate, load_content, render_markdown, render_pdf
    from logic.fhir import bundle
    from logic.partial import early_flags

    content = default_content()
    drafts = answer_sets(corpus_size)
    answers = [Answers.model_validate(d) for d in drafts]

    def timed(fn: Callable[[Any], Any], items: list[Any], repeat: int) -> list[float]:
        samples = []
        for _ in range(repeat):
            for item in items:
                start = time.perf_counter_ns()
                fn(item)
                samples.append((time.perf_counter_ns() - start) / 1000)
        return samples

    def stats(samples: list[float]) -> dict[str, float]:
        return {
            "median_us": round(median(samples), 1),
            "p95_us": round(percentile(samples, 0.95), 1),
            "n": len(samples),
        }

    evaluate_us = timed(lambda a: evaluate(a, content), answers, rounds)
    validate_us = timed(Answers.model_validate, drafts, rounds)
    # What the pages call per rerun besides evaluate: early flags on the safety page, the download.
    early_us = timed(lambda d: early_flags(d, content), drafts, 1)
    summaries = [evaluate(a, content) for a in answers]
    today = date(2026, 1, 1)
    markdown_us = timed(
        lambda i: render_markdown(summaries[i], answers[i], content, today=today), list(range(len(answers))), 1
    )
    # The other take-away files, each made when its button is clicked (the PDF, the costly one, on 10 sets).
    fhir_us = timed(lambda a: json.dumps(bundle(a, content, authored=today), indent=2), answers, 1)
    pdf_us = timed(
        lambda i: render_pdf(summaries[i], answers[i], content, today=today), list(range(min(10, len(answers)))), 1
    )

    uncached = timed(lambda _: load_content(), list(range(20)), 1)
    cached = timed(lambda _: default_content(), list(range(1000)), 1)
    cold = []
    for _ in range(3):  # a fresh interpreter: imports, pydantic model building, reading and checking TOML
        code = (
            "import time; t = time.perf_counter(); from logic import load_content; load_content(); "
            "print(time.perf_counter() - t)"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
        cold.append(float(out.stdout) * 1e6)
    return {
        "corpus": {"answer_sets": corpus_size, "rounds": rounds, "seed": 6},
        "evaluate": stats(evaluate_us),
        "answers_model_validate": stats(validate_us),
        "early_flags": stats(early_us),
        "render_markdown": stats(markdown_us),
        "fhir_bundle": stats(fhir_us),
        "render_pdf": stats(pdf_us),
        "content": {
            "cold_import_and_load_us": round(median(cold)),
            "load_content_uncached_us": round(median(uncached)),
            "default_content_cached_us": round(median(cached), 2),
        },
    }


# --- load --------------------------------------------------------------------------------------------------


def phase(
    processes: list[psutil.Process],
    make_tasks: Callable[[], list[Coroutine]],
    deadline: float,
    proxy: list[psutil.Process] = (),
) -> tuple[list[Person], dict[str, Any]]:
    """Run one crowd of simulated people; CPU is read from the server processes before and after."""
    me = psutil.Process()

    def cpu(ps: list[psutil.Process]) -> float:
        return sum(p.cpu_times().user + p.cpu_times().system for p in ps)

    def busy() -> float:  # CPU seconds the whole machine has spent on anything
        t = psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    server_before, client_before, proxy_before, busy_before = cpu(processes), cpu([me]), cpu(proxy), busy()
    started = time.perf_counter()
    people = asyncio.run(crowd(make_tasks(), deadline))
    wall = time.perf_counter() - started
    server_cpu, client_cpu = cpu(processes) - server_before, cpu([me]) - client_before
    proxy_cpu = cpu(proxy) - proxy_before
    # Whatever else ran meanwhile (other people's builds and tests on a shared machine) took cores from
    # the servers, so it is reported beside the figures. With --target, the target's own processes are
    # counted here too, since their ids are not known.
    others = busy() - busy_before - server_cpu - client_cpu - proxy_cpu
    latencies = [s for p in people for s in p.latencies]
    reruns = len(latencies)
    errors = [p.error for p in people if p.error]
    return people, {
        "people": len(people),
        "reruns": reruns,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "wall_s": round(wall, 2),
        "server_cpu_s": round(server_cpu, 2),
        "server_cpu_ms_per_rerun": round(server_cpu / reruns * 1000, 2) if reruns and processes else None,
        "server_cores_used": round(server_cpu / wall, 2),
        "other_processes_cores_used": round(max(others, 0.0) / wall, 2),
        "client_cpu_ms_per_rerun": round(client_cpu / reruns * 1000, 2) if reruns else None,
        "proxy_cpu_ms_per_rerun": round(proxy_cpu / reruns * 1000, 2) if reruns and proxy else None,
        "reruns_per_s": round(reruns / wall, 1),
        "completed_per_s": round(sum(1 for p in people if not p.error) / wall, 2),
        "latency_p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
        "latency_p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
    }


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over repeats for the figures, sums for the errors."""
    out: dict[str, Any] = {"repeats": len(runs)}
    for key, value in runs[0].items():
        if key == "errors":
            out[key] = sum(r[key] for r in runs)
        elif key == "error_examples":
            out[key] = sorted({e for r in runs for e in r[key]})[:3]
        elif isinstance(value, int | float) and not isinstance(value, bool):
            numbers = [r[key] for r in runs if r[key] is not None]
            out[key] = round(median(numbers), 2) if numbers else None
        else:
            out[key] = value
    return out


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def questionnaire_pair(app: Server, bare: Server, size: int, deadline: float) -> tuple[dict, dict]:
    """`size` people complete the questionnaire on the app; then as many reruns each on the bare page."""
    from logic import default_content

    content = default_content()
    drafts = answer_sets(size)
    people, app_stats = phase(
        [app.ps],
        lambda: [complete_questionnaire(app.url, d, Person(i), content) for i, d in enumerate(drafts)],
        deadline,
    )
    _, bare_stats = phase(
        [bare.ps], lambda: [rerun_bare(bare.url, max(p.reruns, 1), Person(p.index)) for p in people], deadline
    )
    return app_stats, bare_stats


FIRST_VISITS = 300  # CPU times tick in 10 ms steps: a few dozen first pages are too few to measure


def first_page_pair(app: Server, bare: Server, size: int, deadline: float) -> tuple[dict, dict]:
    """`size` people at once, each opening the page as a new visitor until there were FIRST_VISITS."""
    visits = -(-FIRST_VISITS // size)
    pair = []
    for server in (app, bare):
        make = lambda url=server.url: [first_page(url, Person(i), visits=visits) for i in range(size)]  # noqa: E731
        pair.append(phase([server.ps], make, deadline)[1])
    return pair[0], pair[1]


def warm(*servers: Server) -> None:
    for server in servers:
        asyncio.run(crowd([first_page(server.url, Person(0))], 120))


def bench_load(sizes: list[int], repeats: int, flags: tuple[str, ...], deadline: float) -> dict[str, Any]:
    out: dict[str, Any] = {"flags": list(flags), "sizes": {}}
    with Server(APP, *flags) as app, Server(BARE, *flags) as bare:
        warm(app, bare)
        for size in sizes:
            runs: dict[str, list[dict]] = {"first_app": [], "first_bare": [], "app": [], "bare": []}
            for repeat in range(repeats):
                log(f"  {size} people, run {repeat + 1} of {repeats}")
                first_app, first_bare = first_page_pair(app, bare, size, deadline)
                runs["first_app"].append(first_app)
                runs["first_bare"].append(first_bare)
                app_stats, bare_stats = questionnaire_pair(app, bare, size, deadline)
                runs["app"].append(app_stats)
                runs["bare"].append(bare_stats)
            entry = {key: combine(value) for key, value in runs.items()}
            entry["first_page_cpu_ratio"] = ratio(
                entry["first_app"]["server_cpu_ms_per_rerun"], entry["first_bare"]["server_cpu_ms_per_rerun"]
            )
            entry["questionnaire_cpu_ratio"] = ratio(
                entry["app"]["server_cpu_ms_per_rerun"], entry["bare"]["server_cpu_ms_per_rerun"]
            )
            entry["runs"] = runs
            out["sizes"][str(size)] = entry
    return out


# --- cost of each page ------------------------------------------------------------------------------------

# The largest summary there is (28 flags, every mark, all 16 of the article's sections): the summary page's
# rerun at its most costly, before and after "read the rest".
LARGEST_ANSWERS: dict[str, Any] = {
    "current_symptoms": [
        "rash_or_blisters", "breathing_or_swelling", "infection_signs", "jaundice_or_dark_urine", "acne_with_fever"
    ],
    "changing_spot": True,
    "distress": "self_harm_thoughts",
    "age_group": "under_18",
    "pregnancy": "pregnant",
    "conditions": [
        "kidney", "liver", "thyroid", "g6pd_deficiency", "kidney_stones", "cancer_treatment", "asthma",
        "sulfite_sensitivity",
    ],
    "previous_reaction": "yes",
    "isotretinoin": "current",
    "skin_type": "V",
    "marks": ["brown_marks", "red_marks", "icepick", "boxcar", "rolling", "raised", "keloid"],
    "severity": "severe",
    "mark_age": "under_3_months",
    "active_acne": "nodules_or_cysts",
    "keloid_history": "yes",
    "routes": ["injection", "oral", "topical"],
    "setting": "online_purchase",
    "other_treatments": [
        "chemical_peel", "microneedling", "laser", "retinoid", "other_topicals", "whitening_products"
    ],
    "goals": ["fade_dark_marks", "fade_red_marks", "smooth_pits", "flatten_raised", "lighter_skin_overall"],
    "notes": "Booked for next week at a salon.\nIs that safe?",
}  # fmt: skip


def bench_pages(reruns: int, people: int) -> dict[str, Any]:
    """Server CPU of one rerun of each page, one person alone, so it is the page's cost and nothing else;
    and on each step, of one answer: the rerun of that question's fragment."""
    from bench.loadgen import fill_in
    from logic import default_content
    from logic.answers import STEP_FIELDS, field_options, is_multi
    from logic.vocab import Step
    from ui.state import widget_key

    content = default_content()
    samples: dict[str, list[dict[str, float]]] = {}

    async def one(server: Server, answers: dict[str, Any] | None, label: str = "") -> None:
        async def measure(name: str) -> None:
            if label:  # a named answer set: its summary only
                if name.startswith("summary"):
                    await measure_run(f"{name} ({label})")
                return
            await measure_run(name)
            if name in set(Step):  # and what an answer on the page costs: its question's fragment alone
                for field in STEP_FIELDS[Step(name)]:
                    key = widget_key(field, str(field_options(field)[0])) if is_multi(field) else widget_key(field)
                    await measure_run(f"  answer: {field}", redraw=key)

        async def measure_run(name: str, redraw: str | None = None) -> None:
            cpu, elements, received = server.cpu(), 0, 0
            for _ in range(reruns):
                run = await session.rerun(redraw=redraw)
                elements, received = elements + run.elements, received + run.received
            samples.setdefault(name, []).append(
                {
                    "cpu_ms": (server.cpu() - cpu) / reruns * 1000,
                    "elements": elements / reruns,
                    "kib": received / reruns / 1024,
                }
            )

        async with Session(server.url, max_reruns=reruns * 40 + 200) as session:  # pages and answers
            if answers is None:
                await session.rerun()
                await measure("bare page")
            else:
                await fill_in(session, answers, Person(0), content, at_page=measure)

    with Server(APP) as app, Server(BARE) as bare:
        warm(app, bare)
        for answers in answer_sets(people, seed=8):
            asyncio.run(one(app, answers))
            asyncio.run(one(bare, None))
            asyncio.run(one(app, LARGEST_ANSWERS, "largest answers"))
    return {
        "reruns_per_page": reruns,
        "answer_sets": people,
        "pages": {
            name: {key: round(median([s[key] for s in runs]), 2) for key in ("cpu_ms", "elements", "kib")}
            for name, runs in samples.items()
        },
    }


# --- replicas ----------------------------------------------------------------------------------------------


def bench_replicas(count: int, sizes: list[int], repeats: int, deadline: float, target: str | None) -> dict[str, Any]:
    """Throughput of `count` replicas behind nginx against one replica behind the same nginx config.

    Throughput is a capacity: the most reruns per second a set-up gives as the crowd grows (`sizes`), since a
    crowd too small for it leaves cores idle and measures the crowd instead. At each size both set-ups run
    side by side and take turns, so whatever else the machine is doing falls on both alike.
    """
    from contextlib import nullcontext

    from deploy.replicas import Replicas
    from logic import default_content

    content = default_content()

    def crowd_on(url: str, pids: list[int], nginx: list[int], drafts: list[dict[str, Any]]) -> dict[str, Any]:
        processes = [psutil.Process(pid) for pid in pids]
        proxy = [psutil.Process(pid) for pid in nginx]
        make = lambda: [complete_questionnaire(url, d, Person(i), content) for i, d in enumerate(drafts)]  # noqa: E731
        return phase(processes, make, deadline, proxy)[1]

    out: dict[str, Any] = {"people": sizes, "sizes": {}}
    with Replicas(1) as one, nullcontext() if target else Replicas(count) as many:
        many_url = target or many.url
        many_pids, many_nginx = ([], []) if target else (many.pids(), many.nginx_pids())
        for url in (one.url, many_url):  # warm every replica: imports and first runs
            asyncio.run(crowd([first_page(url, Person(i)) for i in range(4 * max(2, count))], 120))
        for size in sizes:
            drafts = answer_sets(size)
            runs: dict[str, list[dict[str, Any]]] = {"one": [], "many": []}
            for repeat in range(repeats):
                log(f"  {size} people, 1 replica then {target or f'{count} replicas'}, turn {repeat + 1} of {repeats}")
                runs["one"].append(crowd_on(one.url, one.pids(), one.nginx_pids(), drafts))
                runs["many"].append(crowd_on(many_url, many_pids, many_nginx, drafts))
            turns = [
                ratio(m["reruns_per_s"], o["reruns_per_s"]) for o, m in zip(runs["one"], runs["many"], strict=True)
            ]
            out["sizes"][str(size)] = {
                "one": combine(runs["one"]),
                "many": combine(runs["many"]),
                "throughput_ratios": turns,
                "throughput_ratio": round(median([t for t in turns if t]), 2) if any(turns) else None,
                "runs": runs,
            }
    out["target" if target else "replicas"] = target or count
    capacity = {setup: max(e[setup]["reruns_per_s"] for e in out["sizes"].values()) for setup in ("one", "many")}
    out["capacity_reruns_per_s"] = capacity
    out["throughput_ratio"] = ratio(capacity["many"], capacity["one"])
    return out


# --- cold start --------------------------------------------------------------------------------------------


def _open_in_browser(browser: Any, url: str) -> None:
    """A new browser profile (nothing cached) opens the page and waits until the first run is drawn."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url, timeout=60_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000)
        page.wait_for_selector("[data-testid='stMarkdownContainer']", timeout=60_000)
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    finally:
        context.close()


def bench_cold_start(repeats: int) -> dict[str, Any]:
    """Spawn to healthy, spawn to first page idle; then the server CPU of one more first visit by a new
    browser profile, which fetches Streamlit's static files as well as running the page (what a real new
    visitor costs, unlike the websocket-only first page of the load section)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for name, script in (("app", APP), ("bare", BARE)):
                healthy, idle, visit_cpu = [], [], []
                for _ in range(repeats):
                    with Server(script, wait=False) as server:
                        healthy.append(server.wait_healthy())
                        _open_in_browser(browser, server.url)
                        idle.append(time.perf_counter() - server.started_at)
                        for _ in range(4):
                            before = server.cpu()
                            _open_in_browser(browser, server.url)
                            visit_cpu.append((server.cpu() - before) * 1000)
                out[name] = {
                    "to_healthy_s": round(median(healthy), 2),
                    "to_first_page_idle_s": round(median(idle), 2),
                    "browser_first_visit_server_cpu_ms": round(median(visit_cpu), 1),
                    "runs": {"to_healthy_s": healthy, "to_first_page_idle_s": idle, "first_visit_cpu_ms": visit_cpu},
                }
        finally:
            browser.close()
    out["ratio_to_idle"] = ratio(out["app"]["to_first_page_idle_s"], out["bare"]["to_first_page_idle_s"])
    out["first_visit_cpu_ratio"] = ratio(
        out["app"]["browser_first_visit_server_cpu_ms"], out["bare"]["browser_first_visit_server_cpu_ms"]
    )
    return out


# --- memory ------------------------------------------------------------------------------------------------


def bench_memory(sizes: list[int], deadline: float) -> dict[str, Any]:
    """RSS of a fresh server as people arrive and stay (each completes the questionnaire), then leave."""
    ttl = 2
    flags = (*FLAGS, f"--server.disconnectedSessionTTL={ttl}")
    out: dict[str, Any] = {"disconnected_session_ttl_s": ttl}
    for name, script in (("app", APP), ("bare", BARE)):
        with Server(script, *flags) as server:
            out[name] = asyncio.run(_memory(server, name == "app", sorted(sizes), ttl, deadline))
    return out


async def _memory(server: Server, is_app: bool, sizes: list[int], ttl: int, deadline: float) -> dict[str, Any]:
    """One event loop for the whole run, so the sessions kept open stay connected between groups."""
    from logic import default_content

    content = default_content()
    drafts = answer_sets(max(sizes) + 1, seed=7)
    # Warm up: one whole questionnaire (or one page), so every page's code has run once before the baseline.
    if is_app:
        await crowd([complete_questionnaire(server.url, drafts[-1], Person(0), content)], deadline)
    else:
        await crowd([first_page(server.url, Person(0))], deadline)
    await asyncio.sleep(ttl + 1)
    await crowd([first_page(server.url, Person(0))], deadline)  # lets the store drop the warm-up session
    await asyncio.sleep(1)
    base = server.rss()
    held: list[Session] = []
    points, errors = [], 0
    for size in sizes:
        start = len(held)
        if is_app:
            tasks = [
                complete_questionnaire(server.url, drafts[i], Person(i), content, keep=held) for i in range(start, size)
            ]
        else:
            tasks = [rerun_bare(server.url, 28, Person(i), keep=held) for i in range(start, size)]
        errors += sum(1 for p in await crowd(tasks, deadline) if p.error)
        await asyncio.sleep(0.5)
        rss = server.rss()
        points.append(
            {
                "sessions": size,
                "rss_mib": round(rss / 2**20, 1),
                "per_session_kib": round((rss - base) / size / 1024, 1),
            }
        )
    # Leave; once the disconnected sessions' TTL has passed, one more visit makes the store drop them.
    for session in held:
        await asyncio.wait_for(session.close(), timeout=10)
    await asyncio.sleep(ttl + 1)
    await crowd([first_page(server.url, Person(0))], deadline)
    await asyncio.sleep(1)
    return {
        "baseline_rss_mib": round(base / 2**20, 1),
        "points": points,
        "after_leaving_rss_mib": round(server.rss() / 2**20, 1),
        "errors": errors,
    }


# --- the table ---------------------------------------------------------------------------------------------


def grid(header: list[str], rows: list[list[Any]], indent: str = "  ") -> list[str]:
    """Rows as right-aligned columns (the first column left-aligned), widths from the widest cell."""
    cells = [header, *[["-" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return [
        indent + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        for r in cells
    ]


def table(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Machine: {m['nproc']} cores, {m['cpu_model']}, {m['memory_gib']} GiB; Python {m['python']}, "
        f"Streamlit {m['streamlit']}; {m['date']}",
        f"Load average (1 min) at start {m['load_average_at_start'][0]:.1f}, at end "
        f"{m.get('load_average_at_end', [float('nan')])[0]:.1f}: other work on the machine skews every figure",
        f"Server flags: {' '.join(m['server_flags'])}",
    ]
    if "rules" in results:
        r = results["rules"]
        lines += ["", f"Rules: {r['corpus']['answer_sets']} answer sets x {r['corpus']['rounds']} rounds"]
        keys = ("evaluate", "answers_model_validate", "early_flags", "render_markdown", "fhir_bundle", "render_pdf")
        lines += grid(["", "median µs", "p95 µs"], [[k, r[k]["median_us"], r[k]["p95_us"]] for k in keys])
        lines.append("  (the files, render_markdown to render_pdf, are made only when a person clicks to download)")
        c = r["content"]
        lines.append(
            f"  content: cold (new interpreter, imports included) {c['cold_import_and_load_us'] / 1000:.0f} ms; "
            f"load_content() {c['load_content_uncached_us'] / 1000:.1f} ms; "
            f"default_content(), cached per process, {c['default_content_cached_us']} µs"
        )
    if "pages" in results:
        p = results["pages"]
        lines += ["", f"One rerun of each page, one person alone (median of {p['answer_sets']} answer sets)"]
        lines += grid(
            ["page", "server CPU ms", "elements", "KiB sent"],
            [[n, e["cpu_ms"], e["elements"], e["kib"]] for n, e in p["pages"].items()],
        )
    for key, title in (("load", "Load"), ("load_streamlit_default_gc", "Load, Streamlit's default GC after each run")):
        if key not in results:
            continue
        lines += ["", f"{title}: closed loop; CPU per rerun; medians of {results['repeats']} runs"]
        rows = []
        for size, e in results[key]["sizes"].items():
            for label, a, b, rt in (
                ("first page", e["first_app"], e["first_bare"], e["first_page_cpu_ratio"]),
                ("questionnaire", e["app"], e["bare"], e["questionnaire_cpu_ratio"]),
            ):
                rows.append(
                    [
                        f"{size} people, {label}",
                        a["server_cpu_ms_per_rerun"],
                        b["server_cpu_ms_per_rerun"],
                        rt,
                        f"{a['latency_p50_ms']:.0f}/{a['latency_p95_ms']:.0f}",
                        f"{b['latency_p50_ms']:.0f}/{b['latency_p95_ms']:.0f}",
                        a["reruns_per_s"],
                        b["reruns_per_s"],
                        a["client_cpu_ms_per_rerun"],
                        max(a["other_processes_cores_used"], b["other_processes_cores_used"]),
                        a["errors"] + b["errors"],
                    ]
                )
        lines += grid(
            [
                "",
                "app ms",
                "bare ms",
                "ratio",
                "app p50/p95",
                "bare p50/p95",
                "app rps",
                "bare rps",
                "client ms",
                "others",
                "errors",
            ],
            rows,
        )
        per_person = [e["app"]["reruns"] / e["app"]["people"] for e in results[key]["sizes"].values()]
        lines.append(
            f"  ({median(per_person):.0f} reruns per questionnaire; latencies in ms, queueing included; client: the"
            " load generator's CPU per rerun; others: cores other processes took meanwhile)"
        )
    if "replicas" in results:
        r = results["replicas"]
        many = r.get("target") or f"{r['replicas']} replicas"
        lines += ["", f"Behind nginx: throughput as the crowd grows (medians of {results['repeats']} turns)"]
        rows = []
        for size, e in r["sizes"].items():
            for label, x in (("1 replica", e["one"]), (many, e["many"])):
                rows.append(
                    [
                        f"{size} people, {label}",
                        x["reruns_per_s"],
                        x["completed_per_s"],
                        f"{x['latency_p50_ms']:.0f}/{x['latency_p95_ms']:.0f}",
                        x["server_cpu_ms_per_rerun"],
                        x["proxy_cpu_ms_per_rerun"],
                        x["client_cpu_ms_per_rerun"],
                        x["server_cores_used"],
                        x["other_processes_cores_used"],
                        x["errors"],
                    ]
                )
        lines += grid(
            ["", "rerun/s", "done/s", "p50/p95 ms", "app ms", "nginx ms", "client ms", "app cores", "others", "errors"],
            rows,
        )
        c = r["capacity_reruns_per_s"]
        by_size = ", ".join(f"{size} people {e['throughput_ratio']}" for size, e in r["sizes"].items())
        lines += [
            f"  throughput, the most rerun/s at any crowd size: 1 replica {c['one']}, {many} {c['many']}:"
            f" {r['throughput_ratio']}x",
            f"  (ratio at each size: {by_size}; app cores: what the replicas used; others: cores other processes"
            f" took meanwhile, of {m['nproc']}; the load generator and nginx share the same cores)",
        ]
    if "cold_start" in results:
        c = results["cold_start"]
        lines += ["", "Cold start from `streamlit run`, and a new visitor in Chromium (medians)"]
        lines += grid(
            ["", "to healthy s", "to first page idle s", "server CPU of a new visitor ms"],
            [
                [n, c[n]["to_healthy_s"], c[n]["to_first_page_idle_s"], c[n]["browser_first_visit_server_cpu_ms"]]
                for n in ("app", "bare")
            ],
        )
        lines.append(
            f"  ratios app/bare: to first page idle {c['ratio_to_idle']}, new visitor CPU {c['first_visit_cpu_ratio']}"
            " (static files included)"
        )
        if "load" in results:
            # A whole visit: a new visitor's page load, then the questionnaire's reruns at the smallest load.
            e = next(iter(results["load"]["sizes"].values()))
            reruns = e["app"]["reruns"] / e["app"]["people"] - 1
            app_visit = c["app"]["browser_first_visit_server_cpu_ms"] + reruns * e["app"]["server_cpu_ms_per_rerun"]
            bare_visit = c["bare"]["browser_first_visit_server_cpu_ms"] + reruns * e["bare"]["server_cpu_ms_per_rerun"]
            lines.append(
                f"  a whole visit (new visitor + {reruns:.0f} reruns): app {app_visit:.0f} ms, bare {bare_visit:.0f} ms"
                f" of server CPU, ratio {ratio(app_visit, bare_visit)}"
            )
    if "memory" in results:
        mem = results["memory"]
        counts = [p["sessions"] for p in mem["app"]["points"]]
        lines += [
            "",
            "Memory: server RSS; per open session = growth over the baseline / sessions open ('noise': the",
            "  growth was under 2 MiB in all, within what RSS moves by itself as Python's allocator keeps or frees",
            "  memory)",
        ]
        lines += grid(
            ["", "baseline MiB", *(f"KiB/session at {n}" for n in counts), "MiB at most", "MiB after leaving"],
            [
                [
                    n,
                    mem[n]["baseline_rss_mib"],
                    *(
                        p["per_session_kib"] if abs(p["per_session_kib"] * p["sessions"]) >= 2048 else "noise"
                        for p in mem[n]["points"]
                    ),
                    mem[n]["points"][-1]["rss_mib"],
                    mem[n]["after_leaving_rss_mib"],
                ]
                for n in ("app", "bare")
            ],
        )
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,100", help="simulated people per load run (default 10,50,100)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx; 0 skips (default 2)")
    parser.add_argument(
        "--replica-people",
        default="100,200,300",
        help="crowd sizes for the replicas' throughput, which is the most any size gets (default 100,200,300)",
    )
    parser.add_argument("--target", help="a running URL (loopback) to load instead of starting replicas")
    parser.add_argument("--memory-sizes", default="1,10,50")
    parser.add_argument("--cold-repeats", type=int, default=3)
    parser.add_argument("--page-reruns", type=int, default=50, help="reruns of each page and answer (default 50)")
    parser.add_argument("--deadline", type=float, default=900.0, help="seconds any one crowd may take")
    parser.add_argument(
        "--skip", default="", help="comma-separated: rules,pages,load,gc,replicas,cold,memory (e.g. --skip cold,memory)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sizes = _sizes(args.sizes)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.target:
        from bench.loadgen import check_loopback

        check_loopback(args.target)

    results: dict[str, Any] = {"machine": machine(), "repeats": args.repeats, "sizes": sizes}
    began = time.perf_counter()
    steps: list[tuple[str, str, Callable[[], Any]]] = [
        ("rules", "rules", lambda: bench_rules(500, 5)),
        ("pages", "pages", lambda: bench_pages(args.page_reruns, args.repeats)),
        ("load", "load", lambda: bench_load(sizes, args.repeats, FLAGS, args.deadline)),
        (
            "gc",
            "load_streamlit_default_gc",
            lambda: bench_load(sizes[:1], args.repeats, STREAMLIT_DEFAULT_GC, args.deadline),
        ),
        ("cold", "cold_start", lambda: bench_cold_start(args.cold_repeats)),
        ("memory", "memory", lambda: bench_memory(_sizes(args.memory_sizes), args.deadline)),
    ]
    if args.replicas and not args.target and not Path(shutil.which("nginx") or "/usr/sbin/nginx").exists():
        log("no nginx here (make nginx-deps installs Debian's): skipping the replicas")
    elif args.replicas or args.target:
        steps.insert(
            3,
            (
                "replicas",
                "replicas",
                lambda: bench_replicas(
                    args.replicas, _sizes(args.replica_people), args.repeats, args.deadline, args.target
                ),
            ),
        )
    for name, key, step in steps:
        if name in skip:
            continue
        log(f"{name} ...")
        started = time.perf_counter()
        results[key] = step()
        results.setdefault("seconds", {})[name] = round(time.perf_counter() - started, 1)
    results["seconds"]["total"] = round(time.perf_counter() - began, 1)
    results["machine"]["load_average_at_end"] = os.getloadavg()
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\n{results['seconds']['total']:.0f} s in all; every figure and run in {args.out}")


if __name__ == "__main__":
    main()

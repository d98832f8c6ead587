"""`make bench` end to end at its smallest, so that none of its parts rots unnoticed and none of issue 27's
figures goes missing from its table: pytest-benchmark's timings one round each, every Locust scenario for a
few seconds with one or two people, one and two replicas under supervisord, memory with two people, one whole
visit in Chromium, and the tables of docs/benchmarks.md from their output. Figures are not checked against
their goals, only that each was measured and printed beside its goal with a mark: speed is what `make bench`
reports, not what a test asserts."""

import json
import subprocess
import sys

import pytest

from tests.support.servers import ROOT

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

# Issue 27's figures, each with the goal it names ("none set" where it names none), in the words of the first
# table's rows, for the smallest run's crowds: first pages of 1 and 2 people, questionnaires of 1 and 2.
FIGURES = {
    "first page, 1 person at once: server CPU, app / bare page": "≤ 1.3x",
    "first page, 1 person at once: failed first pages": "0",
    "first page, 2 people at once: server CPU, app / bare page": "≤ 1.3x",
    "first page, 2 people at once: failed first pages": "0",
    "questionnaire, 1 person at once: server CPU per rerun, app / bare page": "≤ 2x",
    "questionnaire, 1 person at once: server CPU per completed questionnaire, app / as many bare reruns": "≤ 2x",
    "questionnaire, 2 people at once: server CPU per rerun, app / bare page": "≤ 2x",
    "questionnaire, 2 people at once: server CPU per completed questionnaire, app / as many bare reruns": "≤ 2x",
    "click latency, 1 person at once: p50 / p95": "none set",
    "click latency, 2 people at once: p50 / p95": "p95 < 300 ms",
    "whole visit in Chromium, static files included: wall time": "none set",
    "whole visit in Chromium, static files included: server CPU": "none set",
    "memory: RSS per session, 2 people staying on their summary": "none set",
    "memory: RSS after people leave, above the baseline": "none set",
    "replicas, 2 people at once: server CPU per rerun, 2 replicas / 1": "≤ 1.1x (within 10%)",
}


def first_table(printed: str) -> dict[str, list[str]]:
    """The rows of the first Markdown table printed: each row's first cell -> its other cells."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| issue 27's figures |"))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        label, *cells = (cell.strip() for cell in line.strip("|").split(" | "))
        rows[label] = cells
    return rows


# Two servers, then two sets of replicas, a memory server and a browser's two; ten Locust runs of 4 s: about
# two minutes alone on two cores. The limit only stops a hang.
@pytest.mark.timeout(600)
def test_every_part_of_the_benchmark_runs_and_prints_every_figure_beside_its_goal(tmp_path):
    command = [
        *(sys.executable, "-m", "bench", "--smallest", "--answer-sets", "2", "--seconds", "4"),
        *("--first-page-people", "1,2", "--click-people", "1,2", "--memory-people", "2", "--visits", "1"),
        *("--replicas", "2", "--replica-users", "2", "--out", str(tmp_path)),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=540, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = first_table(done.stdout)
    assert list(rows) == list(FIGURES), "issue 27's figures, each once, in the issue's order"
    for label, goal in FIGURES.items():
        measured, printed_goal, mark = rows[label]
        assert printed_goal == goal, label
        assert mark in ("met", "not met", "no goal"), label
        assert (mark == "no goal") == (goal == "none set"), label
        assert any(c.isdigit() for c in measured) and "None" not in measured, f"{label}: {measured}"
    for heading in ("rules and files (pytest-benchmark)", "`render_pdf`", "load (Locust)", "behind nginx (Locust"):
        assert heading in done.stdout, heading
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert all(t["median"] > 0 for t in summary["timings"].values())
    runs = [*summary["load"].values(), *summary["replicas"].values()]
    assert len(runs) == 10
    assert all(run["reruns"] > 0 and run["server_cpu_ms_per_rerun"] > 0 for run in runs)
    assert all(run["failed_visits"] == 0 for run in runs)
    assert summary["load"]["questionnaire_app_1"]["visits"] >= 1, "at least one whole questionnaire in 4 s"
    assert summary["memory"]["errors"] == 0 and summary["memory"]["staying_mib"] > 0
    assert summary["visit"]["app_visit_server_cpu_ms"] > summary["visit"]["bare_first_page_server_cpu_ms"] > 0
    for written in ("timings.json", "questionnaire_app_1.json", "questionnaire_app_1_stats.csv", "replicas_2.json"):
        assert (tmp_path / written).stat().st_size > 0, written

"""`make bench` end to end at the smallest sizes, so that no section of the benchmark rots unnoticed."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Every section at its smallest still starts servers, replicas behind nginx and Chromium: about three
# minutes alone on two cores, more when the machine is shared. The limit only stops a hang; speed is what
# `make bench` measures, not this test.
@pytest.mark.browser  # the cold-start section opens the page in Chromium
@pytest.mark.timeout(720)
def test_every_section_of_the_benchmark_runs_and_prints_its_table(tmp_path):
    out = tmp_path / "results.json"
    command = [
        sys.executable, "-m", "bench.run",
        "--sizes", "2", "--repeats", "1", "--replicas", "2", "--replica-people", "2",
        "--memory-sizes", "1,2", "--cold-repeats", "1", "--page-reruns", "2", "--out", str(out),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=660, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    printed = done.stdout
    for heading in (
        "Rules:",
        "One rerun of each page",
        "answer: marks",
        "Load: closed loop",
        "Load, Streamlit's default GC",
        "Behind nginx",
        "Cold start",
        "Memory:",
    ):
        assert heading in printed, heading
    results = json.loads(out.read_text(encoding="utf-8"))
    entry = results["load"]["sizes"]["2"]
    assert entry["app"]["errors"] == entry["bare"]["errors"] == 0
    assert entry["app"]["reruns"] == entry["bare"]["reruns"] > 2 * 15  # two whole questionnaires, matched
    assert entry["questionnaire_cpu_ratio"] > 0
    assert results["replicas"]["throughput_ratio"] > 0
    assert results["machine"]["streamlit"] and results["machine"]["nproc"] >= 1

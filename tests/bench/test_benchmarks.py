"""`make bench` end to end at its smallest, so that none of its parts rots unnoticed: pytest-benchmark's
timings one round each, every Locust scenario for a few seconds with one or two people, one and two replicas
under supervisord, and the table of docs/benchmarks.md from their output. Figures are not checked, only that each part
ran and measured something: speed is what `make bench` reports, not what a test asserts."""

import json
import subprocess
import sys

import pytest

from tests.support.servers import ROOT

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration


# Two servers, two sets of replicas and six Locust runs of 5 s: about two minutes alone on two cores. The
# limit only stops a hang.
@pytest.mark.timeout(600)
def test_every_part_of_the_benchmark_runs_and_prints_the_table(tmp_path):
    command = [
        *(sys.executable, "-m", "bench", "--smallest", "--answer-sets", "2", "--users", "1", "--seconds", "5"),
        *("--replicas", "2", "--replica-users", "2", "--out", str(tmp_path)),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=540, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout
    for heading in ("rules and files (pytest-benchmark)", "`render_pdf`", "load (Locust", "behind nginx (Locust"):
        assert heading in table, heading
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert all(t["median"] > 0 for t in summary["timings"].values())
    runs = [*summary["load"].values(), *summary["replicas"].values()]
    assert all(run["reruns"] > 0 and run["server_cpu_ms_per_rerun"] > 0 for run in runs)
    assert all(run["failed_visits"] == 0 for run in runs)
    assert summary["load"]["questionnaire_app"]["visits"] >= 1, "at least one whole questionnaire in 5 s"
    for written in ("timings.json", "questionnaire_app.json", "questionnaire_app_stats.csv", "replicas_2.json"):
        assert (tmp_path / written).stat().st_size > 0, written

"""deploy/watchdog.py: every running replica is checked, and one is restarted after two failed checks in a row."""

from deploy.watchdog import FAILURES, check


def process(port: int, state: str = "RUNNING", group: str = "app") -> dict:
    return {"group": group, "name": f"{group}-{port}", "statename": state}


def test_each_running_replica_is_checked_and_a_failing_one_restarted_after_two_failures():
    processes = [process(8601), process(8602), process(8603, "STARTING"), process(0, group="nginx")]
    asked: list[int] = []

    def healthy(port: int) -> bool:
        asked.append(port)
        return port != 8602

    failed: dict[str, int] = {}
    assert check(processes, failed, healthy) == [] and failed == {"app:app-8602": 1}
    assert check(processes, failed, healthy) == ["app:app-8602"] and failed == {}
    assert asked == [8601, 8602] * FAILURES  # a starting replica and nginx are not asked


def test_a_replica_that_answers_again_starts_counting_from_zero():
    failed = {"app:app-8601": FAILURES - 1}
    assert check([process(8601)], failed, lambda port: True) == [] and failed == {}

"""How many cases each fuzzer tried in this run: filled by the tests, printed in pytest's terminal summary."""

CASES: dict[str, int] = {}


def record(name: str, tried: int) -> None:
    CASES[name] = CASES.get(name, 0) + tried

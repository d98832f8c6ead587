from tests.fuzz.counts import CASES


def pytest_terminal_summary(terminalreporter):
    if CASES:
        terminalreporter.section("fuzz cases tried")
        for name, tried in CASES.items():
            terminalreporter.write_line(f"{tried:>7,}  {name}")
        terminalreporter.write_line(f"{sum(CASES.values()):>7,}  in all")

"""`make bench`'s timings (bench/test_timings.py, pytest-benchmark): the size of the corpus they run over."""

import pytest


def pytest_addoption(parser):
    parser.addoption("--answer-sets", type=int, default=200, help="answer sets in the corpus (default 200)")


@pytest.fixture(scope="session")
def answer_count(request) -> int:
    return request.config.getoption("--answer-sets")

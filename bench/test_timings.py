"""The rules and the take-away files, timed by pytest-benchmark over a fixed, seeded corpus of answer sets.

Each benchmark calls its function once per round on the next answer set of the corpus, so the figures are
over many different people, not one. `make bench` runs these with the rest (`python -m bench`); `make test`
runs them at their smallest (tests/bench/test_benchmarks.py).
"""

import itertools
import json
from datetime import date

import pytest

from exports import bundle, render_markdown, render_pdf
from logic import Answers, default_content, evaluate, load_content
from logic.partial import early_flags
from tests.support.corpus import answer_sets

TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def corpus(answer_count):
    content = default_content()
    drafts = answer_sets(answer_count)
    answers = [Answers.model_validate(d) for d in drafts]
    summaries = [evaluate(a, content) for a in answers]
    return content, drafts, answers, summaries


def cycling(*columns):
    """A function that returns the next row of `columns` each time it is called, round and round."""
    rows = itertools.cycle(zip(*columns, strict=True))
    return lambda: next(rows)


def test_evaluate(benchmark, corpus):
    content, _, answers, _ = corpus
    following = cycling(answers)
    benchmark(lambda: evaluate(*following(), content))


def test_answers_model_validate(benchmark, corpus):
    _, drafts, _, _ = corpus
    following = cycling(drafts)
    benchmark(lambda: Answers.model_validate(*following()))


def test_early_flags(benchmark, corpus):
    """What the safety page computes on each rerun, before the questionnaire is finished."""
    content, drafts, _, _ = corpus
    following = cycling(drafts)
    benchmark(lambda: early_flags(*following(), content))


def test_render_markdown(benchmark, corpus):
    content, _, answers, summaries = corpus
    following = cycling(summaries, answers)
    benchmark(lambda: render_markdown(*following(), content, today=TODAY))


def test_fhir_bundle(benchmark, corpus):
    content, _, answers, _ = corpus
    following = cycling(answers)
    benchmark(lambda: json.dumps(bundle(*following(), content, authored=TODAY), indent=2))


def test_render_pdf(benchmark, corpus):
    content, _, answers, summaries = corpus
    following = cycling(summaries[:10], answers[:10])  # the costly one: ten people are enough
    benchmark(lambda: render_pdf(*following(), content, today=TODAY))


def test_load_content_uncached(benchmark):
    benchmark(load_content)


def test_default_content_cached(benchmark):
    benchmark(default_content)

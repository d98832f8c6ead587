"""A fixed, seeded corpus of complete, valid answer sets (JSON-shaped, as the form's draft holds them)."""

import random
from typing import Any

from logic import Answers
from logic.answers import STANDALONE_VALUES, field_options, is_multi, is_text, is_yes_no, needs_one
from logic.vocab import Field

NOTES = ("", "", "I had a reaction to a peel once.", "Booked for next week at a salon.\nIs that safe?")


def _choice(rng: random.Random, field: Field) -> Any:
    options = [str(v) for v in field_options(field)]
    if is_yes_no(field):
        return rng.random() < 0.2
    if is_text(field):
        return rng.choice(NOTES)
    if not is_multi(field):
        return rng.choice(options)
    alone = STANDALONE_VALUES.get(field)
    if alone is not None and rng.random() < 0.15:
        return [str(alone)]
    pool = [o for o in options if o != str(alone)]
    count = rng.choice((0, 0, 0, 0, 1, 1, 2, 3))
    if needs_one(field):
        count = max(count, 1)
    chosen = set(rng.sample(pool, min(count, len(pool))))
    return [o for o in options if o in chosen]  # in the form's order, as the checkboxes give them


def answer_sets(count: int, seed: int = 6) -> list[dict[str, Any]]:
    """`count` different complete answer sets, the same ones for the same seed on every machine."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    corpus: list[dict[str, Any]] = []
    for _ in range(count * 10):  # bounded: every draw is valid by construction, this only guards that
        draft = {str(field): _choice(rng, field) for field in Field}
        Answers.model_validate(draft)
        corpus.append(draft)
        if len(corpus) == count:
            return corpus
    raise RuntimeError("could not draw enough valid answer sets")

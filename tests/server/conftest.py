"""The contract tests' fixture: one of server/'s patches applied for one test only."""

from collections.abc import Callable

import pytest


@pytest.fixture
def patching(monkeypatch) -> Callable:
    """`patching(module)` applies `module.install()` (one of server/'s) for this test only: every name it
    patches (its NEEDS) is put back afterwards."""

    def apply(module) -> None:
        for owner, name in module.NEEDS:
            monkeypatch.setattr(owner, name, getattr(owner, name))
        module.install()

    return apply

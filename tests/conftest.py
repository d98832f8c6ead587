import os

import pytest
from hypothesis import HealthCheck, settings

# No per-example time limit anywhere: a deadline is a timed test, and on a shared 2-core machine it fails for
# the load, not for the code. Speed is measured by `make bench` instead.
settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
# `make mutation` runs the tests once per mutant (about 3,300 of them): 20 examples a property keeps each run to
# seconds (a property over whole PDFs takes minutes at 200), and the example-based tests do most of the killing.
settings.register_profile("mutation", parent=settings.get_profile("ci"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, shared by every folder of browser tests (two sync Playwrights clash)."""
    from playwright.sync_api import sync_playwright

    from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()

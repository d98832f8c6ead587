"""Streamlit's AppTest: the app script run in process, driven by widget keys (tests/support/apptest.py)."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_app


@pytest.fixture
def at() -> AppTest:
    return open_app()

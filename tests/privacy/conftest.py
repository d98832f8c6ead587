"""Fixtures for the privacy tests: a Streamlit server of their own, and the browser tests/browser uses."""

import pytest

from tests.support.servers import SCRIPT, Server


@pytest.fixture
def fresh_server(tmp_path_factory):
    """A server started for one test alone, with its own HOME and TMPDIR; stopped by the test or at its end."""
    running = Server(SCRIPT, tmp=tmp_path_factory.mktemp("private-server"))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory):
    running = Server(SCRIPT, tmp=tmp_path_factory.mktemp("isolation-server"))
    yield running
    running.stop()

from pathlib import Path

import pytest

from tests.support.content_edits import copy_content


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the shipped content to edit."""
    return copy_content(tmp_path / "content")

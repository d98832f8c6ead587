"""ui/media.py: a file made on click stays until the asking session moves on, and is swept after.

Streamlit's orphan sweep runs at the end of every script run of every session; two sweeps stand here for
two other people's reruns ending between the click and the browser's fetch.
"""

from pathlib import PurePosixPath
from unittest import mock
from urllib.parse import urlparse

import pytest
from streamlit.runtime import media_file_manager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP
from ui import media

ORIGINAL = getattr(MediaFileManager.execute_deferred, "__wrapped__", MediaFileManager.execute_deferred)
SESSION = "person-a"


@pytest.fixture
def unpatched(monkeypatch):
    """Streamlit's own execute_deferred, whatever an earlier test's app run installed; restored after."""
    monkeypatch.setattr(MediaFileManager, "execute_deferred", ORIGINAL)


@pytest.fixture
def patched(unpatched):
    media.install()


def download(session: str = SESSION) -> tuple[MediaFileManager, str]:
    """A manager holding one deferred download button of `session`, as a summary page run leaves it."""
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    with mock.patch.object(media_file_manager, "_get_session_id", return_value=session):
        placeholder = manager.add_deferred(
            lambda: b"%PDF-1.7 a summary", "application/pdf", "1.(2.-3).4", file_name="summary.pdf"
        )
    return manager, placeholder


def fetchable(manager: MediaFileManager, url: str) -> bool:
    return manager.read_file(PurePosixPath(urlparse(url).path).stem) is not None


def sweeps(manager: MediaFileManager, count: int = 2) -> None:
    for _ in range(count):
        manager.remove_orphaned_files()


def test_without_the_fix_other_peoples_reruns_delete_the_file_before_the_browser_fetches_it(unpatched):
    """Streamlit's behaviour the fix is for: if this ever fails, Streamlit fixed it and ui/media.py can go."""
    manager, placeholder = download()
    url = manager.execute_deferred(placeholder)
    assert fetchable(manager, url)
    sweeps(manager)
    assert not fetchable(manager, url)


def test_with_the_fix_the_file_lasts_while_the_page_that_asked_for_it_is_shown(patched):
    manager, placeholder = download()
    url = manager.execute_deferred(placeholder)
    sweeps(manager, 10)
    assert fetchable(manager, url)
    again = manager.execute_deferred(placeholder)  # a second click still makes the file
    assert again == url and fetchable(manager, again)


def test_with_the_fix_the_file_is_swept_once_the_session_moves_on_or_ends(patched):
    manager, placeholder = download()
    url = manager.execute_deferred(placeholder)
    manager.clear_session_refs(SESSION)  # the person's next full run, or their session's end
    sweeps(manager)
    assert not fetchable(manager, url)


def test_a_file_made_for_a_session_that_already_ended_is_not_kept(patched):
    manager, placeholder = download()
    manager.clear_session_refs(SESSION)  # the session ends while its file is being made
    url = manager.execute_deferred(placeholder)
    sweeps(manager)
    assert not fetchable(manager, url)


def test_another_persons_file_is_not_tied_to_this_session(patched):
    manager, mine = download(SESSION)
    with mock.patch.object(media_file_manager, "_get_session_id", return_value="person-b"):
        theirs = manager.add_deferred(lambda: b"theirs", "text/markdown", "1.(2.-3).5", file_name="theirs.md")
    url = manager.execute_deferred(theirs)
    manager.clear_session_refs("person-b")
    sweeps(manager)
    assert not fetchable(manager, url)
    assert fetchable(manager, manager.execute_deferred(mine))


def test_install_is_done_once_however_often_it_is_called(patched):
    installed = MediaFileManager.execute_deferred
    media.install()
    assert MediaFileManager.execute_deferred is installed
    assert installed.__wrapped__ is ORIGINAL


def test_install_stops_with_a_message_naming_itself_if_streamlit_changed(unpatched, monkeypatch):
    monkeypatch.setattr(media, "_NEEDED", (*media._NEEDED, "_renamed_in_a_later_streamlit"))
    with pytest.raises(media.MediaFixError, match=r"_renamed_in_a_later_streamlit.*ui/media\.py"):
        media.install()
    assert MediaFileManager.execute_deferred is ORIGINAL


def test_the_app_installs_the_fix(unpatched):
    AppTest.from_file(APP, default_timeout=60).run()
    assert MediaFileManager.execute_deferred.__wrapped__ is ORIGINAL

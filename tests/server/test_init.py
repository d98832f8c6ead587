"""server/__init__.py: one `install()` for every patch, refusing a Streamlit that lacks a name a patch needs."""

import pytest

import server
from server import downloads


def test_every_name_the_patches_need_is_in_the_locked_streamlit():
    assert server.missing() == []


def test_install_stops_naming_what_is_missing(monkeypatch):
    monkeypatch.setattr(server, "_installed", False)
    monkeypatch.setattr(downloads, "MANAGER_NEEDS", (*downloads.MANAGER_NEEDS, "_renamed_later"))
    with pytest.raises(server.ServerPatchError, match=r"MediaFileManager\._renamed_later.*server/"):
        server.install()
    assert not server.installed()


def test_one_public_face():
    assert sorted(server.__all__) == ["Hardening", "ServerPatchError", "install", "installed", "lifespan"]
    assert all(hasattr(server, name) for name in server.__all__)

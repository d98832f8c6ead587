"""Editing a copy of the content files as an editor would, and reading how loading it fails."""

import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from logic import ContentError, load_content
from logic.content import CONTENT_DIR, SOURCE_LANGUAGE


def copy_content(target: Path, *, ignore: tuple[str, ...] = ()) -> Path:
    """The shipped content copied to `target`, less the folders named in `ignore`."""
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns(*ignore))
    return target


def edit(directory: Path, name: str, change) -> None:
    """Change the file `name`.toml in `directory` through `change(data)`, as parsed TOML, and write it back."""
    path = directory / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def broken(directory: Path, language: str = SOURCE_LANGUAGE) -> str:
    """The message of the ContentError that loading `directory` in `language` must raise."""
    with pytest.raises(ContentError) as caught:
        load_content(directory, language)
    return str(caught.value)

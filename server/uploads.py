"""Uploads: a session holds only its newest uploaded file, and an upload is parsed in memory, never spooled
to disk (Starlette spools a part larger than `MultiPartParser.spool_max_size` to a temporary file)."""

import functools
from typing import Any

from starlette.formparsers import MultiPartParser
from streamlit import config
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

NEEDS: tuple[tuple[Any, str], ...] = (
    (MemoryUploadedFileManager, "add_file"),
    (MemoryUploadedFileManager, "remove_file"),
    (MultiPartParser, "spool_max_size"),
)


def install() -> None:
    add = MemoryUploadedFileManager.add_file

    @functools.wraps(add)
    def add_file(self: MemoryUploadedFileManager, session_id: str, file: Any) -> None:
        """Keep only the session's newest upload: the app reads one answers file at a time."""
        with self._lock:
            older = [i for i in self.file_storage.get(session_id, {}) if i != file.file_id]
        for file_id in older:
            self.remove_file(session_id, file_id)
        add(self, session_id, file)

    MemoryUploadedFileManager.add_file = add_file  # type: ignore[method-assign]
    # An upload at its size limit must stay in memory: Starlette spools larger parts to a temporary file.
    limit = config.get_option("server.maxUploadSize") * 1024 * 1024
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, 2 * limit)

"""Contracts server/uploads.py rests on: an upload PUT to Streamlit's route is stored through
`MemoryUploadedFileManager.add_file`, whose storage is `file_storage[session][file]`; Starlette keeps a part
in memory up to `MultiPartParser.spool_max_size`."""

import io

from starlette.datastructures import Headers
from starlette.formparsers import MultiPartParser
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.web.server.starlette import starlette_routes

from server import uploads
from tests.server.parts import asgi, run
from tests.support.threads import run_async

BOUNDARY = "qnboundary"


def form(data: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="answers.json"\r\n'
            f"Content-Type: application/json\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def test_an_upload_put_to_streamlit_s_route_goes_through_add_file(monkeypatch):
    added = []
    monkeypatch.setattr(MemoryUploadedFileManager, "add_file", lambda self, session_id, file: added.append(file))
    monkeypatch.setattr(starlette_routes, "is_xsrf_enabled", lambda: False)
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    runtime = type("Runtime", (), {"is_active_session": lambda self, session_id: True})()
    routes = starlette_routes.create_upload_routes(runtime, manager, None)
    from starlette.applications import Starlette

    app = Starlette(routes=routes)
    headers = [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()), (b"host", b"localhost")]
    response = run(lambda: asgi(app, "PUT", "/_stcore/upload_file/session-a/file-1", headers, form(b'{"a": 1}')))
    assert response["status"] == 204, response
    assert [(f.file_id, f.data) for f in added] == [("file-1", b'{"a": 1}')]


def test_with_the_patch_a_session_holds_only_its_newest_upload(patching):
    patching(uploads)
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for file_id in ("one", "two", "three"):
        manager.add_file("session-a", UploadedFileRec(file_id, "answers.json", "application/json", b"{}"))
    manager.add_file("session-b", UploadedFileRec("other", "answers.json", "application/json", b"{}"))
    assert list(manager.file_storage["session-a"]) == ["three"]
    assert list(manager.file_storage["session-b"]) == ["other"]


def test_a_part_within_spool_max_size_is_parsed_in_memory(patching):
    patching(uploads)
    data = b"x" * (1024 * 1024)
    assert MultiPartParser.spool_max_size >= 2 * len(data)

    async def stream():
        yield form(data)

    async def parse():
        headers = Headers({"content-type": f"multipart/form-data; boundary={BOUNDARY}"})
        parsed = await MultiPartParser(headers, stream()).parse()
        upload = parsed["file"]
        assert not upload.file._rolled, "the part was spooled to a temporary file"
        assert isinstance(upload.file._file, io.BytesIO)
        assert await upload.read() == data
        await upload.close()

    run_async(parse())

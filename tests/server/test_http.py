"""server/http.py in process: `Hardening` patches nothing, but it rests on two things of Streamlit's: a
take-away file's URL is `/media/<id>.<ext>` (the id before the dot is what the middleware looks up), and an
upload's URL is `/_stcore/upload_file/<session>/<file>`."""

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

from server import downloads, sessions
from server.http import HEADERS, NO_STORE, UPLOADS, Hardening
from tests.server.parts import asgi, run

COOKIE = "browser-cookie-value"


async def ok(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"cache-control", b"max-age=60")]})
    await send({"type": "http.response.body", "body": b"ok"})


def get(path: str, cookie: str | None = None, method: str = "GET") -> dict:
    headers = [(b"host", b"localhost")]
    if cookie is not None:
        headers.append((b"cookie", f"{sessions.BROWSER_COOKIE}={cookie}".encode()))
    return run(lambda: asgi(Hardening(ok), method, path, headers))


def test_streamlit_s_urls_are_the_ones_the_middleware_reads():
    storage = MemoryMediaFileStorage("/media")
    file_id = storage.load_and_get_id(b"x", "text/plain", "downloadable", "x.txt")  # type: ignore[arg-type]
    assert storage.get_url(file_id) == f"/media/{file_id}.txt"
    assert (
        MemoryUploadedFileManager("/_stcore/upload_file")
        .get_upload_urls("s", ["f"])[0]
        .upload_url.startswith(UPLOADS + "s/")
    )


def test_a_page_gets_the_headers_and_a_browser_cookie():
    page = get("/")
    assert all(page["headers"][name] == value for name, value in HEADERS.items())
    assert page["headers"]["cache-control"] == NO_STORE
    assert page["headers"]["set-cookie"].startswith(f"{sessions.BROWSER_COOKIE}=")
    assert "HttpOnly" in page["headers"]["set-cookie"] and "SameSite=Strict" in page["headers"]["set-cookie"]
    assert get("/_stcore/metrics")["status"] == 404


def test_a_take_away_file_is_served_only_to_its_browser(monkeypatch):
    monkeypatch.setattr(downloads, "_storage", MemoryMediaFileStorage("/media"))
    file_id, url = downloads.publish(b"summary", "text/plain", "s.txt", sessions.browser_digest(COOKIE))
    try:
        assert get(url, COOKIE)["status"] == 200
        assert get(url, "another-browser")["status"] == 404
        assert get(url)["status"] == 404
    finally:
        downloads.withdraw(file_id)


def test_an_upload_url_answers_only_the_session_s_browser(monkeypatch):
    monkeypatch.setitem(sessions._browsers, "session-a", sessions.browser_digest(COOKIE))
    assert get(f"{UPLOADS}session-a/file", COOKIE, "PUT")["status"] == 200
    assert get(f"{UPLOADS}session-a/file", "another-browser", "PUT")["status"] == 403
    assert get(f"{UPLOADS}session-b/file", COOKIE, "DELETE")["status"] == 403

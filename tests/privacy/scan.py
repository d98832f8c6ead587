"""Looking for a secret where it must not be: in files changed since a moment, in text, in URLs.

The secret is looked for as UTF-8, as UTF-16 and as base64 (at each of the three alignments), so a copy that
was merely re-encoded on its way to a file is found too.
"""

import base64
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, unquote_plus, urlparse

# Folders of the working tree that the app never writes to and that are large or belong to other tools.
SKIPPED_DIRS = frozenset({".venv", ".git", "screenshots", ".pytest_cache", ".hypothesis", "node_modules"})


def forms(secret: str) -> list[bytes]:
    """The byte sequences that betray `secret`: as it is, in UTF-16, and inside base64 at any alignment."""
    raw = secret.encode("utf-8")
    found = [raw, secret.encode("utf-16-le"), secret.upper().encode("utf-8")]
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw)
        # Drop the characters that depend on the bytes before and after the secret.
        start = (offset * 4 + 2) // 3 + (1 if offset else 0)
        found.append(encoded[start : len(encoded) - 4])
    return [f for f in found if len(f) >= 16]


def contains(data: bytes, secret: str) -> bool:
    return any(form in data for form in forms(secret))


@dataclass
class Scan:
    """What a scan looked at and where it found the secret."""

    roots: list[Path]
    since: float
    scanned: list[Path] = field(default_factory=list)
    found: list[Path] = field(default_factory=list)

    def scanned_under(self, root: Path) -> list[Path]:
        return [p for p in self.scanned if p.is_relative_to(root)]


def changed_files(root: Path, since: float, skip: Iterable[Path] = ()) -> Iterable[Path]:
    """Every regular file under `root` created or modified at or after `since` (skipping SKIPPED_DIRS)."""
    skipped = {s.resolve() for s in skip}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and (Path(folder) / d).resolve() not in skipped]
        for name in files:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except OSError:
                continue  # removed while we walked
            if path.is_file() and not path.is_symlink() and max(info.st_mtime, info.st_ctime) >= since:
                yield path


def scan_files(secret: str, roots: Iterable[Path], since: float, skip: Iterable[Path] = ()) -> Scan:
    """Read every file changed under `roots` since `since`, and note those holding `secret` in any form.

    A file's name counts too: a secret in a file name is a secret on disk.
    """
    scan = Scan(roots=list(roots), since=since)
    seen: set[Path] = set()
    for root in scan.roots:
        for path in changed_files(root, since, skip):
            if path.resolve() in seen:
                continue  # one root may hold another (the server's HOME is inside its TMPDIR)
            seen.add(path.resolve())
            scan.scanned.append(path)
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if contains(data, secret) or contains(str(path).encode(), secret):
                scan.found.append(path)
    return scan


def url_reveals(url: str, secret: str) -> bool:
    """Whether a URL carries `secret`, plainly or percent-encoded."""
    return any(
        contains(text.encode("utf-8", "surrogatepass"), secret) for text in (url, unquote(url), unquote_plus(url))
    )


def loopback_only(urls: list[str]) -> list[str]:
    """The URLs of `urls` that leave this machine (an empty list when every request stayed on loopback)."""
    return [
        u for u in urls if urlparse(u).scheme not in ("data", "blob", "about") and urlparse(u).hostname != "127.0.0.1"
    ]

"""The Dockerfile without a Docker engine: the files its build context lets in must be enough to serve the
app with its CMD, and its HEALTHCHECK must pass against that server.

No Docker engine runs on the development machines, so the image itself is never built here. This test does
what the build would do to the files: it applies `.dockerignore` to the repository's tracked files, copies
what is let in to a folder, and runs the Dockerfile's own CMD and HEALTHCHECK there with its ENV (but on a
free loopback port instead of 0.0.0.0:8501, and with this venv's Python instead of the image's).
"""

import json
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from logic import default_content
from tests.support.corpus import answer_sets
from tests.support.servers import free_port, stop
from tests.support.session import Person, complete_questionnaire, crowd
from tests.support.threads import run_async

# Starts the app's server, another program or a process of its own: not in `make unit` (pyproject's markers).
pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def exec_form(arguments: str) -> list[str]:
    """The JSON array of a CMD (exec form); a shell form string is refused, as signals would not reach it."""
    command = json.loads(arguments)
    assert isinstance(command, list) and all(isinstance(part, str) for part in command), arguments
    return command


def _pattern(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def let_in(path: str, rules: list[str]) -> bool:
    """Docker's rule: the last pattern matching the path, or any folder above it, decides; `!` lets in."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    included = True
    for rule in rules:
        negated = rule.startswith("!")
        pattern = _pattern(rule.lstrip("!").strip("/"))
        if any(pattern.match(prefix) for prefix in prefixes):
            included = negated
    return included


def build_context() -> list[str]:
    rules = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [path for path in tracked if let_in(path, rules)]


def test_the_ignore_rules_behave_as_dockers_do():
    rules = ["*", "!app.py", "!logic/", "**/__pycache__"]
    assert let_in("app.py", rules)
    assert let_in("logic/vocab.py", rules)
    assert not let_in("logic/__pycache__/vocab.cpython-311.pyc", rules)
    assert not let_in("tests/logic/test_rules.py", rules)
    assert not let_in("README.md", rules)


def test_the_image_holds_the_app_and_its_content_and_nothing_else():
    files = build_context()
    for needed in ("app.py", "requirements.txt", ".streamlit/config.toml", "logic/vocab.py", "ui/pages.py"):
        assert needed in files
    assert any(f.startswith("content/") and f.endswith(".toml") for f in files)
    assert any(f.startswith("exports/fonts/") for f in files), "the PDF's fonts"
    assert any(f.startswith("ui/illustrations/") for f in files), "the drawings"
    for kept_out in ("tests/", "bench/", ".git", ".venv/", "screenshots/", "Makefile", "requirements-dev.txt"):
        assert not any(f.startswith(kept_out) for f in files), kept_out


def environment(steps: list[tuple[str, str]]) -> dict[str, str]:
    """The variables the Dockerfile's ENV instructions set (the `KEY=value` form)."""
    pairs = [part.partition("=") for word, args in steps if word == "ENV" for part in shlex.split(args)]
    return {key: value for key, _, value in pairs}


def test_the_images_files_serve_the_app_with_its_cmd_and_pass_its_healthcheck(tmp_path):
    steps = instructions((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    cmd = exec_form(next(args for word, args in steps if word == "CMD"))
    health = next(args for word, args in steps if word == "HEALTHCHECK")
    check = exec_form(health.split(" CMD ", 1)[1])
    assert next(args for word, args in steps if word == "USER") not in ("root", "0")
    assert cmd == ["streamlit", "run", "deploy/asgi.py"], "every setting is config.toml's"
    image_env = environment(steps)
    assert image_env["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"  # noqa: S104 - what the image listens on

    image = tmp_path / "app"
    for path in build_context():
        (image / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, image / path)
    port = str(free_port())
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **image_env,
        "HOME": str(home),
        "PATH": str(Path(sys.executable).parent),
        "TMPDIR": str(tmp_path),
        # Loopback here, and a free port: the health check must follow an override as Streamlit does.
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_PORT": port,
    }
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", *cmd[1:]], cwd=image, stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        probe = [sys.executable if part == "python" else part for part in check]
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            result = subprocess.run(probe, cwd=image, capture_output=True, text=True, env=env, check=False)
            if result.returncode == 0:
                break
            if time.monotonic() > deadline:
                pytest.fail(f"the HEALTHCHECK never passed:\n{result.stderr}\n{log.read_text(errors='replace')}")
            time.sleep(0.5)
        person = Person(0)  # and a whole questionnaire, as a person completes it
        url = f"http://127.0.0.1:{port}"
        run_async(crowd([complete_questionnaire(url, answer_sets(1)[0], person, default_content(), 30)], 60))
        assert person.error is None, f"{person.error}\n{log.read_text(errors='replace')}"
        assert "Traceback" not in log.read_text(errors="replace")
    finally:
        stop(server)
    assert server.returncode is not None
    stopped = subprocess.run(probe, cwd=image, capture_output=True, env=env, check=False)
    assert stopped.returncode != 0, "the HEALTHCHECK must fail once the server is gone"

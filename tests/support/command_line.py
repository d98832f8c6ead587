"""One way to run the command line in a test: `invoke`, in this process (click's CliRunner habit).

In process, so that mutation testing sees the code it runs; through `logic.__main__.run`, the entry point
`python -m logic` itself uses, so that usage errors and stream errors end as they do in a real process.
Only what needs a real process (shell redirections of its streams) starts one (tests/logic/test_main.py)."""

import io
import sys
from collections.abc import Collection
from typing import NamedTuple

from logic import __main__ as cli


class Result(NamedTuple):
    returncode: int
    stdout: str | bytes  # bytes when invoked with binary=True (a PDF sent to standard output)
    stderr: str


def invoke(
    *args: str,
    stdin: str | bytes = b"",
    binary: bool = False,
    encoding: str = "utf-8",
    closed: Collection[str] = (),
    stdout_path: str | None = None,
) -> Result:
    """`python -m logic ARGS` with `stdin` as its standard input, and what it wrote and returned; `encoding` is
    that of its standard output (a terminal's may not be UTF-8). The streams named in `closed` ("stdin",
    "stdout") are closed from the start, as `<&-` and `>&-` leave them. With `stdout_path` (such as /dev/full),
    standard output is that file, nothing of it is returned, and it is flushed once more after the run, as the
    interpreter does at exit: what fails then fails the test."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    saved = sys.stdin, sys.stdout, sys.stderr
    if stdout_path is None:
        out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="")
    else:
        # A buffer that holds the whole output: what the file refuses stays pending, as a real stream's last
        # block does, for the interpreter's flush at exit to meet again.
        out = open(stdout_path, "w", buffering=1 << 20, encoding=encoding, newline="")  # noqa: SIM115 - closed below
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    sys.stdin = None if "stdin" in closed else io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = None if "stdout" in closed else out
    sys.stderr = err
    try:
        code = cli.run(list(args))
        out.flush()
        err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if stdout_path is not None:
            out.close()
    written = b"" if stdout_path is not None else out.buffer.getvalue()
    return Result(code, written if binary else written.decode(encoding), err.buffer.getvalue().decode("utf-8"))

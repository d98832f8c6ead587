"""One way to run the command line in a test: `invoke`, in this process (click's CliRunner habit).

In process, so that mutation testing sees the code it runs; through `logic.__main__.run`, the entry point
`python -m logic` itself uses, so that usage errors and stream errors end as they do in a real process.
Only what needs a real process (shell redirections of its streams) starts one (tests/logic/test_main.py)."""

import io
import sys
from typing import NamedTuple

from logic import __main__ as cli


class Result(NamedTuple):
    returncode: int
    stdout: str | bytes  # bytes when invoked with binary=True (a PDF sent to standard output)
    stderr: str


def invoke(*args: str, stdin: str | bytes = b"", binary: bool = False, encoding: str = "utf-8") -> Result:
    """`python -m logic ARGS` with `stdin` as its standard input, and what it wrote and returned; `encoding` is
    that of its standard output (a terminal's may not be UTF-8)."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    saved = sys.stdin, sys.stdout, sys.stderr
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.run(list(args))
        out.flush()
        err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    written = out.buffer.getvalue()
    return Result(code, written if binary else written.decode(encoding), err.buffer.getvalue().decode("utf-8"))

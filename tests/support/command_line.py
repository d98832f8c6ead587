"""The command line in a test, in this process (so that mutation testing sees the code it runs).

- `invoke`: click's own `CliRunner`, named `python -m logic` as the contract names it. Every command-line
  test that CliRunner can express goes through it.
- `run_with_streams`: only for what CliRunner cannot simulate. CliRunner always hands the command streams of
  its own, in memory, so it cannot start it with standard input or output closed (`<&-`, `>&-` leave
  `sys.stdin` or `sys.stdout` None), nor with standard output a real file that refuses what is written
  (/dev/full), and it calls click's `main`, not `cli.commands.run`, the process's entry point, which makes
  the interpreter's flush at exit and quiets a stream that failed. This sets such streams and calls `run`.
  The shell's own redirections are tested in a real process (tests/logic/test_main.py).
"""

import io
import sys
from collections.abc import Collection
from typing import NamedTuple

from click.testing import CliRunner

from cli.commands import PROG, cli, run


class Result(NamedTuple):
    returncode: int
    stdout: str | bytes  # bytes when invoked with binary=True (a PDF sent to standard output)
    stderr: str


def invoke(*args: str, stdin: str | bytes = b"", binary: bool = False, encoding: str = "utf-8") -> Result:
    """`python -m logic ARGS` under CliRunner, with `stdin` (UTF-8) as its standard input; `encoding` is that
    of its standard output, as a terminal's may not be UTF-8. What escapes click's `main` fails the test."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = CliRunner(charset=encoding).invoke(cli, list(args), input=data, prog_name=PROG, catch_exceptions=False)
    return Result(result.exit_code, result.stdout_bytes if binary else result.stdout, result.stderr)


def run_with_streams(
    *args: str, stdin: str | bytes = b"", closed: Collection[str] = (), stdout_path: str | None = None
) -> Result:
    """`python -m logic ARGS` through `run`, with the streams named in `closed` ("stdin", "stdout") closed from
    the start, as `<&-` and `>&-` leave them. With `stdout_path` (such as /dev/full), standard output is that
    file, nothing of it is returned, and it is flushed once more after the run, as the interpreter does at
    exit: what fails then fails the test."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    saved = sys.stdin, sys.stdout, sys.stderr
    if stdout_path is None:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    else:
        # A buffer that holds the whole output: what the file refuses stays pending, as a real stream's last
        # block does, for the interpreter's flush at exit to meet again.
        out = open(stdout_path, "w", buffering=1 << 20, encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    sys.stdin = None if "stdin" in closed else io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = None if "stdout" in closed else out
    sys.stderr = err
    try:
        code = run(list(args))
        out.flush()
        err.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        if stdout_path is not None:
            out.close()
    written = b"" if stdout_path is not None else out.buffer.getvalue()
    return Result(code, written.decode("utf-8"), err.buffer.getvalue().decode("utf-8"))

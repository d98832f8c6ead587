"""`python -m logic`, the command line the project's contract names: only a hand-over to the `cli` package
(`cli/commands.py`), which holds it. The hand-over is made only when run as a program, so importing this module
(as a tool that walks the package does) loads nothing outside the core."""

import sys

if __name__ == "__main__":
    from cli.commands import run

    sys.exit(run())

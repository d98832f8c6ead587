"""`python -m logic`, the command line the project's contract names: only a hand-over to the `cli` package
(`cli/commands.py`), which holds it. No other module of the core imports `cli` or the exports."""

import sys

from cli.commands import run

if __name__ == "__main__":
    sys.exit(run())

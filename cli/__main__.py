"""`python -m cli`: the command line of `cli/commands.py`, under its own name."""

import sys

from cli.commands import run

if __name__ == "__main__":
    sys.exit(run(prog_name="python -m cli"))

"""Command line: `python -m logic summarize FILE|- [--format json|markdown]` and `python -m logic schema`."""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .answers import Answers
from .errors import AnswersError, LogicError
from .evaluate import evaluate
from .markdown import render_markdown
from .parse import MAX_ANSWERS_BYTES, parse_answers

EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    summarize = commands.add_parser("summarize", help="print the summary for a JSON answers file")
    summarize.add_argument("file", help="answers file (JSON), or - for standard input")
    summarize.add_argument("--format", choices=("json", "markdown"), default="json")
    commands.add_parser("schema", help="print the JSON Schema of the answers")
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(Answers.model_json_schema(), indent=2))
        return 0
    try:
        answers = parse_answers(_read(args.file))
        summary = evaluate(answers)
    except AnswersError as error:
        print(f"{_name(args.file)}: the answers are not valid:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except LogicError as error:
        print(error, file=sys.stderr)
        return 1
    if args.format == "markdown":
        sys.stdout.write(render_markdown(summary, answers, today=date.today()))
    else:
        print(summary.model_dump_json(indent=2))
    return 0


def _read(file: str) -> bytes:
    try:
        if file == "-":
            return sys.stdin.buffer.read(MAX_ANSWERS_BYTES + 1)
        with Path(file).open("rb") as handle:
            return handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise AnswersError([f"cannot read the file: {error.strerror or error}"]) from None


def _name(file: str) -> str:
    return "standard input" if file == "-" else file


if __name__ == "__main__":
    sys.exit(main())

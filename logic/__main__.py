"""Command line: `python -m logic summarize FILE|- [--format json|markdown|pdf|fhir] [--output OUT]` and
`python -m logic schema`."""

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .answers import Answers
from .errors import AnswersError, LogicError
from .evaluate import evaluate
from .fhir import bundle
from .markdown import render_markdown
from .parse import MAX_ANSWERS_BYTES, parse_answers
from .pdf import render_pdf

EXIT_BAD_INPUT = 2

FORMATS = {
    "json": "the summary as JSON (the default)",
    "markdown": "the summary to read or print",
    "pdf": "the summary for a dermatologist as a PDF; needs --output",
    "fhir": "a FHIR R4 Bundle of type collection holding two resources: the Questionnaire, then this "
    "person's QuestionnaireResponse to it",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    summarize = commands.add_parser("summarize", help="print the summary for a JSON answers file")
    summarize.add_argument("file", help="answers file (JSON), or - for standard input")
    summarize.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="json",
        help="; ".join(f"{name}: {what}" for name, what in FORMATS.items()),
    )
    summarize.add_argument(
        "--output", metavar="OUT", help="write to this file instead of standard output (- for standard output)"
    )
    commands.add_parser("schema", help="print the JSON Schema of the answers")
    args = parser.parse_args(argv)
    if args.command == "summarize" and args.format == "pdf" and not args.output:
        summarize.error("--format pdf needs --output OUT.pdf (a PDF is not printed to the terminal; - sends it there)")

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
    today = date.today()
    output: str | bytes
    if args.format == "pdf":
        output = render_pdf(summary, answers, today=today)
    elif args.format == "fhir":
        output = json.dumps(bundle(answers, authored=today), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        output = render_markdown(summary, answers, today=today)
    else:
        output = summary.model_dump_json(indent=2) + "\n"
    return _write(output, args.output)


def _write(output: str | bytes, file: str | None) -> int:
    """Text goes to standard output unless a file is named; a PDF's bytes only to a file or to `-`."""
    try:
        if file is not None and file != "-":
            data = output.encode() if isinstance(output, str) else output
            Path(file).write_bytes(data)
        elif isinstance(output, str):
            sys.stdout.write(output)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.buffer.flush()
    except OSError as error:
        print(f"{file}: cannot write the file: {error.strerror or error}", file=sys.stderr)
        return 1
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

"""Command line: `python -m logic summarize FILE|- [--format json|markdown|pdf|fhir] [--output OUT]
[--lang CODE]` and `python -m logic schema`.

The command line is a shell over the core and the exports: each error it can meet carries its own words and
exit status (`logic/errors.py`), so here it is only caught and shown."""

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from exports import bundle, render_markdown, render_pdf

from .answers import Answers
from .content import SOURCE_LANGUAGE, Content, default_content, languages
from .errors import EXIT_BAD_INPUT, AnswersError, CannotWrite, LogicError, StreamError, cannot_read
from .evaluate import evaluate
from .parse import MAX_ANSWERS_BYTES, parse_answers
from .summary import Summary


def _json(summary: Summary, answers: Answers, content: Content, today: date) -> str:
    return summary.model_dump_json(indent=2) + "\n"


def _markdown(summary: Summary, answers: Answers, content: Content, today: date) -> str:
    return render_markdown(summary, answers, content, today=today)


def _pdf(summary: Summary, answers: Answers, content: Content, today: date) -> bytes:
    return render_pdf(summary, answers, content, today=today)


def _fhir(summary: Summary, answers: Answers, content: Content, today: date) -> str:
    return json.dumps(bundle(answers, content, authored=today), indent=2, ensure_ascii=False) + "\n"


# What each --format prints, in the help's words, and the function that makes it.
FORMATS: dict[str, tuple[str, Callable[[Summary, Answers, Content, date], str | bytes]]] = {
    "json": ("the summary as JSON", _json),
    "markdown": ("the summary to read or print", _markdown),
    "pdf": ("the summary for a dermatologist as a PDF; needs --output", _pdf),
    "fhir": (
        "a FHIR R4 Bundle of type collection holding two resources: the Questionnaire, then this "
        "person's QuestionnaireResponse to it",
        _fhir,
    ),
}
DEFAULT_FORMAT = "json"


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but help that cannot be written to standard output is said, not silently lost."""

    def _print_message(self, message: str, file=None) -> None:
        if not message:
            return
        if file is not None and file is sys.stdout:
            _write(message, None)
        else:
            _say(message.rstrip("\n"))


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m logic", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    summarize = commands.add_parser("summarize", help="print the summary for a JSON answers file")
    summarize.add_argument("file", help="answers file (JSON), or - for standard input")
    summarize.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=DEFAULT_FORMAT,
        help="; ".join(
            f"{name}: {what}" + (" (the default)" if name == DEFAULT_FORMAT else "")
            for name, (what, _) in FORMATS.items()
        ),
    )
    summarize.add_argument(
        "--output", metavar="OUT", help="write to this file instead of standard output (- for standard output)"
    )
    offered = languages()
    summarize.add_argument(
        "--lang",
        choices=tuple(offered),
        default=SOURCE_LANGUAGE,
        help="the language of the words: " + ", ".join(f"{code} ({name})" for code, name in offered.items()),
    )
    commands.add_parser("schema", help="print the JSON Schema of the answers")
    args = parser.parse_args(argv)
    if args.command == "summarize" and args.format == "pdf" and not args.output:
        summarize.error("--format pdf needs --output OUT.pdf (a PDF is not printed to the terminal; - sends it there)")

    if args.command == "schema":
        return _write(json.dumps(Answers.model_json_schema(), indent=2) + "\n", None)
    try:
        return _write(_summarize(args.file, args.format, args.lang), args.output)
    except StreamError:
        raise  # run() says it, and quiets the stream that failed
    except LogicError as error:
        _say(error.format_message())
        return error.exit_code


def _summarize(file: str, output_format: str, language: str) -> str | bytes:
    content = default_content(language)
    answers = parse_answers(_read(file), source=_name(file))
    summary = evaluate(answers, content)
    return FORMATS[output_format][1](summary, answers, content, date.today())


def _write(output: str | bytes, file: str | None) -> int:
    """Text goes to standard output unless a file is named; a PDF's bytes only to a file or to `-`.

    A file that cannot be written raises CannotWrite, which names it; standard output that cannot be written
    raises StreamError, which `run()` turns into one line."""
    if file is not None and file != "-":
        try:
            Path(file).write_bytes(output.encode() if isinstance(output, str) else output)
        except OSError as error:
            raise CannotWrite(file, error) from None
        return 0
    out = _stream("stdout")
    try:
        if isinstance(output, str):
            out.write(output)
        else:
            out.flush()
            out.buffer.write(output)
        out.flush()
    except UnicodeEncodeError as error:
        raise StreamError.cannot_encode(error.encoding) from None
    except (OSError, ValueError) as error:  # ValueError: the stream was closed under us
        raise StreamError.cannot_write(error) from None
    return 0


def _stream(name: str):
    """sys.stdin or sys.stdout, or StreamError when the process was started with it closed (it is None)."""
    stream = getattr(sys, name)
    if stream is None:
        raise StreamError.closed(name)
    return stream


def _say(line: str) -> None:
    """One line on standard error, if there is one to write to; nothing else can be done if there is not."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's own flush at exit cannot fail and print a
    traceback after our message has been said."""
    try:
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (AttributeError, OSError, ValueError):
        sys.stdout = None  # type: ignore[assignment] - nothing is left to flush at exit


def run(argv: list[str] | None = None) -> int:
    """`main()` for `python -m logic`: whatever happens to its streams (closed, full, a broken pipe, an
    encoding that cannot take the text), it ends with one line on standard error and a non-zero status,
    never a traceback."""
    try:
        try:
            status = main(argv)
        except SystemExit as stop:  # argparse: 0 after --help, 2 after a usage error
            status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else EXIT_BAD_INPUT)
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as error:  # the interpreter's own flush of standard output
        failed: LogicError = StreamError.cannot_write(error)
    except StreamError as error:
        failed = error
    else:
        return status
    _say(f"python -m logic: {failed.format_message()}")
    _silence_stdout()
    return failed.exit_code


def _read(file: str) -> bytes:
    try:
        if file == "-":
            return _stream("stdin").buffer.read(MAX_ANSWERS_BYTES + 1)
        with Path(file).open("rb") as handle:
            return handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise AnswersError([cannot_read(error)], source=_name(file)) from None


def _name(file: str) -> str:
    return "standard input" if file == "-" else file


if __name__ == "__main__":
    sys.exit(run())

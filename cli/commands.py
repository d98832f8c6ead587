"""The command line on click: `summarize FILE|- [--from-fhir] [--format json|markdown|pdf|fhir] [--output OUT]
[--lang CODE]` and `schema`, started as `python -m logic` (the documented way) or `python -m cli`.

A shell over the core and the exports. Each error the core can meet carries its own words and exit status
(`logic/errors.py`, modelled on click's `ClickException`); the group hands it to click as a `Failure`, and
click's `main` shows it and exits with its status, as it does its own usage errors. `run` is the process's
entry point: whatever happens to its streams, one line on standard error and a non-zero status, never a
traceback."""

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from exports import answers_from_fhir, bundle, render_markdown, render_pdf
from exports.fhir import MAX_FHIR_BYTES
from logic import Answers, Content, LogicError, Summary, default_content, evaluate, parse_answers
from logic.content import SOURCE_LANGUAGE, languages
from logic.errors import AnswersError, CannotWrite, StreamError, cannot_read
from logic.parse import MAX_ANSWERS_BYTES

PROG = "python -m logic"  # the name the project's contract gives the command line, and its errors' prefix


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
PDF_NEEDS_OUTPUT = "--format pdf needs --output OUT.pdf (a PDF is not printed to the terminal; - sends it there)"


class Failure(click.ClickException):
    """A `LogicError` as click shows an error: its own words and exit status, without click's "Error: " (the
    words already say what is wrong). A stream that failed is said after the program's name, as the one line
    there is to say about it."""

    def __init__(self, error: LogicError, prog_name: str) -> None:
        said = error.format_message()
        super().__init__(f"{prog_name}: {said}" if isinstance(error, StreamError) else said)
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        _say(self.format_message())


@contextmanager
def _shown_by_click(ctx: click.Context) -> Iterator[None]:
    try:
        yield
    except LogicError as error:
        raise Failure(error, ctx.find_root().info_name or PROG) from None


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """click's --help, but written as the output is: help that cannot reach standard output is said."""
    if value and not ctx.resilient_parsing:
        with _shown_by_click(ctx):
            _write(ctx.get_help() + "\n", None)
        ctx.exit()


class _HelpWritten(click.Command):
    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.callback = _show_help
        return option


class _Group(_HelpWritten, click.Group):
    """The commands; what the core raises in any of them is handed to click's `main` as a `Failure`."""

    command_class = _HelpWritten

    def invoke(self, ctx: click.Context) -> Any:
        with _shown_by_click(ctx):
            return super().invoke(ctx)


class _LanguageOption(click.Option):
    """--lang: the languages there is content for, read when the option is used or its help is shown, not when
    this module is imported, so that a broken content file is said as any other (ContentError, exit 1)."""

    def _offer(self) -> None:
        offered = languages()
        self.type = click.Choice(tuple(offered))
        self.help = "the language of the words: " + ", ".join(f"{code} ({name})" for code, name in offered.items())

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        self._offer()
        return super().process_value(ctx, value)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self._offer()
        return super().get_help_record(ctx)


@click.group(
    cls=_Group,
    help="Summaries of a person's answers to the questionnaire, and the answers' JSON Schema. Invalid input "
    "exits with status 2 and one line per problem on standard error.",
)
def cli() -> None:
    pass


@cli.command(short_help="print the summary for a JSON answers file")
@click.argument("file")
@click.option(
    "--from-fhir",
    is_flag=True,
    help="FILE is a FHIR R4 QuestionnaireResponse to this questionnaire (as a clinic's FHIR form tool saves "
    "it), or a Bundle holding one, instead of an answers file",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(FORMATS)),
    default=DEFAULT_FORMAT,
    help="; ".join(
        f"{name}: {what}" + (" (the default)" if name == DEFAULT_FORMAT else "") for name, (what, _) in FORMATS.items()
    ),
)
@click.option("--output", metavar="OUT", help="write to this file instead of standard output (- for standard output)")
@click.option("--lang", "language", cls=_LanguageOption, default=SOURCE_LANGUAGE)
@click.pass_context
def summarize(
    ctx: click.Context, file: str, from_fhir: bool, output_format: str, output: str | None, language: str
) -> None:
    """Print the summary for a JSON answers file: FILE is the answers file (JSON), or - for standard input."""
    if output_format == "pdf" and not output:
        raise click.UsageError(PDF_NEEDS_OUTPUT, ctx)
    content = default_content(language)
    data, source = _read(file, MAX_FHIR_BYTES if from_fhir else MAX_ANSWERS_BYTES), _name(file)
    answers = answers_from_fhir(data, source) if from_fhir else parse_answers(data, source=source)
    summary = evaluate(answers, content)
    _write(FORMATS[output_format][1](summary, answers, content, date.today()), output)


@cli.command(short_help="print the JSON Schema of the answers")
def schema() -> None:
    """Print the JSON Schema of the answers: the questions' keys and the values each allows."""
    _write(json.dumps(Answers.model_json_schema(), indent=2) + "\n", None)


def run(args: Sequence[str] | None = None, prog_name: str = PROG) -> int:
    """The command line as a process runs it: click's `main`, then the flush the interpreter would make at
    exit made here, where its failure can be said in one line. After a stream has failed, standard output is
    pointed at /dev/null, so the interpreter's own flush at exit cannot fail again with a traceback."""
    status = 0
    try:
        cli.main(args, prog_name=prog_name)  # in click's standalone mode, it always ends in SystemExit
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    except (OSError, ValueError) as error:  # what click lets through: a stream that failed under click's echo
        Failure(StreamError.cannot_write(error), prog_name).show()
        status = StreamError.exit_code
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as error:
        if status == 0:
            Failure(StreamError.cannot_write(error), prog_name).show()
            status = StreamError.exit_code
    else:
        return status
    _silence_stdout()
    return status


def _write(output: str | bytes, file: str | None) -> None:
    """Text goes to standard output unless a file is named; a PDF's bytes only to a file or to `-`.

    A file that cannot be written raises CannotWrite, which names it; standard output that cannot be written
    raises StreamError."""
    if file is not None and file != "-":
        try:
            Path(file).write_bytes(output.encode() if isinstance(output, str) else output)
        except OSError as error:
            raise CannotWrite(file, error) from None
        return
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


def _read(file: str, limit: int) -> bytes:
    """At most one byte more than `limit`: enough for the reader to tell the input is too big."""
    try:
        if file == "-":
            return _stream("stdin").buffer.read(limit + 1)
        with Path(file).open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise AnswersError([cannot_read(error)], source=_name(file)) from None


def _name(file: str) -> str:
    return "standard input" if file == "-" else file


def _stream(name: str) -> Any:
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

"""Log lines: every record is one line, exceptions included: their type and the lines that raised them, not
their text, which can hold a person's answers, and no traceback (Streamlit's rich one was printed past the
log: a client's 900 KB widget id in one printed 1 MB a rerun). Control characters in anything logged are
escaped, each message is cut to `LOG_LIMIT` characters, and ids shaped like session and file ids are
replaced by `<id>`.

`Scrub` is a `logging.Filter` on every handler that writes the log: the root logger's (and Python's last
resort handler, used when the root has none), and the console handler Streamlit gives each of its loggers
(`streamlit.logger.setup_formatter` makes a new one for every logger it creates and whenever the log's
format is set again; the one made after `install()` gets the filter too). Uncaught exceptions of a person's
run (`error_util._log_uncaught_app_exception`), of a thread, of the process, and Python's warnings, which
were printed straight to the output (the run's with rich, as a multi-line traceback holding any text a
client chose), are logged instead.
"""

import functools
import logging
import re
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from streamlit import error_util
from streamlit import logger as streamlit_logger

LOG_LIMIT = 1000
NEEDS: tuple[tuple[Any, str], ...] = (
    (error_util, "_log_uncaught_app_exception"),
    (streamlit_logger, "setup_formatter"),
    (streamlit_logger, "_loggers"),
)

_ROOT = str(Path(__file__).resolve().parents[1]) + "/"  # the project's files, named in a log line from here
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Session and upload ids (UUIDs, with or without dashes) and published file ids (48 hex digits).
_IDS = re.compile(r"\b[0-9a-fA-F]{8}(?:-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}\b|\b[0-9a-f]{48}\b")
_CLEANED = "_qn_cleaned"  # set on a record once scrubbed: a record several handlers write is cleaned once


def clean(text: str, limit: int = LOG_LIMIT) -> str:
    """A log message as it may be written: ids replaced, control characters escaped, at most `limit` long."""
    text = _IDS.sub("<id>", text[: limit * 2])
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\\u2028", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def one_line(message: str, error: BaseException | None = None) -> str:
    """`message` and, if given, the exception's type and where it was raised (the innermost line, and the
    project's innermost line under it), as one clean line: no traceback, no longer than `LOG_LIMIT`. The
    exception's own text is left out: it can hold what a person answered (a validation error quotes its
    input) or anything a client sent (a widget id of 900 KB)."""
    if error is None:
        return clean(message)
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ is not None else []
    where = ""
    if frames:
        where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}"
        ours = [f for f in frames if f.filename.startswith(_ROOT) and "/site-packages/" not in f.filename]
        if ours and ours[-1] is not frames[-1]:
            where += f" from {ours[-1].filename.removeprefix(_ROOT)}:{ours[-1].lineno}"
    tail = clean(f" | {type(error).__name__}{where}", 300)
    return clean(message, LOG_LIMIT - len(tail)) + tail


class Scrub(logging.Filter):
    """Makes the record it passes one clean line (`one_line`); it refuses none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.__dict__.get(_CLEANED):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a message that cannot be formatted is logged as its template
            message = str(record.msg)
        error = record.exc_info[1] if record.exc_info else None
        record.msg, record.args = one_line(message, error), None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        record.__dict__[_CLEANED] = True
        return True


SCRUB = Scrub()


def _guard(handler: logging.Handler) -> None:
    if SCRUB not in handler.filters:
        handler.addFilter(SCRUB)


def cover() -> None:
    """Put the filter on every handler there is now: the root's, the last resort, every logger's."""
    handlers = [*logging.getLogger().handlers]
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            handlers += logger.handlers
    for handler in handlers:
        _guard(handler)


def install() -> None:
    setup = streamlit_logger.setup_formatter

    @functools.wraps(setup)
    def setup_formatter(logger: logging.Logger) -> None:
        setup(logger)
        for handler in logger.handlers:
            _guard(handler)

    streamlit_logger.setup_formatter = setup_formatter
    cover()
    logging.captureWarnings(True)
    logger = logging.getLogger("streamlit.uncaught")
    error_util._log_uncaught_app_exception = lambda ex: logger.error("Uncaught app exception", exc_info=ex)
    sys.excepthook = lambda kind, error, tb: logger.error("Uncaught exception", exc_info=(kind, error, tb))

    def thread_hook(args: Any) -> None:
        name = args.thread.name if args.thread is not None else "?"
        logger.error(
            "Uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
        )

    threading.excepthook = thread_hook

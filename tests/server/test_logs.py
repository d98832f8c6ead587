"""Contracts server/logs.py rests on: `error_util._log_uncaught_app_exception` is what logs a run's uncaught
exception; every Streamlit logger writes through a console handler that `logger.setup_formatter` makes (and
makes again when the format is set again); a `logging.Filter` on a handler sees a record before it is
formatted, so the line written is the scrubbed one."""

import io
import logging

from streamlit import error_util
from streamlit import logger as streamlit_logger

from server import logs

SESSION = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"


def test_an_uncaught_exception_of_a_run_is_logged_by_log_uncaught_app_exception(monkeypatch):
    logged = []
    monkeypatch.setattr(error_util, "_log_uncaught_app_exception", logged.append)
    error = ValueError("an answer a person gave")
    error_util.handle_uncaught_app_exception(error)
    assert logged == [error]


def test_a_new_streamlit_logger_writes_through_a_handler_setup_formatter_made(monkeypatch):
    made = []
    setup = streamlit_logger.setup_formatter
    monkeypatch.setattr(streamlit_logger, "setup_formatter", lambda logger: made.append(logger) or setup(logger))
    monkeypatch.setattr(streamlit_logger, "_loggers", dict(streamlit_logger._loggers))
    logger = streamlit_logger.get_logger("streamlit.qn_contract_new")
    assert made == [logger]
    assert not logger.propagate, "Streamlit's loggers write only through their own handler"
    assert logger.handlers == [logger.streamlit_console_handler]
    streamlit_logger.update_formatter()
    assert logger in made[1:], "setting the format again makes the handler again"


def scrubbed_line(logger: logging.Logger, handler: logging.StreamHandler, stream: io.StringIO) -> str:
    try:
        raise KeyError("an answer a person gave\nFORGED line")
    except KeyError:
        logger.exception("session %s failed\n%s", SESSION, "x" * 5000)
    handler.flush()
    return stream.getvalue()


def test_the_filter_on_a_streamlit_handler_makes_each_record_one_clean_line(monkeypatch):
    monkeypatch.setattr(streamlit_logger, "setup_formatter", streamlit_logger.setup_formatter)
    monkeypatch.setattr(streamlit_logger, "_loggers", dict(streamlit_logger._loggers))
    setup = streamlit_logger.setup_formatter

    def setup_then_guard(logger):  # what logs.install() makes setup_formatter do
        setup(logger)
        for handler in logger.handlers:
            logs._guard(handler)

    monkeypatch.setattr(streamlit_logger, "setup_formatter", setup_then_guard)
    logger = streamlit_logger.get_logger("streamlit.qn_contract_scrubbed")
    stream = io.StringIO()
    logger.streamlit_console_handler.setStream(stream)
    line = scrubbed_line(logger, logger.streamlit_console_handler, stream)
    assert line.count("\n") == 1 and "Traceback" not in line and "an answer" not in line
    assert "<id>" in line and SESSION not in line and len(line) < logs.LOG_LIMIT + 200
    assert " | KeyError at test_logs.py:" in line
    streamlit_logger.update_formatter()  # a handler made again is guarded again
    assert logs.SCRUB in logger.streamlit_console_handler.filters


def test_cover_puts_the_filter_on_handlers_that_already_exist():
    logger = logging.getLogger("qn_contract_plain")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logs.cover()
        assert logs.SCRUB in handler.filters
        line = scrubbed_line(logger, handler, stream)
        assert line.count("\n") == 1 and "Traceback" not in line
    finally:
        logger.removeHandler(handler)
        handler.removeFilter(logs.SCRUB)

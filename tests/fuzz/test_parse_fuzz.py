"""Bad input never crashes: every hostile input is either valid answers or refused with readable lines.

The one door every file, upload and pipe comes through is `parse_answers`; the command line wraps it. Each
fuzzer counts the cases it tried, checks it tried enough, and the counts are printed in pytest's summary.
"""

import json
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import render_markdown
from logic import Answers, AnswersError, evaluate, parse_answers
from logic.errors import shown
from logic.parse import MAX_ANSWERS_BYTES
from tests.fuzz.counts import record
from tests.fuzz.strategies import FIELD_NAMES, hostile_inputs, json_values, one_field_replaced
from tests.support.command_line import invoke

# The project's profile (tests/conftest.py: "dev" 100 examples, "ci" 200 and derandomized) sets the pace;
# the parser is cheap, so it gets several times that.
PROFILE_EXAMPLES = settings.default.max_examples
FUZZ = settings(
    settings.default,
    max_examples=PROFILE_EXAMPLES * 5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
CLI_FUZZ = settings(FUZZ, max_examples=PROFILE_EXAMPLES * 2)

FIELD_LINE = re.compile(rf"^(?:{'|'.join(map(re.escape, FIELD_NAMES))})(?:\[[^\]]+\])*: \S")
UNKNOWN_KEY_LINE = re.compile(
    rf"^(.*): not a question this questionnaire asks; the questions are {', '.join(FIELD_NAMES)}$", re.S
)


def decoded(data: str | bytes) -> Any:
    """The JSON value as Python's own parser reads it, or None when it cannot."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


MORE_LINE = re.compile(r"^\.\.\. and \d+ more problems$")


def assert_readable_problem(problem: str, data: str | bytes) -> None:
    """A problem names a known field, or speaks of 'the answers' as a whole, or names an unknown key given
    (as it is when it is a plain name, as escaped JSON otherwise), or says how many more problems there are."""
    assert "\n" not in problem and len(problem) < 1_000, problem[:300]
    if FIELD_LINE.match(problem) or problem.startswith("the answers ") or MORE_LINE.match(problem):
        return
    unknown = UNKNOWN_KEY_LINE.match(problem)
    assert unknown, f"a problem that names no field: {problem[:300]!r}"
    value = decoded(data)
    if isinstance(value, dict):
        assert unknown.group(1) in {*value, *map(shown, value)}, f"names a key that was not given: {problem[:300]!r}"


def named_key(problem: str, keys) -> str | None:
    """The field or key a problem line is about, or None when it speaks of the answers as a whole."""
    if unknown := UNKNOWN_KEY_LINE.match(problem):
        return next((k for k in keys if unknown.group(1) in (k, shown(k))), unknown.group(1))
    if FIELD_LINE.match(problem):
        return re.split(r"[\[:]", problem, maxsplit=1)[0]
    return None


def check_parse(data: str | bytes) -> Answers | AnswersError:
    """parse_answers returns Answers or raises AnswersError with readable problems; anything else fails here."""
    try:
        answers = parse_answers(data)
    except AnswersError as error:
        refused = error
    else:
        refused = None
    if refused is not None:
        assert refused.problems, "refused without saying why"
        assert str(refused) == "\n".join(refused.problems)
        for problem in refused.problems:
            assert_readable_problem(problem, data)
        return refused
    assert isinstance(answers, Answers)
    # Accepted answers go all the way through: the summary, the download, and back from the saved file.
    render_markdown(evaluate(answers), answers, today=date(2026, 1, 1))
    assert parse_answers(answers.model_dump_json(indent=2)) == answers
    return answers


def outcome_kind(outcome: Answers | AnswersError) -> str:
    if isinstance(outcome, Answers):
        return "valid"
    first = outcome.problems[0]
    for start, kind in [
        ("the answers are empty", "empty"),
        ("the answers are not valid JSON", "not JSON"),
        ("the answers must be a JSON object", "not an object"),
    ]:
        if first.startswith(start):
            return kind
    return "too big" if re.match(r"the answers are [\d,]+ bytes long", first) else "field problems"


def test_parse_answers_returns_answers_or_a_readable_refusal_for_any_input():
    tried: dict[str, int] = {}

    @FUZZ
    @given(hostile_inputs)
    def check(data):
        kind = outcome_kind(check_parse(data))
        tried[kind] = tried.get(kind, 0) + 1

    check()
    total = sum(tried.values())
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(tried.items()))
    record(f"parse_answers: hostile inputs ({kinds})", total)
    assert total >= PROFILE_EXAMPLES, tried
    # Every way in was reached, so the property was not checked on easy cases only.
    assert {"valid", "not JSON", "not an object", "too big", "field problems"} <= set(tried), tried


def test_one_wrong_field_among_valid_answers_is_named():
    tried = [0]

    @FUZZ
    @given(one_field_replaced())
    def check(data):
        tried[0] += 1
        outcome = check_parse(json.dumps(data))
        if isinstance(outcome, AnswersError) and outcome.problems[0].startswith("the answers are not valid JSON"):
            # Python writes a lone surrogate as a \\udXXX escape; the parser refuses that as not valid JSON.
            assert re.search(r"\\ud[89a-f]", json.dumps(data), re.I), outcome.problems
        elif isinstance(outcome, AnswersError):
            wrong = [f for f in FIELD_NAMES if f not in data] + [k for k in data if k not in FIELD_NAMES]
            named = {named_key(p, data) for p in outcome.problems} - {None}
            assert named <= {*FIELD_NAMES, *data}, outcome.problems
            assert not wrong or set(wrong) <= named, (wrong, outcome.problems)

    check()
    record("parse_answers: valid answers with one field replaced", tried[0])
    assert tried[0] >= PROFILE_EXAMPLES


def test_answers_with_a_json_value_anywhere_never_crash_the_parser():
    tried = [0]

    @FUZZ
    @given(st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, max_size=len(FIELD_NAMES)))
    def check(data):
        tried[0] += 1
        check_parse(json.dumps(data))

    check()
    record("parse_answers: known keys, arbitrary JSON values", tried[0])
    assert tried[0] >= PROFILE_EXAMPLES


# --- The command line, in process ------------------------------------------------------------------------


def expected_refusal(source: str, data: bytes) -> str:
    """What the command line must print for refused answers: a header and the parser's problems, one each."""
    try:
        parse_answers(data[: MAX_ANSWERS_BYTES + 1])
    except AnswersError as error:
        return AnswersError(error.problems, source).format_message() + "\n"
    raise AssertionError("expected a refusal")


def check_cli_output(code: int, out: str, err: str, source: str, data: bytes, markdown: bool) -> None:
    assert code in (0, AnswersError.exit_code), (code, err[:500])
    assert "Traceback" not in err
    err.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates
    if code == 0:
        assert err == ""
        answers = parse_answers(data)
        if markdown:
            assert out.startswith("# ")
        else:
            assert json.loads(out) == json.loads(evaluate(answers).model_dump_json())
    else:
        assert out == ""
        assert err == expected_refusal(source, data)


def to_bytes(data: str | bytes) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")


def test_the_command_line_exits_0_or_2_with_readable_lines_for_any_input():
    tried = [0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.json"

        @CLI_FUZZ
        @given(hostile_inputs, st.booleans(), st.booleans())
        def check(data, from_file, markdown):
            tried[0] += 1
            data = to_bytes(data)
            fmt = ["--format", "markdown"] if markdown else []
            if from_file:
                path.write_bytes(data)
                code, out, err = invoke("summarize", str(path), *fmt)
                check_cli_output(code, out, err, str(path), data, markdown)
            else:
                code, out, err = invoke("summarize", "-", *fmt, stdin=data)
                check_cli_output(code, out, err, "standard input", data, markdown)

        check()
    record("command line: hostile inputs on stdin and in files", tried[0])
    assert tried[0] >= PROFILE_EXAMPLES


def test_the_command_line_reads_any_input_as_fhir_with_exit_0_or_2_and_readable_lines():
    """--from-fhir takes what a clinic's FHIR tool saves: whatever it is sent, a summary or one line per problem."""
    tried = [0]

    @CLI_FUZZ
    @given(st.one_of(hostile_inputs, json_values.map(json.dumps)))
    def check(data):
        tried[0] += 1
        code, out, err = invoke("summarize", "-", "--from-fhir", stdin=to_bytes(data))
        assert code in (0, AnswersError.exit_code), (code, err[:500])
        assert "Traceback" not in err
        err.encode("utf-8")  # printable on a UTF-8 terminal: no lone surrogates
        if code == 0:
            assert err == "" and json.loads(out)["level"]
        else:
            header, *lines = err.splitlines()
            assert (out, header) == ("", "standard input: the answers are not valid:")
            assert lines and all(line.startswith("  - ") for line in lines), lines[:5]

    check()
    record("command line: hostile inputs as FHIR on stdin", tried[0])
    assert tried[0] >= PROFILE_EXAMPLES


WORDS = ["summarize", "schema", "-", "--format", "json", "markdown", "pdf", "fhir", "xml", "--output", "out.pdf"]
WORDS += ["--help", "-h", "", "nope.json", "--", ".", "--from-fhir", "--lang", "fil"]


def test_the_command_line_refuses_any_arguments_with_exit_2_or_runs_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # an abbreviated --output may write a file: here, not in the project
    tried = [0]

    @CLI_FUZZ
    @given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=10)), max_size=5))
    def check(argv):
        tried[0] += 1
        code, _, err = invoke(*argv, stdin=b"{}")
        cannot_write = code == 1 and "cannot write the file" in err  # --output .: the disk's fault, not the input's
        assert code in (0, AnswersError.exit_code) or cannot_write, (argv, code, err)
        assert "Traceback" not in err

    check()
    record("command line: arbitrary arguments", tried[0])
    assert tried[0] >= PROFILE_EXAMPLES

"""cli/commands.py: the command line in process, under click's CliRunner (tests/support/command_line.py), and
through its process entry point `run` only for streams CliRunner cannot give it (closed, /dev/full)."""

import errno
import io
import json
import os
import re
from datetime import date

import pytest

from cli import commands
from exports.fhir import MAX_FHIR_BYTES
from exports.markdown import render_markdown
from logic import Answers, ContentError, Summary, default_content, evaluate
from logic.content import CONTENT_DIR, languages
from logic.errors import allowed
from logic.parse import MAX_ANSWERS_BYTES
from logic.vocab import Field, Mark
from tests.factories import answers_dict
from tests.support.command_line import invoke, run_with_streams


@pytest.fixture
def answers_file(tmp_path):
    def write(text: str) -> str:
        path = tmp_path / "answers.json"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_summarize_prints_the_summary_as_json(answers_file):
    result = invoke("summarize", answers_file(json.dumps(answers_dict(changing_spot=True, marks=["red_marks"]))))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["level"] == "urgent"
    assert [f["id"] for f in summary["flags"]] == ["changing_spot", "red_marks_not_pigment"]
    assert summary["flags"][0]["triggered_by"] == [{"field": "changing_spot", "value": True}]
    assert summary["marks"][0] == {**summary["marks"][0], "mark": "red_marks", "glutathione_fit": "not_expected"}
    assert set(summary) == set(Summary.model_fields)  # the whole summary (tests/logic/test_summary.py: its shape)


def test_summarize_reads_standard_input_and_prints_markdown():
    result = invoke("summarize", "-", "--format", "markdown", stdin=json.dumps(answers_dict(notes="<b>hi</b> [x](y)")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "\\<b\\>hi\\</b\\> \\[x\\](y)" in result.stdout  # no tag, no link: the brackets are escaped
    assert "<b>" not in result.stdout


def test_schema_is_the_json_schema_of_the_answers():
    result = invoke("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == Answers.model_json_schema()
    assert set(schema["required"]) == set(Answers.model_fields) - {"notes"}
    assert schema["additionalProperties"] is False
    assert schema["properties"]["marks"]["minItems"] == 1
    assert schema["properties"]["marks"]["uniqueItems"] is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (json.dumps(answers_dict(age_group="old")), 'age_group: "old" is not allowed'),
        (json.dumps(answers_dict(marks=[])), "marks: needs at least one value"),
        ("", "the answers are empty"),
        ("[1]", "the answers must be a JSON object"),
        ("{", "the answers are not valid JSON"),
        ("\xff\xfe garbage", "the answers are not valid JSON"),
    ],
)
def test_bad_input_exits_2_with_a_readable_line_and_no_traceback(answers_file, text, expected):
    result = invoke("summarize", answers_file(text))
    assert result.returncode == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_exits_2_with_a_readable_message(tmp_path):
    result = invoke("summarize", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_format_is_refused_by_click(answers_file):
    result = invoke("summarize", answers_file("{}"), "--format", "xml")
    assert result.returncode == 2
    assert "Invalid value for '--format': 'xml' is not one of 'json', 'markdown', 'pdf', 'fhir'." in result.stderr


# --- PDF and FHIR -------------------------------------------------------------------------------------


def test_format_pdf_writes_the_summary_to_the_output_file(answers_file, tmp_path):

    from pypdf import PdfReader

    output = tmp_path / "summary.pdf"
    source = answers_file(json.dumps(answers_dict(changing_spot=True, notes="Crème — “quoted”")))
    result = invoke("summarize", source, "--format", "pdf", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(output.read_bytes())).pages)
    assert "A spot that is changing" in text
    assert "Crème — “quoted”" in text


def test_format_pdf_without_an_output_file_exits_2_and_says_why(answers_file):
    result = invoke("summarize", answers_file(json.dumps(answers_dict())), "--format", "pdf")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--format pdf needs --output" in result.stderr
    assert "Traceback" not in result.stderr


def test_format_pdf_to_dash_sends_the_bytes_to_standard_output():
    result = invoke(
        "summarize", "-", "--format", "pdf", "--output", "-", stdin=json.dumps(answers_dict()).encode(), binary=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")


def test_bad_answers_make_no_pdf(answers_file, tmp_path):
    output = tmp_path / "summary.pdf"
    result = invoke(
        "summarize", answers_file(json.dumps(answers_dict(marks=[]))), "--format", "pdf", "--output", str(output)
    )
    assert result.returncode == 2
    assert "marks: needs at least one value" in result.stderr
    assert not output.exists()


def test_an_unwritable_output_file_is_a_readable_error(answers_file, tmp_path):
    target = tmp_path / "missing-folder" / "summary.pdf"
    result = invoke("summarize", answers_file(json.dumps(answers_dict())), "--format", "pdf", "--output", str(target))
    assert result.returncode == 1
    assert "cannot write the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_format_fhir_prints_a_collection_bundle_of_the_questionnaire_and_the_response(answers_file):
    from fhir.resources.R4B.bundle import Bundle

    from exports.fhir import answers_from_response

    given = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="naïve")
    result = invoke("summarize", answers_file(json.dumps(given)), "--format", "fhir")
    assert result.returncode == 0, result.stderr
    bundle = json.loads(result.stdout)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    questionnaire, response = (entry["resource"] for entry in bundle["entry"])
    assert questionnaire["resourceType"] == "Questionnaire"
    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"
    assert answers_from_response(response) == Answers.model_validate(given)


def test_the_help_names_every_format_and_what_fhir_prints():
    result = invoke("summarize", "--help")
    assert result.returncode == 0
    for name in ("json", "markdown", "pdf", "fhir", "--output"):
        assert name in result.stdout
    assert "Bundle of type collection" in " ".join(result.stdout.split())


def test_the_summary_in_filipino_keeps_ids_and_values_and_changes_the_words(answers_file):
    path = answers_file(json.dumps(answers_dict(changing_spot=True, marks=["red_marks"])))
    english, filipino = invoke("summarize", path), invoke("summarize", path, "--lang", "fil")
    assert filipino.returncode == 0, filipino.stderr
    en, fil = json.loads(english.stdout), json.loads(filipino.stdout)
    assert [(f["id"], f["level"], f["when"], f["sources"]) for f in fil["flags"]] == [
        (f["id"], f["level"], f["when"], f["sources"]) for f in en["flags"]
    ]
    assert fil["flags"][0]["title"] != en["flags"][0]["title"]
    assert fil["references"] == en["references"]
    markdown = invoke("summarize", path, "--format", "markdown", "--lang", "fil").stdout
    filipino_words = default_content("fil")
    assert filipino_words.flags["changing_spot"].title in markdown
    assert filipino_words.ui.summary.sources in markdown  # the file's own words too, not only the summary's
    assert default_content().ui.summary.sources not in markdown
    fhir = json.loads(invoke("summarize", path, "--format", "fhir", "--lang", "fil").stdout)
    assert {e["resource"]["language"] for e in fhir["entry"]} == {"fil"}


def test_an_unknown_language_is_a_usage_error(answers_file):
    result = invoke("summarize", answers_file(json.dumps(answers_dict())), "--lang", "xx")
    assert result.returncode == 2
    assert "Invalid value for '--lang': 'xx' is not one of 'en', 'fil'." in result.stderr


# --- In process, under click's CliRunner ------------------------------------------------------------------------


def test_summarize_prints_the_summary_as_json_and_as_markdown(tmp_path):
    data = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="see [me]")
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    answers = Answers.model_validate(data)
    code, out, err = invoke("summarize", str(path))
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(evaluate(answers).model_dump_json())
    code, out, err = invoke("summarize", "-", "--format", "markdown", stdin=json.dumps(data).encode())
    assert (code, err) == (0, "")
    assert out == render_markdown(evaluate(answers), answers, today=date.today())


def test_summarize_refuses_bad_answers_with_exit_2_and_one_line_each():
    code, out, err = invoke("summarize", "-", stdin=json.dumps(answers_dict(age_group="old", marks=[])).encode())
    assert (code, out) == (2, "")
    assert err == (
        "standard input: the answers are not valid:\n"
        f'  - age_group: "old" is not allowed; allowed: {allowed(Field.AGE_GROUP)}\n'
        f"  - marks: needs at least one value from {', '.join(Mark)}\n"
    )


def test_summarize_reads_at_most_one_byte_past_the_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_ANSWERS_BYTES * 3))
    code, _, err = invoke("summarize", str(path))
    assert code == 2
    assert f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long" in err
    code, _, err = invoke("summarize", "-", stdin=b" " * (MAX_ANSWERS_BYTES * 3))
    assert f"the answers are {MAX_ANSWERS_BYTES + 1:,} bytes long" in err


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    code, out, err = invoke("summarize", str(tmp_path / "missing.json"))
    assert (code, out) == (2, "")
    assert err == (
        f"{tmp_path / 'missing.json'}: the answers are not valid:\n"
        "  - cannot read the file: No such file or directory\n"
    )


def test_broken_content_exits_1_with_its_message(monkeypatch):
    def broken(*_):
        raise ContentError(CONTENT_DIR / "flags.toml", ["changing_spot.title: Field required"])

    monkeypatch.setattr(commands, "evaluate", broken)
    code, out, err = invoke("summarize", "-", stdin=json.dumps(answers_dict()).encode())
    assert (code, out) == (1, "")
    assert err == "content file content/flags.toml is broken:\n  - changing_spot.title: Field required\n"


def test_schema_prints_the_answers_json_schema():
    code, out, err = invoke("schema")
    assert (code, err) == (0, "")
    assert json.loads(out) == Answers.model_json_schema()
    assert out.startswith('{\n  "')


def test_a_command_is_required():
    code, _, err = invoke()
    assert code == 2
    assert err.startswith("Usage: python -m logic [OPTIONS] COMMAND [ARGS]...")
    assert "summarize  print the summary for a JSON answers file" in err  # the commands, as --help lists them


# --- The exports and --output, in process ------------------------------------------------


PERSON = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="naïve “note”")


@pytest.fixture
def person_file(tmp_path) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(PERSON), encoding="utf-8")
    return str(path)


def test_the_json_summary_is_printed_indented_by_two(person_file):
    code, out, _ = invoke("summarize", person_file)
    assert code == 0
    assert out == evaluate(Answers.model_validate(PERSON)).model_dump_json(indent=2) + "\n"


def test_fhir_prints_the_bundle_as_indented_unescaped_json(person_file):
    from exports.fhir import bundle

    code, out, err = invoke("summarize", person_file, "--format", "fhir")
    assert (code, err) == (0, "")
    answers = Answers.model_validate(PERSON)
    assert out == json.dumps(bundle(answers, authored=date.today()), indent=2, ensure_ascii=False) + "\n"
    assert "naïve" in out


def test_pdf_goes_to_the_output_file_or_to_standard_output_with_a_dash(person_file, tmp_path):
    from exports.pdf import render_pdf

    answers = Answers.model_validate(PERSON)
    expected = render_pdf(evaluate(answers), answers, today=date.today())
    target = tmp_path / "summary.pdf"
    code, out, err = invoke("summarize", person_file, "--format", "pdf", "--output", str(target))
    assert (code, out, err) == (0, "", "")
    assert target.read_bytes() == expected
    code, data, err = invoke("summarize", person_file, "--format", "pdf", "--output", "-", binary=True)
    assert (code, err) == (0, "")
    assert data == expected


def test_text_goes_to_the_output_file_too(person_file, tmp_path):
    target = tmp_path / "summary.md"
    code, out, _ = invoke("summarize", person_file, "--format", "markdown", "--output", str(target))
    assert (code, out) == (0, "")
    answers = Answers.model_validate(PERSON)
    assert target.read_text(encoding="utf-8") == render_markdown(evaluate(answers), answers, today=date.today())
    code, out, _ = invoke("summarize", person_file, "--output", "-")
    assert (code, out) == (0, evaluate(answers).model_dump_json(indent=2) + "\n")


def test_a_pdf_without_an_output_file_is_refused_with_exit_2(person_file):
    code, out, err = invoke("summarize", person_file, "--format", "pdf")
    assert (code, out) == (2, "")
    assert err.rstrip().endswith(
        "Error: --format pdf needs --output OUT.pdf (a PDF is not printed to the terminal; - sends it there)"
    )


def test_an_output_that_cannot_be_written_exits_1_and_says_why(person_file, tmp_path):
    code, out, err = invoke("summarize", person_file, "--output", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == f"{tmp_path}: cannot write the file: Is a directory\n"


def test_an_unknown_format_is_refused(person_file):
    code, out, err = invoke("summarize", person_file, "--format", "xml")
    assert (code, out) == (2, "")
    assert "'xml' is not one of" in err


def test_the_help_says_what_each_command_format_and_option_does():
    code, out, _ = invoke("--help")
    assert code == 0
    said = " ".join(out.split())
    assert " ".join(commands.cli.help.split()) in said
    assert "Invalid input exits with status 2 and one line per problem on standard error." in said
    assert re.search(r"\bprint the summary for a JSON answers file\b", said)
    assert re.search(r"\bprint the JSON Schema of the answers\b", said)
    code, out, _ = invoke("summarize", "--help")
    said = " ".join(out.split())
    assert re.search(r"\banswers file \(JSON\), or - for standard input(?!\w)", said)
    assert "json: the summary as JSON (the default); markdown: the summary to read or print; " in said
    assert all(f"{name}: {what}" in said for name, (what, _) in commands.FORMATS.items())
    assert "--output OUT write to this file instead of standard output (- for standard output)" in said
    offered = ", ".join(f"{code} ({name})" for code, name in languages().items())
    assert f"the language of the words: {offered}" in said


def test_standard_output_that_cannot_take_the_text_is_told_in_one_line_with_what_to_do():
    answers = json.dumps(answers_dict(notes="Mga peklat sa pisngi — ñ"))
    result = invoke("summarize", "-", "--format", "markdown", stdin=answers, encoding="ascii")
    assert result.returncode == 1
    assert result.stderr == (
        "python -m logic: standard output cannot take this text in its encoding (ascii); "
        "set PYTHONIOENCODING=utf-8 or write to a file with --output\n"
    )


def test_a_usage_error_is_said_on_standard_error_ending_in_one_newline_and_help_exits_0():
    code, out, err = invoke("summarize")
    assert code == 2 and out == ""
    assert err.startswith("Usage: python -m logic summarize [OPTIONS] FILE\n")
    assert err.endswith("Error: Missing argument 'FILE'.\n")
    code, out, err = invoke("--help")
    assert code == 0 and out.startswith("Usage: python -m logic [OPTIONS] COMMAND [ARGS]...") and err == ""


@pytest.mark.parametrize(
    ("args", "closed", "said"),
    [
        (("summarize", "-"), ("stdin",), "standard input is closed: nothing to read"),
        (("schema",), ("stdout",), "standard output is closed: nowhere to write"),
    ],
)
def test_a_closed_stream_is_said_in_one_line_and_exits_1(args, closed, said):
    assert run_with_streams(*args, stdin=json.dumps(PERSON), closed=closed) == (1, "", f"python -m logic: {said}\n")


@pytest.mark.parametrize("how", [(), ("--format", "markdown"), ("--format", "pdf", "--output", "-")])
def test_a_full_standard_output_is_said_in_one_line_and_silenced_so_the_exit_cannot_fail(person_file, how):
    code, _, err = run_with_streams("summarize", person_file, *how, stdout_path="/dev/full")
    assert (code, err) == (1, f"python -m logic: cannot write to standard output: {os.strerror(errno.ENOSPC)}\n")


def test_each_format_is_made_in_the_language_asked_for_and_dated_the_day_it_is_made(person_file):
    from exports import bundle
    from exports.pdf import render_pdf  # the PDF module itself: exports.render_pdf is what the command line calls

    content, answers = default_content("fil"), Answers.model_validate(PERSON)
    summary = evaluate(answers, content)
    expected = {
        "pdf": lambda day: render_pdf(summary, answers, content, today=day),
        "markdown": lambda day: render_markdown(summary, answers, content, today=day),
        "fhir": lambda day: bundle(answers, content, authored=day),
    }
    for output_format, made_on in expected.items():
        before = date.today()
        out = ("--output", "-") if output_format == "pdf" else ()
        code, printed, _ = invoke(
            "summarize", person_file, "--lang", "fil", "--format", output_format, *out, binary=output_format == "pdf"
        )
        got = json.loads(printed) if output_format == "fhir" else printed
        assert code == 0
        assert any(got == made_on(day) for day in {before, date.today()}), output_format  # across midnight: either


# --- --from-fhir: the summary from a FHIR QuestionnaireResponse, as a clinic's FHIR form tool saves one -----------


def lhc_forms_style(response: dict) -> dict:
    """`response` as a form tool such as LHC-Forms may save it: the questions without their groups, an id, a
    profile, the moment it was authored."""
    profile = "http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse"
    questions = [item for group in response["item"] for item in group["item"]]
    flat = {**response, "item": questions, "authored": "2026-12-06T10:00:00.000Z"}
    return {"id": "qr-1", "meta": {"profile": [profile]}, **flat}


@pytest.mark.parametrize("output_format", ["json", "markdown", "fhir", "pdf"])
def test_a_response_read_back_gives_the_same_summary_as_the_answers_file_in_every_format(
    person_file, tmp_path, output_format
):
    from exports.fhir import questionnaire_response

    answers = Answers.model_validate(PERSON)
    response = tmp_path / "response.json"
    response.write_text(json.dumps(lhc_forms_style(questionnaire_response(answers, authored=date.today()))))
    how = ["--format", output_format, *(["--output", "-"] if output_format == "pdf" else [])]
    binary = output_format == "pdf"
    from_answers = invoke("summarize", person_file, *how, binary=binary)
    from_response = invoke("summarize", "--from-fhir", str(response), *how, binary=binary)
    assert from_response == from_answers
    assert from_response.returncode == 0 and from_response.stdout


def test_the_fhir_bundle_the_command_line_prints_reads_back_to_the_same_summary(person_file):
    bundle = invoke("summarize", person_file, "--format", "fhir", "--lang", "fil").stdout
    from_bundle = invoke("summarize", "-", "--from-fhir", stdin=bundle)
    assert from_bundle == invoke("summarize", person_file)
    assert json.loads(from_bundle.stdout) == json.loads(evaluate(Answers.model_validate(PERSON)).model_dump_json())


def test_a_bad_response_exits_2_with_one_line_per_problem(tmp_path):
    from exports.fhir import code_system, questionnaire_response

    response = questionnaire_response(Answers.model_validate(PERSON))
    groups = response["item"]
    for group in groups:
        group["item"] = [item for item in group["item"] if item["linkId"] != "age_group"]
        for item in group["item"]:
            if item["linkId"] == "marks":
                item["answer"] = [{"valueCoding": {"system": "http://other.example/codes", "code": "red_marks"}}]
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    code, out, err = invoke("summarize", "--from-fhir", str(path), "--format", "markdown")
    assert (code, out) == (2, "")
    assert err == (
        f"{path}: the answers are not valid:\n"
        f"  - marks: each answer needs a valueCoding from {code_system(Field.MARKS)}\n"
    )
    for group in groups:
        for item in group["item"]:
            if item["linkId"] == "marks":
                item["answer"] = [{"valueCoding": {"system": code_system(Field.MARKS), "code": "red_marks"}}]
    code, _, err = invoke("summarize", "-", "--from-fhir", stdin=json.dumps(response))
    assert code == 2  # once every answer reads, what the answers lack is said as for an answers file
    assert err.startswith("standard input: the answers are not valid:\n")
    assert f"  - age_group: missing; it needs {allowed(Field.AGE_GROUP)}\n" in err
    assert all(line.startswith("  - ") for line in err.splitlines()[1:])


@pytest.mark.parametrize(
    ("sent", "said"),
    [
        (b"{", "the FHIR text is not valid JSON (Expecting property name enclosed in double quotes"),
        (json.dumps(answers_dict()).encode(), "not a FHIR QuestionnaireResponse"),
        (b'{"resourceType": "Bundle", "entry": []}', "a Bundle must hold exactly one QuestionnaireResponse; this"),
        (b"[" * 100_000 + b"]" * 100_000, "the FHIR text is nested too deep to be a QuestionnaireResponse"),
        (b" " * (MAX_FHIR_BYTES * 2), f"the FHIR text is {MAX_FHIR_BYTES + 1:,} bytes long; it may be at most"),
    ],
)
def test_what_is_not_a_response_is_refused_with_exit_2_and_a_readable_line(sent, said):
    code, out, err = invoke("summarize", "-", "--from-fhir", stdin=sent)
    assert (code, out) == (2, "")
    header, line = err.splitlines()
    assert header == "standard input: the answers are not valid:"
    assert line.startswith(f"  - {said}")


def test_a_pdf_from_a_response_still_needs_an_output_file(tmp_path):
    code, out, err = invoke("summarize", "--from-fhir", str(tmp_path / "missing.json"), "--format", "pdf")
    assert (code, out) == (2, "")
    assert err.endswith(f"Error: {commands.PDF_NEEDS_OUTPUT}\n")


def test_the_help_says_what_from_fhir_reads():
    said = " ".join(invoke("summarize", "--help").stdout.split())
    assert (
        "--from-fhir FILE is a FHIR R4 QuestionnaireResponse to this questionnaire (as a clinic's FHIR form tool "
        "saves it), or a Bundle holding one, instead of an answers file" in said
    )


def test_broken_language_files_are_said_as_broken_content_not_met_at_import(monkeypatch):
    """--lang's choices are read when it is used, so content that cannot say its languages is one message, exit 1."""

    def broken(*_):
        raise ContentError(CONTENT_DIR / "fil" / "language.toml", ["not valid TOML: Expected '=' (at line 1)"])

    monkeypatch.setattr(commands, "languages", broken)
    said = "content file content/fil/language.toml is broken:\n  - not valid TOML: Expected '=' (at line 1)\n"
    assert invoke("summarize", "-", stdin=json.dumps(PERSON)) == (1, "", said)
    assert invoke("summarize", "--help") == (1, "", said)
    assert invoke("schema").returncode == 0  # the commands that take no language still run

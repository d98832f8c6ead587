"""The command line, run as a real subprocess the way a person or a script would."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from logic import Answers, default_content
from tests.factories import answers_dict

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "logic", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60
    )


@pytest.fixture
def answers_file(tmp_path):
    def write(text: str) -> str:
        path = tmp_path / "answers.json"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_summarize_prints_the_summary_as_json(answers_file):
    result = run("summarize", answers_file(json.dumps(answers_dict(changing_spot=True, marks=["red_marks"]))))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["level"] == "urgent"
    assert [f["id"] for f in summary["flags"]] == ["changing_spot", "red_marks_not_pigment"]
    assert summary["flags"][0]["triggered_by"] == [{"field": "changing_spot", "value": True}]
    assert summary["marks"][0] == {**summary["marks"][0], "mark": "red_marks", "glutathione_fit": "not_expected"}
    assert set(summary) == {
        "level",
        "next_step",
        "flags",
        "marks",
        "article",
        "questions_for_provider",
        "references",
        "disclaimer",
        "content_version",
    }


def test_summarize_reads_standard_input_and_prints_markdown():
    result = run("summarize", "-", "--format", "markdown", stdin=json.dumps(answers_dict(notes="<b>hi</b> [x](y)")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "\\<b\\>hi\\</b\\> \\[x\\]\\(y\\)" in result.stdout
    assert "<b>" not in result.stdout


def test_schema_is_the_json_schema_of_the_answers():
    result = run("schema")
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
    result = run("summarize", answers_file(text))
    assert result.returncode == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_exits_2_with_a_readable_message(tmp_path):
    result = run("summarize", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_format_is_refused_by_the_argument_parser(answers_file):
    result = run("summarize", answers_file("{}"), "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


# --- PDF and FHIR (issue 4) -------------------------------------------------------------------------------


def run_binary(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "logic", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120
    )


def test_format_pdf_writes_the_summary_to_the_output_file(answers_file, tmp_path):
    import io

    from pypdf import PdfReader

    output = tmp_path / "summary.pdf"
    source = answers_file(json.dumps(answers_dict(changing_spot=True, notes="Crème — “quoted”")))
    result = run("summarize", source, "--format", "pdf", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(output.read_bytes())).pages)
    assert "A spot that is changing" in text
    assert "Crème — “quoted”" in text


def test_format_pdf_without_an_output_file_exits_2_and_says_why(answers_file):
    result = run("summarize", answers_file(json.dumps(answers_dict())), "--format", "pdf")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--format pdf needs --output" in result.stderr
    assert "Traceback" not in result.stderr


def test_format_pdf_to_dash_sends_the_bytes_to_standard_output():
    result = run_binary("summarize", "-", "--format", "pdf", "--output", "-", stdin=json.dumps(answers_dict()).encode())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")


def test_bad_answers_make_no_pdf(answers_file, tmp_path):
    output = tmp_path / "summary.pdf"
    result = run(
        "summarize", answers_file(json.dumps(answers_dict(marks=[]))), "--format", "pdf", "--output", str(output)
    )
    assert result.returncode == 2
    assert "marks: needs at least one value" in result.stderr
    assert not output.exists()


def test_an_unwritable_output_file_is_a_readable_error(answers_file, tmp_path):
    target = tmp_path / "missing-folder" / "summary.pdf"
    result = run("summarize", answers_file(json.dumps(answers_dict())), "--format", "pdf", "--output", str(target))
    assert result.returncode == 1
    assert "cannot write the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_format_fhir_prints_a_collection_bundle_of_the_questionnaire_and_the_response(answers_file):
    from fhir.resources.R4B.bundle import Bundle

    from exports import answers_from_response

    given = answers_dict(changing_spot=True, marks=["red_marks", "boxcar"], notes="naïve")
    result = run("summarize", answers_file(json.dumps(given)), "--format", "fhir")
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
    result = run("summarize", "--help")
    assert result.returncode == 0
    for name in ("json", "markdown", "pdf", "fhir", "--output"):
        assert name in result.stdout
    assert "Bundle of type collection" in " ".join(result.stdout.split())


def test_the_summary_in_filipino_keeps_ids_and_values_and_changes_the_words(answers_file):
    path = answers_file(json.dumps(answers_dict(changing_spot=True, marks=["red_marks"])))
    english, filipino = run("summarize", path), run("summarize", path, "--lang", "fil")
    assert filipino.returncode == 0, filipino.stderr
    en, fil = json.loads(english.stdout), json.loads(filipino.stdout)
    assert [(f["id"], f["level"], f["when"], f["sources"]) for f in fil["flags"]] == [
        (f["id"], f["level"], f["when"], f["sources"]) for f in en["flags"]
    ]
    assert fil["flags"][0]["title"] != en["flags"][0]["title"]
    assert fil["references"] == en["references"]
    markdown = run("summarize", path, "--format", "markdown", "--lang", "fil").stdout
    assert default_content("fil").flags["changing_spot"].title in markdown
    fhir = json.loads(run("summarize", path, "--format", "fhir", "--lang", "fil").stdout)
    assert {e["resource"]["language"] for e in fhir["entry"]} == {"fil"}


def test_an_unknown_language_is_a_usage_error(answers_file):
    result = run("summarize", answers_file(json.dumps(answers_dict())), "--lang", "xx")
    assert result.returncode == 2
    assert "invalid choice: 'xx'" in result.stderr

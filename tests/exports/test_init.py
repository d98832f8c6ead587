"""exports/__init__.py: `__all__` is the public API, and the PDF libraries load only when a PDF is made."""

import ast
from datetime import date

import exports
from exports import pdf
from logic import default_content, evaluate
from tests.factories import make_answers
from tests.support.imports import ROOT, defined_names, loaded_after


def test_all_is_exactly_the_public_names_the_package_holds_sorted():
    assert exports.__all__ == defined_names(exports)


def test_importing_the_exports_loads_no_pdf_library_and_making_a_pdf_does():
    assert {"fpdf", "fontTools", "streamlit"}.isdisjoint(loaded_after("import exports"))
    made = "import exports, logic\nfrom tests.factories import make_answers\na = make_answers()\n"
    assert {"fpdf", "fontTools"} <= loaded_after(made + "exports.render_pdf(logic.evaluate(a), a)")


def test_render_pdf_is_the_pdf_modules_in_the_content_given():
    answers, day, filipino = make_answers(changing_spot=True), date(2026, 11, 30), default_content("fil")
    summary = evaluate(answers, filipino)
    made = pdf.render_pdf(summary, answers, filipino, today=day)
    assert exports.render_pdf(summary, answers, filipino, today=day) == made
    assert made != pdf.render_pdf(summary, answers, today=day)  # in English by default


def test_all_is_what_the_shell_and_the_command_line_take_from_the_package():
    shell = [ROOT / "app.py", *(ROOT / "cli").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    taken = {
        alias.name
        for path in shell
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "exports"
        for alias in node.names
    }
    assert sorted(taken) == exports.__all__

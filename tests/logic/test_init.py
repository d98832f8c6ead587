"""logic/__init__.py: `__all__` is the public API (httpx's test_exported_members habit), and the core stands alone."""

import re

import logic
from tests.support.imports import ROOT, defined_names, loaded_after


def test_all_is_exactly_the_public_names_the_package_holds_sorted():
    assert logic.__all__ == defined_names(logic)


def test_importing_the_core_loads_no_streamlit_no_export_and_no_pdf_library():
    assert {"streamlit", "exports", "fpdf", "fontTools"}.isdisjoint(loaded_after("import logic"))


def test_no_module_of_the_core_but_the_command_line_imports_the_exports():
    importing = [
        path.name
        for path in (ROOT / "logic").glob("**/*.py")
        if re.search(r"^\s*(import|from)\s+exports\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert importing == ["__main__.py"]

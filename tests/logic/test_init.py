"""logic/__init__.py: `__all__` is the public API (httpx's test_exported_members habit), and the core stands alone:
it imports neither the exports nor the command line."""

import ast

import logic
from tests.support.imports import ROOT, defined_names, loaded_after


def test_all_is_exactly_the_public_names_the_package_holds_sorted():
    assert logic.__all__ == defined_names(logic)


def test_importing_the_core_loads_no_streamlit_no_export_no_command_line_and_no_pdf_library():
    assert {"streamlit", "exports", "cli", "click", "fpdf", "fontTools"}.isdisjoint(loaded_after("import logic"))


def imports_of(path) -> set[str]:
    """The top-level packages a module of the core imports, relative imports (its own package) left out."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_of_the_core_imports_the_exports_or_the_command_line_but_the_shim_that_hands_over_to_it():
    """The arrows run one way: `cli` and `exports` import `logic`, never the reverse. `logic/__main__.py` is
    the one exception, and only so that `python -m logic` (the contract's name) starts `cli`."""
    outward = {
        str(path.relative_to(ROOT)): sorted(imports_of(path) & {"exports", "cli"})
        for path in sorted((ROOT / "logic").glob("**/*.py"))
    }
    assert {path: names for path, names in outward.items() if names} == {"logic/__main__.py": ["cli"]}
    assert imports_of(ROOT / "logic" / "__main__.py") == {"cli", "sys"}  # a hand-over, nothing more


def test_the_shim_imports_the_command_line_only_when_run_as_a_program():
    """Its one outward import sits under `if __name__ == "__main__":`; imported as a module, it loads no `cli`."""
    body = ast.parse((ROOT / "logic" / "__main__.py").read_text(encoding="utf-8")).body
    at_top = {alias.name for node in body if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
    at_top |= {node.module for node in body if isinstance(node, ast.ImportFrom)}
    assert "cli.commands" not in at_top
    guard = [node for node in body if isinstance(node, ast.If) and ast.unparse(node.test) == "__name__ == '__main__'"]
    assert len(guard) == 1
    assert any(isinstance(node, ast.ImportFrom) and node.module == "cli.commands" for node in guard[0].body)
    assert {"cli", "click", "exports"}.isdisjoint(loaded_after("import logic.__main__"))

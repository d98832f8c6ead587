"""logic/__init__.py: `__all__` is the public API (httpx's test_exported_members habit), and the core stands alone."""

import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import logic

ROOT = Path(__file__).resolve().parents[2]


def defined_names(package: ModuleType) -> list[str]:
    """The public names a package holds that are its own (defined in one of its modules), sorted as __all__ is."""
    own = [
        name
        for name, value in vars(package).items()
        if not name.startswith("_")
        and getattr(value, "__module__", "").split(".")[0] == package.__name__
        and "__mutmut" not in name  # `make mutation` adds a copy of each function per mutant beside it
    ]
    return sorted(own)


def loaded_after(statement: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after running `statement`."""
    script = f"{statement}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


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

"""The privacy and safety settings are facts a test holds, not comments in a file."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
SHIPPED = [p for p in ROOT.glob("**/*.py") if not {".venv", "tests", "mutants"} & set(p.relative_to(ROOT).parts)]


def test_usage_statistics_are_off():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_the_server_is_headless_with_xsrf_protection_and_cors_not_opened():
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"].get("enableCORS", True) is True
    assert CONFIG["server"]["runOnSave"] is False


def test_error_details_are_hidden_and_the_toolbar_is_for_viewers():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"


def test_the_shipped_code_is_found():
    names = {p.relative_to(ROOT).as_posix() for p in SHIPPED}
    assert {"app.py", "logic/evaluate.py", "ui/pages.py"} <= names


def test_no_code_turns_off_html_escaping_or_puts_answers_in_the_url():
    forbidden = re.compile(r"unsafe_allow_html|unsafe_allow_javascript|query_params|bind=")
    offenders = [p.name for p in SHIPPED if forbidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_logic_and_the_exports_never_import_streamlit():
    for path in [*(ROOT / "logic").glob("**/*.py"), *(ROOT / "exports").glob("**/*.py")]:
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), re.M), path


def test_the_shell_never_logs_or_prints():
    pattern = re.compile(r"\b(logging|logger|print)\b")
    for path in [ROOT / "app.py", *(ROOT / "ui").glob("*.py")]:
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_magic_is_off_and_the_app_relies_on_none():
    """Streamlit rewrote app.py for "magic" each time it compiled it again (issue 27); a bare expression other
    than a call would now be dropped silently, so the app's script has none."""
    import ast

    assert CONFIG["runner"]["magicEnabled"] is False
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    bare = [n for n in tree.body[1:] if isinstance(n, ast.Expr) and not isinstance(n.value, ast.Call)]
    assert bare == []

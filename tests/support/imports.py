"""What a package offers and what importing it costs: for the tests of each package's `__init__.py`."""

import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]  # here, not from servers: `make mutation` copies no deploy/

__all__ = ["ROOT", "defined_names", "loaded_after"]


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

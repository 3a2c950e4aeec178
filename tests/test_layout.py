"""The package layout keeps its promises: light imports, one-way dependencies, small modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scrdocs"
MAX_LINES = 450  # "about 400": a module past this mixes concerns and should be split


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return found


def test_import_scrdocs_loads_no_nlp_or_plotting_library():
    code = ("import sys, scrdocs; heavy = [m for m in ('spacy', 'presidio_analyzer', 'matplotlib', 'docxtpl') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_is_reachable():
    import scrdocs

    for name in scrdocs.__all__:
        assert getattr(scrdocs, name) is not None, name


def test_no_library_module_imports_the_cli():
    offenders = [str(p) for p in _modules() if "cli" not in p.relative_to(PACKAGE).parts
                 and any(m == "scrdocs.cli" or m.startswith("scrdocs.cli.") for m in _imported(p))]
    assert offenders == []


def test_no_library_module_imports_the_package_init():
    # The public API imports the library, never the other way round.
    offenders = []
    for p in _modules():
        if p == PACKAGE / "__init__.py" or "cli" in p.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                here = _module_name(p).split(".")
                package = here if p.name == "__init__.py" else here[:-1]
                base = package[: len(package) - node.level + 1] if node.level else (node.module or "").split(".")
                target = ".".join(base + ([node.module] if node.level and node.module else []))
                if target == "scrdocs" and not all(a.name in {"_version"} for a in node.names):
                    offenders.append(f"{p}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("engine, forbidden", [
    ("redaction", ("scrdocs.documents", "scrdocs.packs", "scrdocs.review")),
    ("case", ("scrdocs.documents", "scrdocs.packs", "scrdocs.redaction", "scrdocs.review")),
])
def test_dependencies_run_one_way(engine, forbidden):
    offenders = [f"{p}: {m}" for p in (PACKAGE / engine).rglob("*.py") for m in _imported(p)
                 if m.startswith(forbidden)]
    assert offenders == []


def test_no_module_is_too_long():
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_check_and_help_load_no_nlp_library():
    # `scrdocs check` and `--help` answer in well under a second only if they never load the NER stack.
    code = ("import sys; from scrdocs import check_case_file, example_case_path; import scrdocs.cli; "
            "check_case_file(example_case_path()); "
            "print([m for m in ('spacy', 'presidio_analyzer') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_help_loads_no_case_model():
    # `--help` and `--version` answer in under 0.3 s only if the command modules load no pydantic model:
    # a command module reads what it needs from the model inside the command.
    code = ("import sys; import scrdocs.cli; "
            "print([m for m in ('pydantic', 'scrdocs.case.model', 'docx', 'yaml') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"

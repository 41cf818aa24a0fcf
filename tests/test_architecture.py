"""The import graph: dependencies run one way down the process (DESIGN.md).

accounts ← clients ← plans ← decisions ← placements ← followup ← reports: an app imports
only the apps before it. core/ (law, PDFs, the API's shape, the access path's plain
parts) imports no app, and nothing imports the top (kuty/: settings, URLs, Celery)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = ["accounts", "clients", "plans", "decisions", "placements", "followup", "reports"]
PROJECT = {*ORDER, "core", "kuty"}


def imported_packages(package: str) -> dict[str, set[str]]:
    """Each module of the package (migrations aside) → the project packages it imports."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = (names & PROJECT) - {package}
    return found


@pytest.mark.parametrize("app", ORDER)
def test_an_app_imports_only_the_apps_before_it(app):
    allowed = {*ORDER[: ORDER.index(app)], "core"}
    wrong = {module: names - allowed for module, names in imported_packages(app).items()}
    assert {module: names for module, names in wrong.items() if names} == {}


def test_core_imports_no_app_and_not_the_top():
    wrong = {module: names for module, names in imported_packages("core").items() if names}
    assert wrong == {}

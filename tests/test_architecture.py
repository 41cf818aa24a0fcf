"""The import graph: dependencies run one way down the process (DESIGN.md).

accounts ← clients ← plans ← decisions ← placements ← followup ← reports: an app imports
only the apps before it. core/ (law, PDFs, the API's shape, the access path's plain
parts) imports no app, and nothing imports the top (kuty/: settings, URLs, Celery)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ORDER = [
    "accounts",
    "rulesets",
    "clients",
    "plans",
    "decisions",
    "placements",
    "followup",
    "reports",
    "workability",
    "oma",
    "national",
]
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


# --- writes say what they change (core.hooks.changes) ----------------------------------

SERVICE_MODULES = [
    *(str(path.relative_to(ROOT)) for path in sorted(ROOT.glob("*/services.py"))),
    "clients/lifecycle.py",
]
# Where a hand-placed matter_changed is the only way: the cases are known only in the
# middle of the work (the week save's locked placements).
HAND_PUBLISHED = {("placements/services.py", "attendance_record_week")}


def functions_calling(path: str, name: str) -> set[tuple[str, str]]:
    """(module, top-level function) of every call of `name` in the module."""
    found = set()
    for function in ast.parse((ROOT / path).read_text()).body:
        for node in ast.walk(function):
            called = node.func if isinstance(node, ast.Call) else None
            if getattr(called, "attr", getattr(called, "id", None)) == name:
                found.add((path, getattr(function, "name", "<module>")))
    return found


def test_services_declare_their_hook_topic_instead_of_calling_it():
    calls = set().union(*(functions_calling(path, "matter_changed") for path in SERVICE_MODULES))
    assert calls == HAND_PUBLISHED


# Functions of the services modules that pages, the API, tasks and the admin call and that
# write nothing themselves: reads, documents, checks (and the access-log row of a refused
# week, written outside the rolled-back save).
NOT_WRITES = {
    "attendance_refusal_log",
    "client_log_report",
    "decision_pdf_file",
    "default_contacts",
    "directory_search",
    "expected_plan_type",  # reads the rule set and the benefits: the plan form's initial
    "membership_check_grantor",
    "membership_history",
    "misuse_check",
    "misuse_summary",
    "monthly_summary",
    "no_service_days",
    "over_limit",
    "participation_counts",
    "parties_user_may_sign",
    "site_entry_check_grant",
    "site_entry_editors",
    "site_entry_grantable",
    "site_entry_touch",  # the admin's save_model, inside the admin's own transaction
    "site_free_places",
    "site_reindex",  # the same
    "tt3_due",
    "tt3_rows",
    "account_events",  # reads the admin's log
    "guarded_account",  # a question
    "closure_pdf",  # renders a stored summary again
    "week_unrecorded",
}
CALLERS = ("views.py", "api.py", "tasks.py", "admin.py")


def services_called_from_outside() -> set[tuple[str, str]]:
    """(services module, function) of every service named by a view, an API view, a task,
    the admin or a management command."""
    modules = {m.removesuffix(".py").replace("/", ".") for m in SERVICE_MODULES}
    called = set()
    paths = [p for p in ROOT.glob("*/*.py") if p.name in CALLERS]
    paths += ROOT.glob("*/management/commands/*.py")
    for path in paths:
        package = path.relative_to(ROOT).parts[0]
        tree = ast.parse(path.read_text())
        aliases = {}  # local name → services module
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = package if node.level else (node.module or "")
            module = f"{base}.{node.module}" if node.level and node.module else base
            for alias in node.names:
                if f"{module}.{alias.name}" in modules:
                    aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
                elif module in modules:
                    called.add((module, alias.name))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) in aliases:
                called.add((aliases[node.value.id], node.attr))
    # not classes, and not private names (`manage.py catalogue` reads the registries)
    return {(m, name) for m, name in called if not name[0].isupper() and name[0] != "_"}


def test_the_named_collection_of_services_is_found():
    called = services_called_from_outside()
    assert ("placements.services", "site_closure_add") in called
    assert ("decisions.services", "decisions_sweep") in called  # a task's
    assert ("clients.lifecycle", "case_move") in called
    assert {name for _module, name in called} >= NOT_WRITES  # no stale exception


@pytest.mark.django_db
@pytest.mark.parametrize(
    "module,name",
    sorted((m, n) for m, n in services_called_from_outside() if n not in NOT_WRITES),
)
def test_every_service_a_page_or_task_calls_is_durable(module, name):
    """Called inside another transaction, it refuses before doing anything: its
    after-commit work would otherwise wait, unseen, for the caller's commit."""
    import importlib

    from django.db import transaction

    service = getattr(importlib.import_module(module), name)
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        service()


@pytest.mark.django_db
def test_a_declared_service_publishes_once_alone_or_nested(monkeypatch):
    from django.db import transaction

    from core import hooks

    told = []
    monkeypatch.setattr(hooks, "matter_changed", lambda ids, topic: told.append((ids, topic)))

    @hooks.changes(hooks.CASE, cases=lambda moved, case_id: [case_id] if moved else [])
    def touch(*, case_id: int, moved: bool = True) -> bool:
        return moved

    touch(case_id=7)
    with transaction.atomic():
        touch.nested(case_id=8)
        with pytest.raises(RuntimeError, match="durable"):
            touch(case_id=9)
    assert told == [([7], hooks.CASE), ([8], hooks.CASE)]
    with pytest.raises(TypeError, match="keyword arguments only"):
        hooks.changes(hooks.CASE)(lambda case: case)


# --- views are short (CONVENTIONS.md 4) -------------------------------------------------

VIEW_LINES = 30


def test_no_view_function_is_over_30_lines():
    """Every function of every app's views.py and api.py (a view or its helper; core's
    API error shape is not a view), counted from its `def`
    line to its last line, decorators excluded (ast: end_lineno - lineno + 1): longer
    work belongs in a form, a service or a selector."""
    long = [
        f"{path.relative_to(ROOT)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in sorted([*ROOT.glob("*/views.py"), *ROOT.glob("*/api.py")])
        if path.parent.name != "core"
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > VIEW_LINES
    ]
    assert long == []

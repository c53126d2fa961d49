"""The layers of DESIGN.md §2, checked on the source (an AST walk over every module):

- `app/` never imports PySide6 or `ui`; `app.client` never imports `app.server`;
  `app.server` never imports `app.client` or `ui`; `ui` never imports SQLAlchemy or
  `app.server` (only main.py wires the server to the desk, for the demo);
- `app.domain` imports nothing of the program but itself and nothing that does I/O
  (databases, network, processes, Qt), reads no clock (`now`/`today` are arguments) and
  touches files only in the loaders of its shipped rule data (`resources/`: scripts, the
  script catalogue, contact policies, banned phrases and their look-alike letters), which
  read and validate YAML; the banned-phrase checker may use OpenCC's and pypinyin's tables
  (pure libraries that read only the data they ship, imported on first use, issue 14);
- the server's scope, services, jobs and risk model sit below the HTTP layer: they never
  import `app.server.api` or FastAPI (who sees which case is `app.server.scope`);
- production code (`app/`, `ui/`) does not import the demo generator, except the commands
  that run it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "app": ("PySide6", "ui", "shiboken6"),
    "app.domain": (
        "app.client",
        "app.server",
        "app.protocol",
        "app.cli",
        "sqlalchemy",
        "sqlite3",
        "requests",
        "httpx",
        "socket",
        "subprocess",
        "urllib",
        "fastapi",
        "psycopg",
        "pydantic",
        "threading",
        "asyncio",
        "keyring",
        "platformdirs",
        "uvicorn",
        "time",  # the clock module (datetime.time, the type, is fine)
    ),
    "app.protocol": ("app.server", "app.client", "sqlalchemy"),
    "app.client": ("app.server", "fastapi", "sqlalchemy", "uvicorn"),
    "app.server": ("app.client",),
    # below the HTTP layer (#10 point 14): who sees which case is app.server.scope, and the
    # services, jobs and risk model know nothing of routes, dependencies or FastAPI
    "app.server.scope": ("app.server.api", "fastapi", "starlette"),
    "app.server.services": ("app.server.api", "fastapi", "starlette"),
    "app.server.jobs": ("app.server.api", "fastapi", "starlette"),
    "app.server.risk": ("app.server.api", "fastapi", "starlette"),
    "ui": ("sqlalchemy", "app.server", "fastapi", "uvicorn"),
}
#: domain modules that read their shipped rule data from resources/ (and nothing else)
RESOURCE_LOADERS = {
    "app.domain.resources",
    "app.domain.scripts",
    "app.domain.script_catalog",
    "app.domain.contact_policy_loader",
    "app.domain.banned_phrases",
    "app.domain.banned_units",  # the look-alike table, resources/banned_phrases/confusables
    "app.domain.reminder_templates",
    "app.domain.quality.rules",
}
CLOCK_METHODS = {"now", "today", "utcnow"}  # datetime.now(), date.today(), ...
DEMO_ALLOWED = {"app.server.demo", "app.server.cli"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for base in ("app", "ui"):
        for path in sorted((ROOT / base).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            name = ".".join(rel.parts).removesuffix(".__init__")
            yield name, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_imports_follow_the_layers() -> None:
    problems = []
    for module, tree in _modules():
        for lineno, imported in _imports(tree):
            for layer, banned in FORBIDDEN.items():
                if not _within(module, layer):
                    continue
                for b in banned:
                    if _within(imported, b):
                        problems.append(f"{module}:{lineno} imports {imported} ({layer} ↛ {b})")
            if _within(imported, "app.server.demo") and not any(
                _within(module, ok) for ok in DEMO_ALLOWED
            ):
                problems.append(f"{module}:{lineno} imports demo code ({imported})")
    assert problems == []


def test_the_domain_reads_no_clock_and_no_files_outside_its_loaders() -> None:
    problems = []
    for module, tree in _modules():
        if not _within(module, "app.domain"):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if isinstance(func, ast.Attribute) and name in CLOCK_METHODS:
                problems.append(f"{module}:{node.lineno} reads the clock ({name}())")
            if name in {"open", "read_text", "read_bytes", "write_text", "write_bytes"} and (
                module not in RESOURCE_LOADERS
            ):
                problems.append(f"{module}:{node.lineno} touches a file ({name}())")
            if name in {"environ", "getenv"} and module != "app.domain.resources":
                problems.append(f"{module}:{node.lineno} reads the environment")
    assert problems == []


#: values with one home each (#10 point 17): the module that defines it, and the value
ONE_HOME: dict[object, str] = {
    "Asia/Shanghai": "app.domain.business_day",  # the lender's zone (DEFAULT_LENDER_TIMEZONE)
}


def test_the_lenders_zone_and_the_limits_are_defined_once() -> None:
    """The lender's default zone is written only in app.domain.business_day (the demo
    generator's borrower zones are demo data), and the note, amount and date limits only in
    app.domain.limits: nobody else assigns a name for them or a literal of their value."""
    from app.domain import limits

    limit_values = {
        getattr(limits, n): n for n in dir(limits) if n.isupper() and not n.startswith("_")
    }
    problems = []
    for module, tree in _modules():
        if _within(module, "app.server.demo"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ONE_HOME:
                if module != ONE_HOME[node.value]:
                    problems.append(f"{module}:{node.lineno} writes {node.value!r}")
            if isinstance(node, ast.Assign | ast.AnnAssign) and module != "app.domain.limits":
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name) and t.id in limit_values.values():
                        problems.append(f"{module}:{node.lineno} defines {t.id} again")
            if isinstance(node, ast.keyword) and node.arg in {"max_length", "le", "lt"}:
                value = node.value
                if (
                    isinstance(value, ast.Constant)
                    and type(value.value) is int
                    and value.value in limit_values
                    and value.value >= 10_000
                ):
                    name = limit_values[value.value]
                    problems.append(f"{module}:{node.lineno} writes {name}'s value as a literal")
    assert problems == []


@pytest.mark.parametrize(
    ("module", "imported", "expected"),
    [
        ("app.domain.money", "sqlalchemy.orm", True),
        ("app.client.store", "app.server.models", True),
        ("ui.main_window", "app.server.db", True),
        ("app.server.services.ops", "PySide6.QtCore", True),
        ("app.server.services.ops", "app.domain.money", False),
        ("app.server.services.worklist", "app.server.api.deps", True),
        ("app.server.scope", "fastapi", True),
        ("app.server.api.routes.cases", "app.server.scope", False),
        ("app.domain.plans", "time", True),
        ("app.domain.plans", "datetime.time", False),
    ],
)
def test_the_rule_table_catches_what_it_should(module: str, imported: str, expected: bool) -> None:
    """The checker itself: a forbidden edge is reported, an allowed one is not."""
    caught = any(
        _within(module, layer) and any(_within(imported, b) for b in banned)
        for layer, banned in FORBIDDEN.items()
    )
    assert caught is expected


_SCOPE_HOME = "app/server/scope.py"


def _scope_rule_copies(source: str) -> list[int]:
    """Lines of `source` that decide 'who manages whom' by comparing a caller's team: a
    comparison (==, !=) with `<caller>.team_id` on either side."""
    callers = {"user", "caller", "lead", "me", "actor", "author"}
    hits: list[int] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        if not any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
            continue
        for side in (node.left, *node.comparators):
            if (
                isinstance(side, ast.Attribute)
                and side.attr == "team_id"
                and isinstance(side.value, ast.Name)
                and side.value.id in callers
            ):
                hits.append(node.lineno)
    return hits


def test_who_manages_whom_is_decided_only_in_scope() -> None:
    """#15 point 2: every 'a lead manages their team' rule lives in app/server/scope.py (a
    copy in audit_search leaked the audit log to a lead without a team)."""
    copies = []
    for path in sorted((ROOT / "app" / "server").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel == _SCOPE_HOME or "/migrations/" in rel:
            continue
        copies += [f"{rel}:{line}" for line in _scope_rule_copies(path.read_text("utf-8"))]
    assert copies == [], "scope rules outside app/server/scope.py: " + ", ".join(copies)


@pytest.mark.parametrize(
    ("snippet", "caught"),
    [
        ("x = select(User.id).where(User.team_id == user.team_id)", True),
        ("ok = caller.team_id != target.team_id", True),
        ("ok = lead.team_id is None", False),
        ("ok = case.team_id == team_id", False),
    ],
)
def test_the_scope_copy_check_catches_a_planted_copy(snippet: str, caught: bool) -> None:
    assert bool(_scope_rule_copies(snippet)) is caught

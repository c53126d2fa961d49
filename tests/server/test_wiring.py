"""The program's wiring is static: every router and every command module is imported by
name, so a renamed or missing module fails loudly instead of silently dropping its routes or
commands; and production code never imports the demo book (app.server.demo)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from fastapi import FastAPI

import main

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_ROUTES = [
    ("GET", "/health"),
    ("POST", "/auth/token"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/logout"),
    ("GET", "/auth/me"),
    ("GET", "/sync/changes"),
    ("POST", "/sync/push"),
    ("GET", "/worklist"),
    ("GET", "/cases/{case_id}"),
    ("POST", "/cases/{case_id}/notes"),
    ("POST", "/cases/{case_id}/contacts"),
    ("POST", "/cases/{case_id}/contacts/{attempt_id}/end"),
    ("POST", "/cases/{case_id}/promises"),
    ("POST", "/cases/{case_id}/plans"),
    ("POST", "/cases/{case_id}/callbacks"),
    ("GET", "/plans"),
    ("POST", "/plans/{plan_id}/approve"),
    ("POST", "/plans/{plan_id}/reject"),
    ("POST", "/reassign"),
    ("GET", "/audit"),
    ("POST", "/cases/{case_id}/reveal"),
    ("GET", "/team/reveals"),
    ("GET", "/cases/{case_id}/contact-check"),
    ("POST", "/cases/{case_id}/dial"),
    ("GET", "/team/agents"),
    ("PUT", "/team/agents/{username}/leave"),
    ("GET", "/team/cases"),
    ("POST", "/team/reassign/preview"),
    ("POST", "/team/reassign/apply"),
    ("GET", "/team/approvals"),
    ("GET", "/team/dashboard"),
    ("GET", "/team/cases/export"),
    ("GET", "/team/agents/export"),
    ("GET", "/team/approvals/export"),
    ("GET", "/team/write-offs/export"),
    ("GET", "/team/dashboard/export"),
    ("GET", "/audit/export"),
    ("GET", "/metrics"),
    ("GET", "/team/quality"),
    ("GET", "/team/quality/{transcript_id}"),
    ("POST", "/team/quality/findings/{finding_id}/verdict"),
]

EXPECTED_COMMANDS = [
    "close-dials",
    "daily",
    "db",
    "demo",
    "demo-data",
    "desk",
    "import",
    "overdue-run",
    "qa",
    "reminders",
    "risk",
    "schedule",
    "serve",
    "sync",
    "users",
]

# Imports a module tree with one module made unimportable (as if renamed or deleted).
_BLOCKED_IMPORT = """
import sys
import importlib.abc

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Block())
{body}
"""


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"},
    )


def _import_failed(stderr: str, module: str) -> bool:
    """The traceback ends in the import error of `module` (by its full or its leaf name)."""
    last = stderr.strip().splitlines()[-1]
    leaf = module.rsplit(".", 1)[1]
    return last.startswith(("ModuleNotFoundError", "ImportError")) and (
        f"'{module}'" in last or f"'{leaf}'" in last
    )


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(sub.choices)


def test_the_route_table_is_the_expected_one(app: FastAPI) -> None:
    served = [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    ]
    assert served == EXPECTED_ROUTES


def test_the_commands_are_the_expected_ones() -> None:
    assert _commands(main.build_parser()) == EXPECTED_COMMANDS


def test_a_missing_router_module_fails_loudly(tmp_path: Path) -> None:
    body = f"""
from app.server.migrate import upgrade
from app.server.settings import Settings
url = "sqlite:///{tmp_path / "wiring.db"}"
upgrade(url)
from app.server.app_factory import create_app
app = create_app(Settings(database_url=url))
print(sorted(app.openapi()["paths"]))
"""
    for module in ("app.server.api.routes.team", "app.server.api.routes.sync"):
        done = _run(_BLOCKED_IMPORT.format(blocked=module, body=body), tmp_path)
        assert done.returncode != 0, f"{module} missing, yet the app started: {done.stdout}"
        assert _import_failed(done.stderr, module), done.stderr


def test_a_missing_command_module_fails_loudly(tmp_path: Path) -> None:
    body = "import main\nmain.build_parser()\n"
    for module in (
        "app.server.jobs.cli",
        "app.server.demo.cli",
        "app.client.cli",
        "ui.cli",
        "app.server.quality.cli",
    ):
        done = _run(_BLOCKED_IMPORT.format(blocked=module, body=body), tmp_path)
        assert done.returncode != 0, f"{module} missing, yet the commands were built"
        assert _import_failed(done.stderr, module), done.stderr


def test_production_code_does_not_import_the_demo_book(tmp_path: Path) -> None:
    """Import every module of the API, the jobs, the server CLI and the desk's client half:
    none of them may pull in app.server.demo (reached only from the demo commands)."""
    code = """
import importlib
import sys
from pathlib import Path

skip = ("app.server.demo", "app.server.migrations")
names = []
for package in ("app/server", "app/client"):
    for file in sorted(Path(package).rglob("*.py")):
        name = ".".join(file.with_suffix("").parts).removesuffix(".__init__")
        if not name.startswith(skip):
            names.append(name)
for name in names:
    importlib.import_module(name)
demo = sorted(m for m in sys.modules if m.startswith("app.server.demo"))
print(len(names), demo)
sys.exit(1 if demo else 0)
"""
    done = _run(code, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    count = int(done.stdout.split()[0])
    assert count > 60  # the walk did reach the modules

"""Alembic helpers: upgrade a database, compare its revision with the code's head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.server.db import make_engine, normalize_url

ALEMBIC_INI = Path(__file__).with_name("alembic.ini")


class SchemaOutOfDate(RuntimeError):
    """The database's Alembic revision is behind the code (or unknown)."""

    def __init__(self, current: str | None, head: str, url: str) -> None:
        self.current = current
        self.head = head
        self.fix_command = f"uv run main.py db upgrade --database-url {url}"
        super().__init__(
            f"database schema is at revision {current or '<none>'}, the server needs {head}; "
            f"run: {self.fix_command}"
        )


def alembic_config(url: str | None = None) -> Config:
    cfg = Config(str(ALEMBIC_INI))
    cfg.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    if url:
        cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` up to `revision` (default: head)."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def ensure_current(engine: Engine, display_url: str) -> None:
    """Raise SchemaOutOfDate unless the database is at the code's head revision."""
    head = head_revision()
    current = current_revision(engine)
    if current != head:
        raise SchemaOutOfDate(current, head, display_url)

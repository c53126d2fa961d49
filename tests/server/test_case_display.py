"""The worklist's display columns on `cases` (jobs/case_display.py): the overdue run writes
them with every case it opens, refreshes stale ones, and migration 0002 fills the cases of a
database that existed before them. On SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.server.db import make_engine, normalize_url
from app.server.jobs.case_display import refresh_case_display
from app.server.jobs.overdue_run import run_overdue
from app.server.jobs.sqlkit import SqlRunner
from app.server.migrate import alembic_config, current_revision, head_revision, upgrade
from tests.server.test_overdue_run_support import TODAY, seed_small

# what the copies must equal, read through the joins the worklist used to make
_EXPECTED = text(
    "SELECT c.id, b.name, l.contract_no, v.plate,"
    " (SELECT p.number_masked FROM phones p WHERE p.borrower_id = c.borrower_id"
    "  AND p.owner = 'borrower' ORDER BY p.sort_order, p.id LIMIT 1)"
    " FROM cases c JOIN loans l ON l.id = c.loan_id JOIN borrowers b ON b.id = c.borrower_id"
    " LEFT JOIN vehicles v ON v.loan_id = c.loan_id WHERE c.status <> 'closed' ORDER BY c.id"
)
_COPIES = text(
    "SELECT id, borrower_name, contract_no, plate, phone_masked FROM cases"
    " WHERE status <> 'closed' ORDER BY id"
)


def _rows(engine: Engine, stmt: object) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(stmt)]  # type: ignore[call-overload]


def test_overdue_run_writes_the_copies_of_every_open_case(engine: Engine) -> None:
    seed_small(engine, 200)
    expected = _rows(engine, _EXPECTED)
    assert len(expected) >= 10
    assert all(name and contract for _id, name, contract, _plate, _phone in expected)
    assert any(phone for *_rest, phone in expected) and any(
        plate for _i, _n, _c, plate, _p in expected
    )
    assert _rows(engine, _COPIES) == expected


def test_a_stale_copy_is_refreshed_and_a_fresh_one_left_alone(engine: Engine) -> None:
    seed_small(engine, 200)
    expected = _rows(engine, _EXPECTED)
    stale_id = expected[0][0]
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE cases SET borrower_name = 'stale', plate = NULL WHERE id = :i"),
            {"i": stale_id},
        )
    with Session(engine) as s:
        assert refresh_case_display(SqlRunner(s)) == 1  # only the stale case is written
        assert refresh_case_display(SqlRunner(s)) == 0
        s.commit()
    assert _rows(engine, _COPIES) == expected
    # the daily run does it too
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET contract_no = 'X' WHERE id = :i"), {"i": stale_id})
    report = run_overdue(engine, business_date=TODAY)
    assert report.counts["display_refreshed"] == 1
    assert _rows(engine, _COPIES) == expected


@pytest.fixture
def scratch_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of its own (this test walks the schema down and up again)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    admin_url = make_url(normalize_url(db_url)).set(database="postgres")
    name = f"cd_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migration_0002_fills_the_copies_of_existing_cases(scratch_url: str) -> None:
    upgrade(scratch_url)
    engine = make_engine(scratch_url)
    try:
        seed_small(engine, 150)
        expected = _rows(engine, _EXPECTED)
        assert len(expected) >= 5
        with engine.begin() as conn:  # back to the schema without the columns, data kept
            cfg = alembic_config(scratch_url)
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        assert current_revision(engine) == "0001"
        with engine.connect() as conn:
            columns = conn.execute(text("SELECT * FROM cases LIMIT 1")).keys()
        assert "borrower_name" not in columns
        engine.dispose()
        upgrade(scratch_url)
        assert current_revision(engine) == head_revision()
        assert _rows(engine, _COPIES) == expected
    finally:
        engine.dispose()

"""The daily run deals cases deterministically: the same book on the same date gives the same
assignment on any database that holds it (a rerun, a replica, a restored copy), although
every database draws its own random case ids. Ties (equal priority, equal load) are broken
by business keys (contract number, username), never by generated ids."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.server.db import make_engine, normalize_url
from app.server.jobs.import_loans import LOAN_HEADER, import_loans
from app.server.jobs.overdue_run import run_overdue
from app.server.migrate import upgrade
from app.server.models import Case, Loan, Team, User
from tests.server.conftest import PG_URL

TODAY = date(2026, 11, 29)
RUN_AT = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)
# first due dates putting identical loans into M1, M2, M3 and M3+ on TODAY
FIRST_DUE = ("2026-11-10", "2026-10-15", "2026-09-15", "2026-07-15")
LOANS_PER_BUCKET = 12
TEAMS = {"team-early": 3, "team-mid": 3, "team-late": 2}


@contextmanager
def _fresh_pg_database() -> Iterator[str]:
    """An empty, migrated PostgreSQL database of its own (dropped afterwards)."""
    admin_url = make_url(normalize_url(PG_URL or ""))
    name = f"cd_twin_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def twin_db_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second empty, migrated database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        template: Path = request.getfixturevalue("_sqlite_template")
        shutil.copyfile(template, tmp_path / "twin.db")
        yield f"sqlite:///{tmp_path / 'twin.db'}"
    else:
        with _fresh_pg_database() as url:
            yield url


def _book_csv() -> str:
    """Identical loans (same amounts, same dates) in every bucket: equal priorities."""
    rows = [",".join(LOAN_HEADER)]
    for b, first_due in enumerate(FIRST_DUE):
        for i in range(LOANS_PER_BUCKET):
            n = b * 100 + i
            values = {
                "contract_no": f"AL-{n:04d}",
                "customer_ref": f"C{n:04d}",
                "name": "张伟",
                "id_number": "11010519491231002X",
                "gender": "M",
                "phone": "13812345678",
                "address": "北京市朝阳区建国路1号",
                "employer": "北京和泰科技有限公司",
                "product": "新车贷",
                "method": "equal_installment",
                "principal": "100000.00",
                "annual_rate": "0.06",
                "term_months": "36",
                "disbursed_on": "2026-01-15",
                "first_due_date": first_due,
                "brand": "比亚迪",
                "model": "秦PLUS",
                "plate": "京A·3F2K9",
                "vin": "LGXCE4CB5N0123456",
                "vehicle_year": "2025",
                "emergency_name": "",
                "emergency_relation": "",
                "emergency_phone": "",
            }
            rows.append(",".join(values[h] for h in LOAN_HEADER))
    return "\n".join(rows) + "\n"


def _seed(engine: Engine) -> None:
    with Session(engine) as session:
        for team_name, agents in TEAMS.items():
            team = Team(name=team_name)
            session.add(team)
            session.flush()
            for k in range(agents):
                session.add(
                    User(
                        username=f"{team_name.removeprefix('team-')}-{k + 1}",
                        display_name=f"agent {k + 1}",
                        password_hash="not-used",
                        role="agent",
                        team_id=team.id,
                    )
                )
        session.commit()
        import_loans(session, _book_csv())


def _assignment(engine: Engine) -> dict[str, tuple[str, str]]:
    """contract number -> (bucket, agent) of every open case."""
    with Session(engine) as session:
        rows = session.execute(
            select(Loan.contract_no, Case.bucket, User.username)
            .join(Case, Case.loan_id == Loan.id)
            .join(User, User.id == Case.assigned_to_id)
            .where(Case.status != "closed")
        ).all()
    return {contract: (bucket, agent) for contract, bucket, agent in rows}


def _run(url: str) -> dict[str, tuple[str, str]]:
    engine = make_engine(url)
    try:
        _seed(engine)
        run_overdue(engine, business_date=TODAY, now=RUN_AT)
        return _assignment(engine)
    finally:
        engine.dispose()


def test_the_same_book_on_the_same_date_is_dealt_the_same_way(
    db_url: str, twin_db_url: str
) -> None:
    first = _run(db_url)
    second = _run(twin_db_url)
    assert len(first) == len(FIRST_DUE) * LOANS_PER_BUCKET
    assert {bucket for bucket, _agent in first.values()} == {"M1", "M2", "M3", "M3+"}
    assert first == second
    # the deal is still even: equal cases, agents of a team differ by at most one
    for team_prefix in ("early", "mid", "late"):
        load: dict[str, int] = {}
        for _bucket, agent in first.values():
            if agent.startswith(team_prefix):
                load[agent] = load.get(agent, 0) + 1
        assert len(load) == TEAMS[f"team-{team_prefix}"]
        assert max(load.values()) - min(load.values()) <= 1, load


@pytest.mark.skipif(not PG_URL, reason="needs COLLECTION_DESK_TEST_PG_URL")
def test_sqlite_and_postgresql_deal_the_same_way(_sqlite_template: Path, tmp_path: Path) -> None:
    """Tie-breaking compares business keys by code point on both backends (PostgreSQL's own
    collation follows the server's locale)."""
    shutil.copyfile(_sqlite_template, tmp_path / "book.db")
    on_sqlite = _run(f"sqlite:///{tmp_path / 'book.db'}")
    with _fresh_pg_database() as url:
        on_postgresql = _run(url)
    assert on_sqlite == on_postgresql

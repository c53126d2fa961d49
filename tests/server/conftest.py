"""Server test fixtures: databases (SQLite, and PostgreSQL when COLLECTION_DESK_TEST_PG_URL is
set), engine, sessions, the app and a TestClient, users, login headers and a small seeded book.

`db_url` is parametrized over the backends, so every test that uses it (directly or through
`engine`/`app`/`client`) runs once per backend. SQLite: a copy of a database migrated once
per session. PostgreSQL: one fresh database per session (dropped at the end), migrated once
and TRUNCATEd before each test.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.server import changes
from app.server.app_factory import create_app
from app.server.db import make_engine, make_session_factory, normalize_url
from app.server.jobs.case_display import DISPLAY_COLUMNS, refresh_case_display
from app.server.jobs.sqlkit import SqlRunner
from app.server.migrate import upgrade
from app.server.models import (
    Base,
    Borrower,
    Case,
    CaseAssignment,
    ChangeCounter,
    Installment,
    Loan,
    Phone,
    Team,
    User,
    Vehicle,
)
from app.server.passwords import hash_password, make_hasher
from app.server.settings import Settings

PG_URL = os.environ.get("COLLECTION_DESK_TEST_PG_URL")


def business_today() -> date:
    """Today's business date in the lender's zone — the date the server judges by (not the
    machine's local date: between 16:00 and 24:00 UTC they differ in Asia/Shanghai)."""
    from app.server.services.clock import business_now

    return business_now(Settings())[1]


_SHANGHAI = ZoneInfo("Asia/Shanghai")


def later_callback(days: int = 1, hour: int = 10) -> datetime:
    """A callback time the rules accept whatever the clock says: `days` ahead at `hour`
    Shanghai time (inside the 08:00-22:00 call window)."""
    return datetime.combine(business_today() + timedelta(days=days), time(hour), _SHANGHAI)


def due_callback(now: datetime) -> dict[str, str]:
    """A callback that is due at `now` and was scheduled an hour before it, inside the call
    window: a minute ago when it is day time in Shanghai, else yesterday evening."""
    local = now.astimezone(_SHANGHAI)
    due = now - timedelta(minutes=1)
    if not time(8, 5) <= local.time() < time(22):
        day = local.date() if local.time() >= time(22) else local.date() - timedelta(days=1)
        due = datetime.combine(day, time(21, 50), _SHANGHAI)
    return {"due_at": due.isoformat(), "created_at": (due - timedelta(hours=1)).isoformat()}


BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]
TEST_PASSWORD = "correct horse battery"
FAST_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost": 1024, "argon2_parallelism": 1}


# --- databases ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _pg_database() -> Iterator[tuple[str, Engine]]:
    assert PG_URL
    admin_url = make_url(normalize_url(PG_URL))
    name = f"cd_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    maint = create_engine(url)
    try:
        yield url, maint
    finally:
        maint.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _reset_pg(maint: Engine) -> None:
    """Empty every table (DELETE is much faster than TRUNCATE on tiny tables) and put back
    the change counter with a new epoch, so old cursors answer 410."""
    with maint.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(
            insert(ChangeCounter).values(id=1, value=0, pruned_through=0, epoch=str(uuid.uuid4()))
        )


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty, migrated database (one per test and backend)."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        target = tmp_path / "server.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    url, maint = request.getfixturevalue("_pg_database")
    _reset_pg(maint)
    return str(url)


@pytest.fixture
def backend(db_url: str) -> str:
    return "sqlite" if db_url.startswith("sqlite") else "postgresql"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


# --- app --------------------------------------------------------------------------------


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, **FAST_ARGON2)  # type: ignore[arg-type]


@pytest.fixture
def app(settings: Settings, engine: Engine) -> FastAPI:
    return create_app(settings, engine=engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


# --- people -----------------------------------------------------------------------------

_HASHER = make_hasher(Settings(**FAST_ARGON2))  # type: ignore[arg-type]
_HASHES: dict[str, str] = {}


def _hash(password: str) -> str:
    if password not in _HASHES:
        _HASHES[password] = hash_password(_HASHER, password)
    return _HASHES[password]


def get_or_create_team(session: Session, name: str) -> Team:
    team = session.execute(select(Team).where(Team.name == name)).scalar_one_or_none()
    if team is None:
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


@pytest.fixture
def make_user(session_factory: sessionmaker[Session]) -> Callable[..., User]:
    """make_user(role="agent", team="team-1", username=None, password=TEST_PASSWORD) -> User.

    The returned (detached) User has `.clear_password` set for `auth_headers`."""
    counter = iter(range(1, 10_000))

    def factory(
        role: str = "agent",
        team: str | None = "team-1",
        *,
        username: str | None = None,
        password: str = TEST_PASSWORD,
        display_name: str | None = None,
        active: bool = True,
    ) -> User:
        with session_factory() as session:
            team_row = get_or_create_team(session, team) if team else None
            name = username or f"{role}{next(counter)}"
            user = User(
                username=name,
                display_name=display_name or name,
                password_hash=_hash(password),
                role=role,
                team_id=team_row.id if team_row else None,
                active=active,
            )
            session.add(user)
            session.commit()
            user = session.execute(select(User).where(User.id == user.id)).scalar_one()
            user.clear_password = password  # type: ignore[attr-defined]
            return user

    return factory


@pytest.fixture
def login(client: TestClient) -> Callable[..., dict[str, Any]]:
    """login(user) -> the token response JSON (access_token, refresh_token, user...)."""

    def do_login(user: User, password: str | None = None) -> dict[str, Any]:
        pw = password or getattr(user, "clear_password", TEST_PASSWORD)
        resp = client.post("/auth/token", json={"username": user.username, "password": pw})
        assert resp.status_code == 200, resp.text
        data: dict[str, Any] = resp.json()
        return data

    return do_login


@pytest.fixture
def auth_headers(login: Callable[..., dict[str, Any]]) -> Callable[[User], dict[str, str]]:
    """auth_headers(user) -> {"Authorization": "Bearer ..."} (one login per user per test)."""
    cache: dict[str, dict[str, str]] = {}

    def headers(user: User) -> dict[str, str]:
        if user.username not in cache:
            token = login(user)["access_token"]
            cache[user.username] = {"Authorization": f"Bearer {token}"}
        return cache[user.username]

    return headers


# --- a small book -------------------------------------------------------------------------


@dataclass
class SeededCase:
    """Ids of what `make_case` created."""

    case_id: str
    loan_id: str
    borrower_id: str
    phone_ids: list[str]
    agent_id: int | None
    team_id: int | None
    contract_no: str
    extra: dict[str, Any] = field(default_factory=dict)


def seed_case(
    session: Session,
    *,
    agent: User | None = None,
    team_id: int | None = None,
    dpd: int = 35,
    installment_fen: int = 304_219,
    months: int = 36,
    paid_installments: int | None = None,
    today: date | None = None,
    borrower_name: str = "张伟",
    status: str = "open",
    record: bool = True,
) -> SeededCase:
    """Borrower (2 phones: own + emergency) + loan + vehicle + installments + case."""
    today = today or business_today()
    suffix = uuid.uuid4().hex[:10]
    borrower = Borrower(
        external_ref=f"C{suffix}",
        name=borrower_name,
        id_number="110105199001011234",
        id_number_masked="110105********1234",
        gender="M",
        birth_date=date(1990, 1, 1),
        address="北京市朝阳区建国路1号",
        bank_card="6222020200112233445",
        bank_card_masked="**** **** **** 3445",
    )
    session.add(borrower)
    session.flush()
    phones = [
        Phone(
            borrower_id=borrower.id,
            owner="borrower",
            number="13812345678",
            number_masked="138****5678",
            sort_order=0,
        ),
        Phone(
            borrower_id=borrower.id,
            owner="emergency",
            relation="spouse",
            name="李娜",
            number="13987654321",
            number_masked="139****4321",
            sort_order=1,
        ),
    ]
    session.add_all(phones)
    # the oldest unpaid installment is `dpd` days overdue
    oldest_due = today - timedelta(days=dpd)
    overdue_count = max(1, dpd // 30 + 1) if dpd > 0 else 0
    first_due = _add_months(oldest_due, -(paid_installments or 6))
    principal = installment_fen * months * 9 // 10
    loan = Loan(
        borrower_id=borrower.id,
        contract_no=f"AL{suffix}",
        method="equal_installment",
        principal=principal,
        annual_rate=Decimal("0.0600"),
        term_months=months,
        disbursed_on=_add_months(first_due, -1),
        first_due_date=first_due,
        outstanding_principal=principal // 2,
        dpd=dpd,
        bucket=_bucket(dpd),
    )
    session.add(loan)
    session.flush()
    session.add(
        Vehicle(
            loan_id=loan.id,
            brand="比亚迪",
            model="秦PLUS",
            plate="京A3F2K9",
            vin="LGXCE4CB5N0123456",
            vin_masked="LGXCE4*******3456",
            year=2023,
        )
    )
    interest = installment_fen // 10
    n_paid = paid_installments or 6
    for n in range(1, months + 1):
        due = _add_months(first_due, n - 1)
        paid = n <= n_paid
        session.add(
            Installment(
                loan_id=loan.id,
                n=n,
                due_date=due,
                payment=installment_fen,
                principal=installment_fen - interest,
                interest=interest,
                paid_principal=installment_fen - interest if paid else 0,
                paid_interest=interest if paid else 0,
                paid_on=due if paid else None,
            )
        )
    overdue_principal = (installment_fen - interest) * overdue_count
    overdue_interest = interest * overdue_count
    case = Case(
        loan_id=loan.id,
        borrower_id=borrower.id,
        status=status,
        assigned_to_id=agent.id if agent else None,
        team_id=team_id if team_id is not None else (agent.team_id if agent else None),
        assigned_at=datetime.now(UTC) if agent else None,
        dpd=dpd,
        bucket=_bucket(dpd),
        overdue_principal=overdue_principal,
        overdue_interest=overdue_interest,
        overdue_total=overdue_principal + overdue_interest,
        priority=dpd,
        flags=[],
        opened_on=oldest_due + timedelta(days=1),
        # the worklist's copies are refreshed below by the job that keeps them
        borrower_name="",
        contract_no="",
    )
    session.add(case)
    session.flush()
    refresh_case_display(
        SqlRunner(session), case_ids_sql="SELECT :case_id", params={"case_id": case.id}
    )
    session.expire(case, list(DISPLAY_COLUMNS))
    if agent is not None:
        session.add(CaseAssignment(case_id=case.id, user_id=agent.id, team_id=case.team_id))
    if record:
        changes.record_change(
            session,
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            kind="assign" if agent else "upsert",
            to_user_id=case.assigned_to_id,
            to_team_id=case.team_id,
        )
    return SeededCase(
        case.id,
        loan.id,
        borrower.id,
        [p.id for p in phones],
        case.assigned_to_id,
        case.team_id,
        loan.contract_no,
    )


def _bucket(dpd: int) -> str:
    if dpd <= 0:
        return "M0"
    if dpd <= 30:
        return "M1"
    if dpd <= 60:
        return "M2"
    if dpd <= 90:
        return "M3"
    return "M3+"


def _add_months(d: date, k: int) -> date:
    month = d.month - 1 + k
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(d.day, 28)
    return date(year, month, day)


@pytest.fixture
def make_case(session_factory: sessionmaker[Session]) -> Callable[..., SeededCase]:
    """make_case(agent=None, *, team_id=None, dpd=35, ...) -> SeededCase (committed)."""

    def factory(agent: User | None = None, **kwargs: Any) -> SeededCase:
        with session_factory() as session:
            seeded = seed_case(session, agent=agent, **kwargs)
            session.commit()
            return seeded

    return factory


@dataclass
class SmallBook:
    """Two teams; per team a lead and two agents with two cases each; one admin."""

    admin: User
    leads: dict[str, User]
    agents: dict[str, list[User]]
    cases: dict[str, list[SeededCase]]  # by agent username


@pytest.fixture
def small_book(make_user: Callable[..., User], make_case: Callable[..., SeededCase]) -> SmallBook:
    admin = make_user("admin", None, username="admin")
    leads: dict[str, User] = {}
    agents: dict[str, list[User]] = {}
    cases: dict[str, list[SeededCase]] = {}
    for team in ("team-a", "team-b"):
        leads[team] = make_user("team_lead", team, username=f"lead-{team}")
        agents[team] = [make_user("agent", team, username=f"agent-{team}-{i}") for i in (1, 2)]
        for agent in agents[team]:
            cases[agent.username] = [make_case(agent, dpd=d) for d in (10, 45)]
    return SmallBook(admin, leads, agents, cases)

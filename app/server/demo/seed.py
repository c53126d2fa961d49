"""`seed_demo`: fill a migrated database with the deterministic demo book and its people.

Teams (early / mid / late collections), one lead per team, agents, an administrator; the
loan book from `generator` (bulk inserts: COPY on PostgreSQL, executemany on SQLite); the
daily overdue run for `today` (opens and allocates the cases); call history, notes,
promises and callbacks on the open cases; a second run that evaluates those promises; the
backfilled daily snapshots of the weeks before (demo/history.py: the dashboard's history);
a few plans awaiting a lead's approval per team (demo/plans.py: the approval queue).
Every demo user's password is printed by the CLI (demo only!).
"""

from __future__ import annotations

import logging
import random
import time as _time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Engine, Table, bindparam, func, select, text
from sqlalchemy.orm import Session

from app.server.changes import record_case_changes_sql
from app.server.demo import activity, catalog, generator, identity
from app.server.demo.generator import generate_book
from app.server.demo.history import HistoryAgents
from app.server.demo.plans import add_pending_plans
from app.server.demo.snapshot_history import backfill_history
from app.server.jobs import case_allocation
from app.server.jobs.bulk import bulk_insert, deferred_indexes
from app.server.jobs.overdue_run import run_overdue
from app.server.jobs.sqlkit import SqlRunner
from app.server.models import (
    Callback,
    Case,
    ContactAttempt,
    Loan,
    Note,
    Payment,
    Phone,
    Promise,
    Team,
    User,
)
from app.server.models.base import Base
from app.server.passwords import hash_password, make_hasher
from app.server.services.call_bucket import backfill_buckets
from app.server.settings import Settings

log = logging.getLogger(__name__)
DEMO_PASSWORD = "demo-pass"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login."""

    username: str
    password: str
    role: str
    team: str | None
    display_name: str


@dataclass(frozen=True, slots=True)
class DemoCredentials:
    """Who can log in to the demo (printed by `demo-data` and `serve --demo`)."""

    users: tuple[DemoUser, ...]
    loans: int
    today: date

    def by_role(self, role: str) -> list[DemoUser]:
        return [u for u in self.users if u.role == role]

    @property
    def admin(self) -> DemoUser:
        return self.by_role("admin")[0]

    @property
    def leads(self) -> list[DemoUser]:
        return self.by_role("team_lead")

    @property
    def agents(self) -> list[DemoUser]:
        return self.by_role("agent")

    def lines(self) -> list[str]:
        """Human-readable credential lines."""
        out = [f"demo book: {self.loans} loans, business date {self.today}"]
        for u in self.users:
            team = f" [{u.team}]" if u.team else ""
            out.append(f"  {u.role:<9} {u.username:<10} / {u.password}  {u.display_name}{team}")
        return out


def demo_users(*, loans: int, seed: int, agents_per_team: int | None = None) -> list[DemoUser]:
    """The demo's people: admin, a lead per team, agents spread over the teams."""
    rng = random.Random(f"users:{seed}")
    per_team = agents_per_team or max(2, min(20, loans // 1500))
    users = [DemoUser("admin", DEMO_PASSWORD, "admin", None, "系统管理员")]
    k = 0
    for i, (team, _label) in enumerate(catalog.TEAMS, start=1):
        name = identity.person_name(rng, rng.choice("MF"))
        users.append(DemoUser(f"lead{i:02d}", DEMO_PASSWORD, "team_lead", team, name))
        for _ in range(per_team):
            k += 1
            name = identity.person_name(rng, rng.choice("MF"))
            users.append(DemoUser(f"agent{k:02d}", DEMO_PASSWORD, "agent", team, name))
    return users


def _session(target: Engine | Session) -> tuple[Session, bool]:
    if isinstance(target, Session):
        return target, False
    return Session(target, expire_on_commit=False), True


def seed_demo(
    target: Engine | Session,
    *,
    loans: int = 5000,
    seed: int = 42,
    today: date | None = None,
    settings: Settings | None = None,
    agents_per_team: int | None = None,
    chunk_size: int = 2000,
) -> DemoCredentials:
    """Create the demo book (skipped when loans already exist) and return the credentials."""
    today = today or datetime.now(SHANGHAI).date()
    people = demo_users(loans=loans, seed=seed, agents_per_team=agents_per_team)
    creds = DemoCredentials(tuple(people), loans, today)
    session, owned = _session(target)
    settings = settings or Settings()
    policy, zone = settings.penalty_policy(), settings.lender_timezone
    try:
        _ensure_people(session, people, settings)
        if session.scalar(select(func.count()).select_from(Loan)):
            log.info("demo: the database already holds a loan book; not adding another")
            session.commit()
            return creds
        t0 = _time.perf_counter()
        conn = session.connection()
        tables = Base.metadata.tables
        with deferred_indexes(conn, generator.BookChunk.TABLES):
            book = generate_book(
                loans=loans,
                seed=seed,
                today=today,
                chunk_size=chunk_size,
                history=_history_agents(session),
            )
            for chunk in book:
                for name, rows in chunk.tables():
                    bulk_insert(conn, tables[name], rows)
        session.commit()
        log.info("demo: %d loans inserted in %.1fs", loans, _time.perf_counter() - t0)
        run_at = datetime.combine(today, time(6, 0), tzinfo=SHANGHAI).astimezone(UTC)
        run_overdue(session, business_date=today, now=run_at, policy=policy, lender_timezone=zone)
        _add_activity(session, seed=seed, today=today)
        run_overdue(session, business_date=today, now=run_at, policy=policy, lender_timezone=zone)
        backfill_history(session, today=today)
        # the history's calls were bulk-loaded: each takes its case's bucket of that day
        backfill_buckets(SqlRunner(session), lender_timezone=zone)
        session.commit()
        add_pending_plans(session, today=today, settings=settings)
        return creds
    finally:
        if owned:
            session.close()


def _ensure_people(session: Session, people: list[DemoUser], settings: Settings) -> None:
    existing_teams = dict(session.execute(select(Team.name, Team.id)).all())
    for name, _label in catalog.TEAMS:
        if name not in existing_teams:
            team = Team(name=name)
            session.add(team)
            session.flush()
            existing_teams[name] = team.id
    existing = set(session.scalars(select(User.username)).all())
    missing = [u for u in people if u.username not in existing]
    if missing:
        hashed = hash_password(make_hasher(settings), DEMO_PASSWORD)
        bulk_insert(
            session.connection(),
            cast(Table, User.__table__),
            [
                {
                    "username": u.username,
                    "display_name": u.display_name,
                    "password_hash": hashed,
                    "role": u.role,
                    "team_id": existing_teams[u.team] if u.team else None,
                    "active": True,
                }
                for u in missing
            ],
        )
    session.flush()


def _history_agents(session: Session) -> HistoryAgents:
    """The early-collections team's agents work the book's past episodes (M1 team)."""
    team_name = case_allocation.DEFAULT_BUCKET_TEAMS["M1"]
    team_id = session.scalar(select(Team.id).where(Team.name == team_name))
    agents = session.scalars(
        select(User.id).where(User.role == "agent", User.team_id == team_id).order_by(User.id)
    ).all()
    return HistoryAgents(tuple(agents), team_id)


def _add_activity(session: Session, *, seed: int, today: date) -> None:
    phones: dict[str, list[str]] = defaultdict(list)
    emergency: dict[str, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Phone.borrower_id, Phone.id, Phone.owner)
        .join(Case, Case.borrower_id == Phone.borrower_id)
        .where(Case.status != "closed")
        .order_by(Phone.borrower_id, Phone.sort_order)
    ).all()
    for borrower_id, phone_id, owner in rows:
        (phones if owner == "borrower" else emergency)[borrower_id].append(phone_id)
    cases = [
        activity.CaseInfo(cid, lid, agent or 0, dpd, total, phones[bid], emergency[bid])
        for cid, lid, bid, agent, dpd, total in session.execute(
            select(
                Case.id,
                Case.loan_id,
                Case.borrower_id,
                Case.assigned_to_id,
                Case.dpd,
                Case.overdue_total,
            )
            .where(Case.status != "closed", Case.assigned_to_id.is_not(None))
            .order_by(Case.loan_id)
        )
    ]
    act = activity.generate_activity(cases, seed=seed, today=today)
    conn = session.connection()
    # the run opened today's cases on the business date; the episode began at DPD 1
    opened = [{"i": c.case_id, "d": today - timedelta(days=max(c.dpd - 1, 0))} for c in cases]
    if opened:
        session.execute(
            text("UPDATE cases SET opened_on = :d WHERE id = :i").bindparams(
                bindparam("d", type_=Date())
            ),
            opened,
        )
    bulk_insert(conn, ContactAttempt.__table__, act.contact_attempts)  # type: ignore[arg-type]
    bulk_insert(conn, Note.__table__, act.notes)  # type: ignore[arg-type]
    bulk_insert(conn, Promise.__table__, act.promises)  # type: ignore[arg-type]
    bulk_insert(conn, Callback.__table__, act.callbacks)  # type: ignore[arg-type]
    bulk_insert(conn, Payment.__table__, act.payments)  # type: ignore[arg-type]
    session.execute(
        text(
            "UPDATE cases SET last_contact_at = x.at FROM (SELECT case_id, MAX(started_at) AS at"
            " FROM contact_attempts GROUP BY case_id) x"
            " WHERE cases.id = x.case_id AND cases.status <> 'closed'"
        )
    )
    record_case_changes_sql(session, select(ContactAttempt.case_id).distinct())
    session.commit()

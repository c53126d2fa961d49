"""A borrower's contact flags follow them to a new case: a cease or do-not-call set on an
earlier case still stops dialing when the daily run opens the next one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, User
from tests.server.conftest import SeededCase, business_today


def test_a_new_case_keeps_the_borrowers_flags(
    engine: Engine,
    session_factory: sessionmaker[Session],
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
) -> None:
    agent = make_user("agent", "team-early", username="agent-f")
    flagged = make_case(agent, dpd=35)  # overdue loan; its case was closed with flags
    plain = make_case(agent, dpd=35)  # the same, without flags
    today = business_today()
    with session_factory() as s:
        for seeded, flags in ((flagged, ["cease", "dispute"]), (plain, [])):
            s.execute(
                update(Case)
                .where(Case.id == seeded.case_id)
                .values(status="closed", closed_on=today - timedelta(days=3), flags=flags)
            )
        s.commit()
    run_overdue(engine, business_date=today)
    with session_factory() as s:
        for seeded, expected in ((flagged, ["cease", "dispute"]), (plain, [])):
            new = s.scalars(
                select(Case).where(Case.loan_id == seeded.loan_id, Case.status != "closed")
            ).one()
            assert new.id != seeded.case_id
            assert sorted(new.flags) == expected

"""The daily run judges promises by the lender's business date (issue 10): the day a promise
was made is its date in the lender's zone, and a promise due today is due on the desk too."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.domain.allocation import Payment as DatedPayment
from app.domain.money import Money
from app.domain.promises import evaluate_promise
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Payment, Promise, User, new_id
from tests.server.conftest import seed_case

D = date(2026, 11, 29)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def agent(make_user: Callable[..., User]) -> User:
    return make_user("agent", "team-a")


def _promise_with_payment(
    s: Session, agent: User, *, created_at: datetime, promised_on: date, paid_on: date
) -> tuple[str, str]:
    seeded = seed_case(s, agent=agent, dpd=20, today=D, record=False)
    promise = Promise(
        id=new_id(),
        case_id=seeded.case_id,
        agent_id=agent.id,
        amount=10_000,
        promised_on=promised_on,
        status="pending",
        created_at=created_at,
    )
    s.add(promise)
    s.add(
        Payment(
            id=new_id(),
            loan_id=seeded.loan_id,
            external_ref=f"P-{new_id()[:8]}",
            paid_on=paid_on,
            amount=20_000,
            allocated=False,
        )
    )
    return promise.id, seeded.loan_id


def _seed(engine: Engine, agent: User) -> dict[str, str]:
    with Session(engine) as s:
        # made 2026-11-21 01:00 in Shanghai (17:00 UTC the day before); paid 11-20: before it
        before, _ = _promise_with_payment(
            s,
            agent,
            created_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC),
            promised_on=date(2026, 11, 24),
            paid_on=date(2026, 11, 20),
        )
        # made 2026-11-21 23:00 in Shanghai (15:00 UTC); paid the same business day
        same_day, _ = _promise_with_payment(
            s,
            agent,
            created_at=datetime(2026, 11, 21, 15, 0, tzinfo=UTC),
            promised_on=date(2026, 11, 24),
            paid_on=date(2026, 11, 21),
        )
        s.commit()
    return {"before": before, "same_day": same_day}


def _statuses(engine: Engine) -> dict[str, str]:
    with Session(engine) as s:
        return {p.id: p.status for p in s.scalars(select(Promise))}


def test_payment_before_the_promise_was_made_does_not_keep_it(engine: Engine, agent: User) -> None:
    ids = _seed(engine, agent)
    run_overdue(engine, business_date=D)
    got = _statuses(engine)
    assert got[ids["before"]] == "broken"
    assert got[ids["same_day"]] == "kept"
    # the same answer as the pure domain function
    with Session(engine) as s:
        for promise in s.scalars(select(Promise)):
            case = s.get(Case, promise.case_id)
            assert case is not None
            pays = [
                DatedPayment(d, Money(a))
                for d, a in s.execute(
                    select(Payment.paid_on, Payment.amount).where(Payment.loan_id == case.loan_id)
                )
            ]
            expected = evaluate_promise(
                Money(promise.amount), promise.created_at, promise.promised_on, pays, today=D
            )
            assert promise.status == expected


def test_lender_timezone_setting_decides_the_creation_day(engine: Engine, agent: User) -> None:
    ids = _seed(engine, agent)
    run_overdue(engine, business_date=D, lender_timezone="UTC")
    got = _statuses(engine)
    assert got[ids["before"]] == "kept"  # in UTC the promise was made on 11-20
    assert got[ids["same_day"]] == "kept"


def test_unknown_lender_timezone_is_refused_before_anything_changes(
    engine: Engine, agent: User
) -> None:
    from app.domain.errors import DomainError

    _seed(engine, agent)
    with pytest.raises(DomainError):
        run_overdue(engine, business_date=D, lender_timezone="Mars/Olympus")
    assert set(_statuses(engine).values()) == {"pending"}


def test_promise_due_today_is_due_by_the_lenders_clock(engine: Engine, agent: User) -> None:
    with Session(engine) as s:
        seeded = seed_case(s, agent=agent, dpd=20, today=D, record=False)
        s.add(
            Promise(
                id=new_id(),
                case_id=seeded.case_id,
                agent_id=agent.id,
                amount=10_000,
                promised_on=D,
                status="pending",
                created_at=datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
            )
        )
        s.commit()
    run_overdue(engine, business_date=D)
    with Session(engine) as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None and case.next_action_kind == "promise_due"
        # like a promise recorded at the desk (ops.create_promise): 09:00 on the promised
        # business day, so the desk's "due before the end of the lender's day" sees it
        assert case.next_action_at == datetime.combine(D, time(9), SHANGHAI)

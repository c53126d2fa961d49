"""The desk judges business dates in the server's lender zone (app.client.lender_zone): with
a server set to New York, a promise "for today" made at 22:00 New York time is today's on
the desk and on the server alike (in Shanghai it is already tomorrow, and the promise would
be in the past)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client import lender_zone
from app.client.plan_calculator import lender_today
from app.client.wrap_up import WrapUp
from app.domain.errors import DomainError
from app.server.models import Promise
from tests.client.harness import Desk
from tests.client.new_york_server import NEW_YORK, default_zone_after, settings  # noqa: F401

# 22:00 on 2026-12-01 in New York; 11:00 on 2026-12-02 in Shanghai
AT = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


def test_the_zone_is_checked_and_a_bad_one_changes_nothing() -> None:
    assert lender_zone.name() == "Asia/Shanghai" and lender_today(AT) == date(2026, 12, 2)
    lender_zone.use(NEW_YORK)
    assert lender_zone.name() == NEW_YORK and lender_today(AT) == date(2026, 12, 1)
    with pytest.raises(DomainError) as info:
        lender_zone.use("Mars/Olympus")
    assert info.value.field == "lender_timezone"
    assert lender_zone.name() == NEW_YORK  # unchanged
    lender_zone.use(None)
    assert lender_zone.name() == "Asia/Shanghai"


def test_a_promise_for_the_lenders_today_is_accepted_on_desk_and_server(
    desk: Desk, cases: list[str], session_factory: sessionmaker[Session]
) -> None:
    cid = cases[1]
    phone = desk.desk.case_detail(cid).borrower.phones[0].id
    w = WrapUp(
        case_id=cid,
        phone_id=phone,
        contact_id=str(uuid.uuid4()),
        started_at=AT,
        duration_s=60,
        disposition="right_party",
        result="promise_to_pay",
        promise_amount_fen=10_000,
        promise_date=date(2026, 12, 1),
        text="borrower will pay today",
    )
    calls = desk.desk.calls
    # judged in Shanghai, as the desk did before it took the server's zone: in the past
    assert "promise_date" in {p.field for p in calls.wrap_up_problems(w, now=AT)}
    lender_zone.use(NEW_YORK)
    assert calls.wrap_up_problems(w, now=AT) == []
    calls.save_wrap_up(w, now=AT)
    report = desk.sync()
    assert report.outcome == "ok" and report.pushed_rejected == 0, report.summary()
    with session_factory() as s:
        promise = s.scalars(select(Promise).where(Promise.case_id == cid)).one()
        assert (promise.promised_on, promise.amount) == (date(2026, 12, 1), 10_000)

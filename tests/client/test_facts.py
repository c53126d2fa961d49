"""Contact attempts, promises and callbacks: local rows + outbox, applied once on the server."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.desk_service import CaseNotFound
from app.domain.errors import DomainError
from app.server.models import Callback, ContactAttempt, Promise
from tests.client.harness import Desk
from tests.server.conftest import later_callback

SF = sessionmaker[Session]


def test_facts_reach_the_server_once(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    cid = cases[1]
    phone = desk.desk.case_detail(cid).borrower.phones[0].id
    day = datetime.now(UTC).replace(hour=3, minute=0, second=0, microsecond=0) - timedelta(days=1)
    desk.desk.record_contact(
        cid,
        channel="outbound_call",
        disposition="right_party",
        started_at=day,
        phone_id=phone,
        duration_s=95,
        reason="temporary_hardship",
    )
    desk.desk.add_promise(cid, amount_fen=150_000, promised_on=date.today() + timedelta(days=5))
    desk.desk.add_callback(cid, due_at=later_callback(), note="回电确认")
    detail = desk.desk.case_detail(cid)
    assert detail.contacts[0].pending and detail.promises[0].pending and detail.callbacks[0].pending
    desk.faults.add("/sync/push", "drop_after")
    assert desk.sync().outcome == "offline"
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert (report.pushed_duplicate, report.pushed_applied) == (2, 1)  # batches of 2
    assert desk.outbox_statuses() == []
    with session_factory() as s:
        assert (
            len(s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == cid)).all()) == 1
        )
        assert len(s.scalars(select(Promise).where(Promise.case_id == cid)).all()) == 1
        assert len(s.scalars(select(Callback).where(Callback.case_id == cid)).all()) == 1
    detail = desk.desk.case_detail(cid)
    assert not detail.contacts[0].pending and detail.promises[0].amount_fen == 150_000
    assert detail.contacts[0].disposition == "right_party"


def test_fact_validation(desk: Desk, cases: list[str]) -> None:
    with pytest.raises(DomainError):
        desk.desk.add_promise(cases[0], amount_fen=0, promised_on=date.today())
    with pytest.raises(DomainError):
        desk.desk.record_contact(
            cases[0], channel="fax", disposition="busy", started_at=datetime.now(UTC)
        )
    with pytest.raises(CaseNotFound):
        desk.desk.add_callback("nope", due_at=datetime.now(UTC))
    assert desk.outbox_statuses() == []

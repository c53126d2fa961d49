"""What a plan's end does to the loan and the case (issue 14 point 2): a kept settlement
closes the loan as settled with its waivers written off (audited, exported); a broken
catch-up returns the case to collection on the contract's schedule with the reason on the
wire (sync feed and case API)."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.jobs.overdue_run import run_overdue
from app.server.models import AuditLog, Case, Installment, Loan, Payment, User, WriteOff
from tests.server.conftest import SmallBook, business_today
from tests.server.sync_helpers import full_state

T = business_today()


def _propose(client: TestClient, h: dict[str, str], case_id: str, **body: Any) -> Any:
    payload = {
        "id": str(uuid.uuid4()),
        "first_date": (T + timedelta(days=3)).isoformat(),
        "created_at": datetime.now(UTC).isoformat(),
        **body,
    }
    resp = client.post(f"/cases/{case_id}/plans", json=payload, headers=h)
    assert resp.status_code == 201, resp.text
    return resp.json()


def _pay(sf: sessionmaker[Session], loan_id: str, on: Any, fen: int) -> None:
    with sf() as s:
        s.add(Payment(loan_id=loan_id, paid_on=on, amount=fen))
        s.commit()


def test_kept_settlement_closes_the_loan_with_write_offs(
    engine: Engine,
    client: TestClient,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    sf = session_factory
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    run_overdue(engine, business_date=T)
    with sf() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None and case.overdue_penalty > 1
        penalty, fees = case.overdue_penalty, case.overdue_fees
    waive = penalty // 2  # an agent may waive half the penalty
    plan = _propose(
        client, auth_headers(agent), seeded.case_id, kind="settlement", payments=1,
        waive_penalty=waive,
    )  # fmt: skip
    assert plan["status"] == "approved" and plan["booked_on"] is None  # nothing rebooked
    _pay(sf, seeded.loan_id, T + timedelta(days=2), plan["total"])
    day = T + timedelta(days=2)
    report = run_overdue(engine, business_date=day)
    assert report.counts["plans_kept"] == 1 and report.counts["loans_settled"] == 1

    with sf() as s:
        loan = s.get(Loan, seeded.loan_id)
        assert loan is not None
        assert (loan.closed_as, loan.closed_on, loan.dpd, loan.outstanding_principal) == (
            "settled", day, 0, 0,
        )  # fmt: skip
        case = s.get(Case, seeded.case_id)
        assert case is not None and (case.status, case.closed_on, case.dpd) == ("closed", day, 0)
        offs = list(s.scalars(select(WriteOff).where(WriteOff.loan_id == seeded.loan_id)))
        assert [(w.kind, w.plan_id, w.principal, w.interest, w.penalty, w.fees, w.total) for w in offs] == [
            ("settlement", plan["id"], 0, 0, waive, 0, waive)
        ]  # fmt: skip
        # balance_closed is what the closed installments still owed by the books (the
        # waivers, and the scheduled interest the waterfall took before principal that a
        # settlement does not charge): checked against the rows themselves
        closed = list(
            s.scalars(
                select(Installment).where(
                    Installment.loan_id == seeded.loan_id, Installment.status == "settled"
                )
            )
        )
        assert closed
        owed = sum(
            (i.principal - i.paid_principal)
            + (i.interest - i.paid_interest - i.waived_interest if i.due_date < day else 0)
            + max(0, i.penalty - i.paid_penalty - i.waived_penalty)
            + (i.fees - i.paid_fees - i.waived_fees)
            for i in closed
        )
        assert offs[0].balance_closed == owed >= waive + fees
        left = list(
            s.scalars(
                select(Installment).where(
                    Installment.loan_id == seeded.loan_id, Installment.status == "scheduled",
                    Installment.paid_on.is_(None),
                )
            )
        )  # fmt: skip
        assert left == []  # nothing in force is left unpaid
        audits = list(s.scalars(select(AuditLog).where(AuditLog.action == "loan.settled")))
        assert [a.entity_id for a in audits] == [seeded.loan_id]
        assert audits[0].details["plan_id"] == plan["id"]
        assert int(audits[0].details["waived_penalty"]) == waive

    # idempotent: the same day again adds no write-off, audit or change
    again = run_overdue(engine, business_date=day)
    assert again.changes_recorded == 0 and again.counts["loans_settled"] == 0
    with sf() as s:
        assert len(list(s.scalars(select(WriteOff)))) == 1
    # and the next days do not reopen the settled loan
    run_overdue(engine, business_date=day + timedelta(days=40))
    with sf() as s:
        assert s.scalar(
            select(Case).where(Case.loan_id == seeded.loan_id, Case.status != "closed")
        ) is None  # fmt: skip

    # exportable: the team lead's write-offs export lists it (and the other team's does not)
    lead = small_book.leads["team-a"]
    resp = client.get(
        "/team/write-offs/export",
        params={"format": "csv", "lang": "en"},
        headers=auth_headers(lead),
    )
    assert resp.status_code == 200, resp.text
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["booked on", "kind", "contract no"]
    assert [(r[1], r[5], r[8], r[10]) for r in rows[1:]] == [
        ("settlement", plan["id"], f"{waive / 100:.2f}", f"{waive / 100:.2f}")
    ]
    other = client.get(
        "/team/write-offs/export", params={"format": "csv"},
        headers=auth_headers(small_book.leads["team-b"]),
    )  # fmt: skip
    assert other.status_code == 200 and other.headers["X-Export-Rows"] == "0"


def test_broken_catch_up_returns_the_case_with_the_reason(
    engine: Engine,
    client: TestClient,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    sf = session_factory
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    h = auth_headers(agent)
    run_overdue(engine, business_date=T)
    with sf() as s:
        before = {
            i.n: i.due_date
            for i in s.scalars(select(Installment).where(Installment.loan_id == seeded.loan_id))
        }
    plan = _propose(client, h, seeded.case_id, kind="catch_up", payments=3)
    first = next(ln for ln in plan["lines"] if ln["n"] == 1)
    _pay(sf, seeded.loan_id, T + timedelta(days=3), first["amount"] // 2)  # half the first
    day = T + timedelta(days=7)  # the first line's deadline (due + 3 days) has passed
    run_overdue(engine, business_date=day)

    with sf() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None and case.status == "open" and case.return_plan_id == plan["id"]
        # the schedule then in force is the contract's: a catch-up rebooks nothing
        after = {
            i.n: (i.due_date, i.status)
            for i in s.scalars(select(Installment).where(Installment.loan_id == seeded.loan_id))
        }
    assert after == {n: (d, "scheduled") for n, d in before.items()}
    expected = {
        "plan_id": plan["id"],
        "kind": "catch_up",
        "broken_on": day.isoformat(),
        "due_date": first["due_date"],
        "shortfall": first["amount"] - first["amount"] // 2,
    }
    # on the wire: the case API and the sync feed carry the reason
    detail = client.get(f"/cases/{seeded.case_id}", headers=h).json()
    assert detail["case"]["plan_return"] == expected
    store = full_state(client, h)
    assert store[("case", seeded.case_id)]["plan_return"] == expected
    synced_plan = store[("plan", plan["id"])]
    assert (synced_plan["status"], synced_plan["broken_due"], synced_plan["broken_short"]) == (
        "broken", first["due_date"], expected["shortfall"],
    )  # fmt: skip


def _worklist(client: TestClient, h: dict[str, str]) -> set[str]:
    resp = client.get("/worklist", headers=h)
    assert resp.status_code == 200, resp.text
    return {r["case_id"] for r in resp.json()["rows"]}


def test_performing_catch_up_leaves_the_queue_except_around_due_dates(
    engine: Engine,
    client: TestClient,
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    sf = session_factory
    agent = small_book.agents["team-a"][0]
    seeded, other = small_book.cases[agent.username][:2]
    h = auth_headers(agent)
    run_overdue(engine, business_date=T)
    assert {seeded.case_id, other.case_id} <= _worklist(client, h)
    first_due = T + timedelta(days=10)
    plan = _propose(
        client, h, seeded.case_id, kind="catch_up", payments=3, first_date=first_due.isoformat()
    )
    lines = sorted(ln["due_date"] for ln in plan["lines"])
    assert lines[0] == first_due.isoformat()

    def on(day: Any) -> set[str]:
        run_overdue(engine, business_date=day)  # the default window: 3 days before, 1 after
        return _worklist(client, h)

    quiet = on(T + timedelta(days=1))  # the plan performs, its first date is far
    assert seeded.case_id not in quiet and other.case_id in quiet
    again = run_overdue(engine, business_date=T + timedelta(days=1))  # idempotent
    assert again.changes_recorded == 0
    assert seeded.case_id in on(first_due - timedelta(days=3))  # the window opens
    assert seeded.case_id in on(first_due)
    _pay(sf, seeded.loan_id, first_due, plan["lines"][0]["amount"])  # the first payment
    assert seeded.case_id in on(first_due + timedelta(days=1))  # the day after
    assert seeded.case_id not in on(first_due + timedelta(days=2))  # quiet again
    # the case's wire data says so
    detail = client.get(f"/cases/{seeded.case_id}", headers=h).json()
    assert detail["case"]["plan_quiet"] is True
    # a wider window setting keeps it in the queue
    run_overdue(engine, business_date=first_due + timedelta(days=2), plan_call_days_after=5)
    assert seeded.case_id in _worklist(client, h)
    # a broken plan brings it back for good: the second payment is missed
    second_due = date.fromisoformat(lines[1])
    assert seeded.case_id in on(second_due + timedelta(days=4))
    with sf() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None and case.return_plan_id == plan["id"] and not case.plan_quiet
    assert seeded.case_id in on(second_due + timedelta(days=8))

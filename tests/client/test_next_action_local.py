"""Issue 16 point 1 on the desk, against the real in-process server: a new promise after a
broken one replaces "PTP broken" in the local worklist at once (row and next-case order),
stays replaced when a pulled copy of the case arrives before the promise is sent, and
after the sync the server's copy says the same. A refused promise no longer counts."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from app.client import local_next_action
from app.client.views import WorklistQuery
from app.client.wrap_up import WrapUp
from app.server.changes import record_change
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Promise
from tests.client.harness import Desk
from tests.server.conftest import business_today, later_callback

SF = sessionmaker[Session]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _break_promises(sf: SF, engine: Any, agent: Any, case_ids: list[str]) -> None:
    today = business_today()
    with sf() as s:
        for cid in case_ids:
            s.add(
                Promise(
                    case_id=cid,
                    agent_id=agent.id,
                    amount=300_000,
                    promised_on=today - timedelta(days=8),
                    status="pending",
                    created_at=datetime.combine(today - timedelta(days=10), time(10), SHANGHAI),
                )
            )
        s.commit()
    run_overdue(engine, business_date=today)


def _row(desk: Desk, cid: str) -> Any:
    rows = desk.desk.worklist(WorklistQuery(limit=100)).rows
    return next(r for r in rows if r.case_id == cid)


def _order(desk: Desk) -> list[str]:
    return [r.case_id for r in desk.desk.worklist(WorklistQuery(limit=100)).rows]


def test_a_new_promise_after_a_broken_one_moves_the_local_worklist_at_once(
    desk: Desk, cases: list[str], agent: Any, session_factory: SF, engine: Any
) -> None:
    low, high = cases[3], cases[4]  # high: the larger overdue amount, first of the broken
    _break_promises(session_factory, engine, agent, [low, high])
    assert desk.sync().outcome == "ok"
    assert (
        _row(desk, high).next_action_kind == _row(desk, low).next_action_kind == ("broken_promise")
    )
    assert _order(desk)[:2] == [high, low]
    assert desk.desk.next_case(WorklistQuery(), None) == high

    now = datetime.now(UTC)
    promised = business_today() + timedelta(days=5)
    phone = desk.desk.case_detail(high).borrower.phones[0].id
    w = WrapUp(
        case_id=high,
        phone_id=phone,
        contact_id=str(uuid.uuid4()),
        started_at=now - timedelta(minutes=2),
        duration_s=60,
        disposition="right_party",
        text="客户重新承诺五天内还款",
        result="promise_to_pay",
        promise_amount_fen=300_000,
        promise_date=promised,
    )
    desk.desk.calls.save_wrap_up(w, now=now)

    row = _row(desk, high)
    assert row.next_action_kind == "promise_due"  # before any sync
    assert row.next_action_at == datetime.combine(promised, time(9), SHANGHAI)
    assert _order(desk)[0] == low and desk.desk.next_case(WorklistQuery(), None) == low

    # the server changes the case meanwhile; its copy (still "broken": the promise is not
    # sent yet) arrives first: the local promise still counts
    with session_factory() as s:
        record_change(s, entity="case", entity_id=high, case_id=high)
        s.commit()
    desk.engine._pull(
        {"pulled_upserts": 0, "pulled_tombstones": 0, "pages": 0, "full_resync": False},
        None,
        None,
        False,
    )
    assert _row(desk, high).next_action_kind == "promise_due"

    assert desk.sync().outcome == "ok" and desk.outbox_statuses() == []
    with session_factory() as s:
        case = s.get(Case, high)
        assert case is not None and case.next_action_kind == "promise_due"
    assert _row(desk, high).next_action_kind == "promise_due"
    assert _row(desk, low).next_action_kind == "broken_promise"


def test_a_callback_then_a_refused_fact(
    desk: Desk, cases: list[str], agent: Any, session_factory: SF, engine: Any
) -> None:
    cid = cases[2]
    _break_promises(session_factory, engine, agent, [cid])
    assert desk.sync().outcome == "ok"
    when = later_callback(days=2)
    desk.desk.add_callback(cid, due_at=when)
    assert (_row(desk, cid).next_action_kind, _row(desk, cid).next_action_at) == (
        "callback",
        when,
    )
    # the server refuses it (here: we mark it so, as the sync does for a rejected op):
    # the case is broken again
    conn = desk.store.connection()
    with desk.store.transaction() as tx:
        tx.execute("UPDATE callbacks SET local_state='rejected' WHERE case_id=?", (cid,))
        local_next_action.refresh(tx, [cid])
    assert _row(desk, cid).next_action_kind == "broken_promise"
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 1

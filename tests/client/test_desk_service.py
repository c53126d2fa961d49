"""DeskService against a store filled with wire-shaped records (no server needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.client import outbox
from app.client.desk_service import CaseNotFound, DeskService
from app.client.store import LocalStore
from app.client.store.apply import apply_upserts
from app.client.views import WorklistQuery
from app.domain.errors import DomainError
from tests.client import factories as f

NOW = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai: calls allowed


@pytest.fixture
def desk(store: LocalStore) -> DeskService:
    up = f.book(40)
    # case 7: promise due this morning; case 8: broken promise; case 9: callback next week
    for rec in up:
        if rec["entity"] == "case" and rec["data"]["loan_id"] == "l000007":
            rec["data"].update(
                next_action_at=(NOW - timedelta(hours=1)).isoformat(),
                next_action_kind="promise_due",
            )
        if rec["entity"] == "case" and rec["data"]["loan_id"] == "l000008":
            rec["data"].update(next_action_kind="broken_promise")
        if rec["entity"] == "case" and rec["data"]["loan_id"] == "l000009":
            rec["data"].update(
                next_action_at=(NOW + timedelta(days=7)).isoformat(), next_action_kind="callback"
            )
    with store.transaction() as tx:
        apply_upserts(tx, up, gen=1)
    return DeskService(store, user="agent1")


def _cid(i: int) -> str:
    return f.book(1, start=i)[2]["id"]


def test_worklist_orders_by_next_action_then_priority(desk: DeskService) -> None:
    page = desk.worklist(WorklistQuery(limit=5), now=NOW)
    assert page.total == 40
    assert [r.case_id for r in page.rows[:2]] == [_cid(8), _cid(7)]
    prios = [r.priority for r in page.rows[2:]]
    assert prios == sorted(prios, reverse=True)
    assert sum(page.bucket_counts.values()) == 40


def test_worklist_rows_carry_callable_now(desk: DeskService) -> None:
    night = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)  # 23:00 in Shanghai
    assert all(r.callable_now is True for r in desk.worklist(WorklistQuery(), now=NOW).rows)
    assert all(r.callable_now is False for r in desk.worklist(WorklistQuery(), now=night).rows)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("张芳1", {1, 11, 16}),
        ("0012", {12}),
        ("ht-2025-000013", {13}),
        ("京A·00014", {14}),
        ("京a00014", {14}),
        ("nobody", set()),
    ],
)
def test_worklist_search(desk: DeskService, search: str, expected: set[int]) -> None:
    page = desk.worklist(WorklistQuery(search=search, limit=100), now=NOW)
    assert {r.case_id for r in page.rows} == {_cid(i) for i in expected}


def test_worklist_bucket_filter_sort_and_paging(desk: DeskService) -> None:
    q = WorklistQuery(buckets=("M2",), sort="overdue", descending=True, limit=4, offset=2)
    page = desk.worklist(q, now=NOW)
    assert page.total == 10 and len(page.rows) == 4
    assert all(r.bucket == "M2" for r in page.rows)
    amounts = [r.overdue_total_fen for r in page.rows]
    assert amounts == sorted(amounts, reverse=True)
    assert page.bucket_counts == {"M1": 10, "M2": 10, "M3": 10, "M3+": 10}


def test_next_case_walks_the_worklist(desk: DeskService) -> None:
    q = WorklistQuery()
    first = desk.next_case(q, None, now=NOW)
    assert first == _cid(8)
    assert desk.next_case(q, first, now=NOW) == _cid(7)


def test_case_detail(desk: DeskService) -> None:
    d = desk.case_detail(_cid(3), now=NOW)
    assert d.borrower.name == "张敏3" and d.loan.contract_no == "HT-2025-000003"
    assert len(d.installments) == 12 and d.installments[-1].state == "overdue"
    assert d.payments[0].amount_fen == 304219
    assert d.overdue.total_fen == 102303
    assert {p.phone_id for p in d.policy} == {"p3a", "p3b"}
    emergency = next(p for p in d.policy if p.phone_id == "p3b")
    assert not emergency.allowed  # emergency contact needs "debtor unreachable" first
    with pytest.raises(CaseNotFound):
        desk.case_detail("nope")


def test_save_note_writes_note_and_outbox_in_one_transaction(desk: DeskService) -> None:
    cid = _cid(5)
    desk.save_draft(cid, "half typed")
    cs = desk.save_note(cid, "  答应月底还款 ", "right_party", date(2026, 12, 1))
    assert cs.case_ids == {cid} and cs.notes
    d = desk.case_detail(cid, now=NOW)
    assert [n.text for n in d.notes] == ["答应月底还款"] and d.notes[0].pending
    assert d.draft is None
    ops = outbox.pending(desk.store.connection(), limit=10)
    assert len(ops) == 1 and ops[0].entity_id == d.notes[0].id
    assert ops[0].to_wire()["payload"]["next_action_on"] == "2026-12-01"
    assert desk.sync_status().pending_ops == 1
    assert desk.worklist(WorklistQuery(search="张伟5"), now=NOW).rows[0].pending_ops == 1


def test_save_note_is_atomic(desk: DeskService, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> str:
        raise RuntimeError("crash between the two writes")

    monkeypatch.setattr(outbox, "enqueue", boom)
    with pytest.raises(RuntimeError):
        desk.save_note(_cid(5), "text")
    assert desk.case_detail(_cid(5), now=NOW).notes == ()


@pytest.mark.parametrize(("text", "disp"), [("   ", None), ("x" * 10_001, None), ("ok", "bogus")])
def test_save_note_rejects_bad_input(desk: DeskService, text: str, disp: str | None) -> None:
    with pytest.raises(DomainError):
        desk.save_note(_cid(1), text, disp)
    assert desk.sync_status().pending_ops == 0


def test_save_note_on_unknown_case(desk: DeskService) -> None:
    with pytest.raises(CaseNotFound):
        desk.save_note("no-such-case", "hello")


def test_drafts(desk: DeskService) -> None:
    assert desk.load_draft("c") is None
    desk.save_draft("c", "abc")
    desk.save_draft("c", "abcd")
    assert desk.load_draft("c") == "abcd"
    desk.save_draft("c", "  ")
    assert desk.load_draft("c") is None


def test_rejected_ops_discard_and_retry(desk: DeskService) -> None:
    cid = _cid(2)
    desk.save_note(cid, "one")
    desk.save_note(cid, "two")
    conn = desk.store.connection()
    ops = outbox.pending(conn, limit=10)
    with desk.store.transaction() as tx:
        for op in ops:
            outbox.record_rejection(tx, op, code="forbidden", message="no", current=None)
    att = desk.needs_attention()
    assert [a.payload["text"] for a in att] == ["one", "two"]
    assert desk.sync_status().rejected_ops == 2
    assert all(n.rejected for n in desk.case_detail(cid, now=NOW).notes)
    desk.retry_rejected(att[0].op_id)
    desk.discard_rejected(att[1].op_id)
    assert desk.sync_status().pending_ops == 1 and desk.sync_status().rejected_ops == 0
    assert [n.text for n in desk.case_detail(cid, now=NOW).notes] == ["one"]


@pytest.mark.parametrize("offset", [0, 1, 2, 3, 10, 39, 40])
@pytest.mark.parametrize("search", ["", "张", "张芳1"])
def test_worklist_order_plans_agree_with_the_plain_order(
    desk: DeskService, offset: int, search: str
) -> None:
    """The index-friendly plans page exactly like one ORDER BY over everything."""
    from app.client import worklist_order as ws

    q = WorklistQuery(search=search, limit=3, offset=offset)
    horizon = DeskService._horizon(NOW)
    where, params = ws.where_clause(q, with_buckets=True)
    order = ws.order_clause(q, horizon, params)
    conn = desk.store.connection()
    expected = [
        r[0] for r in conn.execute(f"SELECT c.id FROM cases c{where} ORDER BY {order}", params)
    ][offset : offset + 3]
    for matched in (0, ws.SMALL_MATCH + 1):  # both plans
        got = ws.select_rows(
            conn, q, columns="c.id", horizon=horizon, matched=matched, limit=3, offset=offset
        )
        assert [r[0] for r in got] == expected
    assert [r.case_id for r in desk.worklist(q, now=NOW).rows] == expected


@pytest.mark.parametrize(
    ("search", "sort"),
    [("", "next_action"), ("张", "next_action"), ("", "priority"), ("张芳", "dpd")],
)
def test_next_case_visits_the_worklist_in_order(desk: DeskService, search: str, sort: str) -> None:
    q = WorklistQuery(search=search, sort=sort, limit=1000)  # type: ignore[arg-type]
    order = [r.case_id for r in desk.worklist(q, now=NOW).rows]
    walked, current = [], None
    while (current := desk.next_case(q, current, now=NOW)) is not None:
        walked.append(current)
    assert walked == order
    assert desk.next_case(q, "not-in-the-list", now=NOW) == order[0]


def _promise(pid: str, case_id: str, on: str, status: str) -> dict[str, object]:
    return {
        "entity": "promise",
        "id": pid,
        "data": {
            "id": pid,
            "case_id": case_id,
            "agent_id": "agent1",
            "amount": 100_000,
            "promised_on": on,
            "created_at": "2026-11-01T02:00:00+00:00",
            "status": status,
        },
    }


def test_worklist_rows_carry_the_promised_date(desk: DeskService, store: LocalStore) -> None:
    """A broken promise shows the date that was promised (its latest broken one), a promise
    due shows its pending promise's date; other rows have none."""
    up = [
        _promise("p1", _cid(8), "2026-11-10", "broken"),
        _promise("p2", _cid(8), "2026-11-24", "broken"),
        _promise("p3", _cid(8), "2026-11-27", "kept"),
        _promise("p4", _cid(7), "2026-11-29", "pending"),
        _promise("p5", _cid(9), "2026-12-03", "pending"),
    ]
    with store.transaction() as tx:
        apply_upserts(tx, up, gen=1)
    rows = {r.case_id: r for r in desk.worklist(WorklistQuery(limit=5), now=NOW).rows}
    assert rows[_cid(8)].promised_on == date(2026, 11, 24)
    assert rows[_cid(7)].promised_on == date(2026, 11, 29)
    callback = desk.worklist(WorklistQuery(limit=50), now=NOW).rows
    assert next(r for r in callback if r.case_id == _cid(9)).promised_on is None

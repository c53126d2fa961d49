"""POST /sync/push: idempotency (twice, concurrently, after a dropped response), stale
versions, append-only facts after reassignment, batch limits and per-op isolation."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.sync import MAX_PUSH_BATCH
from app.server.models import AppliedOp, AuditLog, Case, Note, User
from app.server.services.assignment import assign_case
from tests.server.conftest import SmallBook
from tests.server.sync_helpers import agreement_export_op, case_update_op, note_op, push

Headers = Callable[[User], dict[str, str]]


def _notes(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(Note)) or 0)


def test_same_push_twice_applies_once(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    ops = [note_op(c.case_id, f"note {i}") for i, c in enumerate(small_book.cases[agent.username])]
    first = push(client, headers, *ops)
    assert [r["status"] for r in first] == ["applied", "applied"]
    second = push(client, headers, *ops)
    assert [r["status"] for r in second] == ["duplicate", "duplicate"]
    assert [r["entity_id"] for r in second] == [op["entity_id"] for op in ops]
    assert _notes(session_factory) == 2


def test_dropped_response_then_retry(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    """The server committed but the client never saw the answer: the retry (same op ids,
    plus new ones) applies only the new ops."""
    agent = small_book.agents["team-b"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    lost = note_op(case_id, "answer lost")
    client.post("/sync/push", json={"ops": [lost]}, headers=headers)  # response dropped
    fresh = note_op(case_id, "typed later")
    results = push(client, headers, lost, fresh)
    assert [r["status"] for r in results] == ["duplicate", "applied"]
    assert _notes(session_factory) == 2


def test_concurrent_identical_pushes_apply_once(
    app: object,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][1]
    headers = auth_headers(agent)
    cases = [c.case_id for c in small_book.cases[agent.username]]
    ops = [note_op(cases[i % 2], f"concurrent {i}") for i in range(6)]
    statuses: list[list[str]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker() -> None:
        try:
            with TestClient(app) as c:  # type: ignore[arg-type]
                barrier.wait()
                statuses.append([r["status"] for r in push(c, headers, *ops)])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(statuses) == 4
    for i in range(6):
        column = [s[i] for s in statuses]
        assert column.count("applied") == 1 and column.count("duplicate") == 3, column
    assert _notes(session_factory) == 6
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AppliedOp)) == 6


def test_stale_case_update_is_rejected_with_current(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    ok = push(client, headers, case_update_op(case_id, 0, flags=["dispute"]))[0]
    assert ok["status"] == "applied" and ok["message"] == "version 1"
    stale = push(client, headers, case_update_op(case_id, 0, debtor_unreachable=True))[0]
    assert stale["status"] == "rejected" and stale["code"] == "stale_version"
    assert stale["current"] == {"version": 1, "flags": ["dispute"], "debtor_unreachable": False}
    again = push(client, headers, case_update_op(case_id, 1, debtor_unreachable=True))[0]
    assert again["status"] == "applied"


def test_case_update_needs_current_scope_and_is_audited(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    case_id = small_book.cases[a1.username][0].case_id
    res = push(client, auth_headers(a2), case_update_op(case_id, 0, flags=["cease"]))[0]
    assert res["status"] == "rejected" and res["code"] == "not_found"
    res = push(client, auth_headers(a1), case_update_op(case_id, 0, flags=["cease"]))[0]
    assert res["status"] == "applied"
    with session_factory() as session:
        row = session.execute(select(AuditLog).where(AuditLog.action == "case.update")).scalar_one()
        assert row.actor == a1.username and row.details["after"]["flags"] == ["cease"]


def test_facts_accepted_after_reassignment_but_not_from_strangers(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    stranger = small_book.agents["team-b"][0]
    case_id = small_book.cases[a1.username][0].case_id
    with session_factory() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assign_case(session, case, to_user=a2)
        session.commit()
    late = push(client, auth_headers(a1), note_op(case_id, "offline note, written before"))[0]
    assert late["status"] == "applied"
    # the old holder may no longer edit the case
    edit = push(client, auth_headers(a1), case_update_op(case_id, 0, flags=["dispute"]))[0]
    assert edit["code"] == "not_found"
    res = push(client, auth_headers(stranger), note_op(case_id, "never mine"))[0]
    assert res["status"] == "rejected" and res["code"] == "not_found"
    res = push(client, auth_headers(stranger), note_op(str(uuid.uuid4()), "no such case"))[0]
    assert res["code"] == "not_found"


def test_one_bad_op_does_not_block_the_rest(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-b"][1]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    bad = note_op(case_id, "amends nothing", amends=str(uuid.uuid4()))
    results = push(client, headers, note_op(case_id, "a"), bad, note_op(case_id, "b"))
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert results[1]["code"] == "invalid_reference"
    # reusing an entity id under a new op id is a conflict, not a second note
    first = note_op(case_id, "x")
    push(client, headers, first)
    clash = note_op(case_id, "y", entity_id=first["entity_id"])
    assert push(client, headers, clash)[0]["code"] == "conflict"


def test_batch_limits(client: TestClient, small_book: SmallBook, auth_headers: Headers) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    too_many = [note_op(case_id) for _ in range(MAX_PUSH_BATCH + 1)]
    resp = client.post("/sync/push", json={"ops": too_many}, headers=headers)
    assert resp.status_code == 413
    assert resp.json()["error"]["code"] == "batch_too_large"
    resp = client.post("/sync/push", json={"ops": []}, headers=headers)
    assert resp.status_code == 422
    bad = note_op(case_id)
    bad["payload"]["surprise"] = 1
    resp = client.post("/sync/push", json={"ops": [bad]}, headers=headers)
    assert resp.status_code == 422
    amount = {
        "op_id": str(uuid.uuid4()),
        "kind": "promise.create",
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": {
            "amount": 12.5,
            "promised_on": "2030-01-01",
            "created_at": "2029-12-30T01:00:00Z",
        },
    }
    resp = client.post("/sync/push", json={"ops": [amount]}, headers=headers)
    assert resp.status_code == 422
    assert client.post("/sync/push", json={"ops": [note_op(case_id)]}).status_code == 401


def test_unstorable_values_are_rejected_not_500(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    naive = note_op(case_id)
    naive["payload"]["created_at"] = "2026-01-01T10:00:00"
    nul = note_op(case_id, "bad\x00text")
    huge = {
        "op_id": str(uuid.uuid4()),
        "kind": "promise.create",
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": {
            "amount": 10**30,
            "promised_on": "2030-01-01",
            "created_at": "2029-12-30T01:00:00Z",
        },
    }
    far = note_op(case_id, "far future")
    far["payload"]["created_at"] = "9999-12-31T23:59:59Z"
    ancient = note_op(case_id, "ancient", next_action_on="0001-01-01")
    # the wire schema bounds them: a batch holding one is refused whole (422, nothing
    # applied; the desk splits a refused batch until the bad op stands alone)
    for bad in (naive, nul, huge, far, ancient):
        resp = client.post(
            "/sync/push", json={"ops": [bad, note_op(case_id, "fine")]}, headers=headers
        )
        assert resp.status_code == 422, resp.text
        assert resp.json()["error"]["code"] == "validation_error"
    results = push(client, headers, note_op(case_id, "fine"))
    assert [r["status"] for r in results] == ["applied"]
    resp = client.post("/auth/token", json={"username": "x\x00y", "password": "p"})
    assert resp.status_code in (401, 422)


def test_batch_ending_with_a_rejection_keeps_the_applied_ops(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][1]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][1].case_id
    ops = [note_op(case_id, "kept 1"), note_op(case_id, "kept 2"), note_op(str(uuid.uuid4()))]
    assert [r["status"] for r in push(client, headers, *ops)] == ["applied", "applied", "rejected"]
    with session_factory() as session:
        texts = set(session.scalars(select(Note.text)))
    assert texts == {"kept 1", "kept 2"}
    assert [r["status"] for r in push(client, headers, *ops)] == [
        "duplicate",
        "duplicate",
        "rejected",
    ]


def test_an_agreement_export_is_audited_once_and_only_in_scope(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    stranger = small_book.agents["team-b"][0]
    headers = auth_headers(agent)
    mine = small_book.cases[agent.username][0].case_id
    theirs = small_book.cases[stranger.username][0].case_id

    def audited() -> list[AuditLog]:
        with session_factory() as s:
            return list(s.scalars(select(AuditLog).where(AuditLog.action == "export.agreement")))

    op = agreement_export_op(mine)
    assert [r["status"] for r in push(client, headers, op)] == ["applied"]
    assert [r["status"] for r in push(client, headers, op)] == ["duplicate"]
    (row,) = audited()
    assert (row.actor, row.entity, row.entity_id) == (agent.username, "case", mine)
    assert row.details["export_id"] == op["entity_id"]
    assert row.details["plan_kind"] == "restructure" and row.details["total"] == 18_000_000
    # another team's case: refused like any fact, nothing audited
    (other,) = push(client, headers, agreement_export_op(theirs))
    assert (other["status"], other["code"]) == ("rejected", "not_found")
    assert len(audited()) == 1
    # bad values are refused by the wire schema (422), nothing half-applied
    for bad in (
        {"language": "fr"},
        {"plan_kind": "gift"},
        {"payments": 0},
        {"total": -1},
        {"total": "100"},
        {"exported_at": "9999-12-31T00:00:00Z"},
    ):
        resp = client.post(
            "/sync/push", json={"ops": [agreement_export_op(mine, **bad)]}, headers=headers
        )
        assert resp.status_code == 422, (bad, resp.text)
    assert len(audited()) == 1

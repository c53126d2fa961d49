"""POST /sync/push applies a batch in one transaction, one SAVEPOINT per op: an op failing in
the database rolls back only its savepoint, the others are recorded exactly once under one
change seq; a failed COMMIT answers 5xx with nothing applied, and the resent batch applies."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AppliedOp, ChangeLog, Note, User
from tests.server.conftest import SmallBook
from tests.server.sync_helpers import note_op, push

Headers = Callable[[User], dict[str, str]]


def _count(factory: sessionmaker[Session], model: Any, *where: Any) -> int:
    with factory() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_database_failure_rolls_back_only_its_savepoint(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    taken = note_op(case_id, "already there")
    push(client, headers, taken)
    notes_before = _count(session_factory, Note)
    # the clash passes every check in Python and fails on the notes primary key
    clash = note_op(case_id, "clash", entity_id=taken["entity_id"])
    dangling = note_op(case_id, "amends nothing", amends=str(uuid.uuid4()))
    good = [note_op(case_id, f"kept {i}") for i in range(3)]
    batch = [good[0], clash, good[1], dangling, good[2]]
    results = push(client, headers, *batch)
    assert [r["status"] for r in results] == [
        "applied",
        "rejected",
        "applied",
        "rejected",
        "applied",
    ]
    assert [results[1]["code"], results[3]["code"]] == ["conflict", "invalid_reference"]
    assert _count(session_factory, Note) == notes_before + 3
    kept_ids = [op["entity_id"] for op in good]
    with session_factory() as session:
        assert set(session.scalars(select(Note.text).where(Note.id.in_(kept_ids)))) == {
            "kept 0",
            "kept 1",
            "kept 2",
        }
        assert session.get(Note, taken["entity_id"]).text == "already there"  # type: ignore[union-attr]
        applied = set(session.scalars(select(AppliedOp.op_id).where(AppliedOp.user_id == agent.id)))
        changes = session.execute(
            select(ChangeLog.entity_id, ChangeLog.seq).where(
                ChangeLog.entity == "note",
                ChangeLog.entity_id.in_([*kept_ids, taken["entity_id"], dangling["entity_id"]]),
            )
        ).all()
    assert {op["op_id"] for op in good} <= applied
    assert not {clash["op_id"], dangling["op_id"]} & applied
    batch_changes = [(e, s) for e, s in changes if e in kept_ids]
    assert sorted(e for e, _ in batch_changes) == sorted(kept_ids)  # each exactly once
    assert len({s for _, s in batch_changes}) == 1  # one seq for the whole batch
    assert [e for e, _ in changes].count(taken["entity_id"]) == 1  # the clash left no row
    assert dangling["entity_id"] not in [e for e, _ in changes]
    # resending the batch applies nothing twice
    again = push(client, headers, *batch)
    assert [r["status"] for r in again] == [
        "duplicate",
        "rejected",
        "duplicate",
        "rejected",
        "duplicate",
    ]
    assert _count(session_factory, Note) == notes_before + 3


def test_same_op_twice_in_one_batch(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][0]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    op = note_op(case_id, "twice")
    results = push(client, headers, op, op)
    assert [r["status"] for r in results] == ["applied", "duplicate"]
    assert _count(session_factory, Note, Note.id == op["entity_id"]) == 1
    assert _count(session_factory, AppliedOp, AppliedOp.op_id == op["op_id"]) == 1


@pytest.fixture
def failing_commit() -> Iterator[list[int]]:
    """The next outer COMMIT that carries note changes fails (once); yields the failure count."""
    failed: list[int] = []

    def boom(session: Session) -> None:
        rows = session.info.get("collection_desk.change_rows") or []
        outer = not session.in_nested_transaction()
        if outer and not failed and any(r["entity"] == "note" for r in rows):
            failed.append(1)
            raise RuntimeError("commit failed")

    event.listen(Session, "before_commit", boom, insert=True)  # before the rows are stamped
    try:
        yield failed
    finally:
        event.remove(Session, "before_commit", boom)


def test_failed_commit_answers_5xx_and_the_resent_batch_applies(
    app: FastAPI,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
    failing_commit: list[int],
) -> None:
    agent = small_book.agents["team-a"][1]
    headers = auth_headers(agent)
    case_id = small_book.cases[agent.username][0].case_id
    ops = [note_op(case_id, f"resent {i}") for i in range(3)]
    ids = [op["entity_id"] for op in ops]
    with TestClient(app, raise_server_exceptions=False) as c:
        resp = c.post("/sync/push", json={"ops": ops}, headers=headers)
        assert resp.status_code >= 500
        assert failing_commit == [1]
        assert _count(session_factory, Note, Note.id.in_(ids)) == 0
        assert _count(session_factory, AppliedOp, AppliedOp.user_id == agent.id) == 0
        assert [r["status"] for r in push(c, headers, *ops)] == ["applied"] * 3
    assert _count(session_factory, Note, Note.id.in_(ids)) == 3

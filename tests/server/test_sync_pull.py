"""GET /sync/changes: scope, paging, tombstones, 410, and convergence from any cursor."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.server.changes import record_change
from app.server.models import Case, ChangeCounter, User
from app.server.services.assignment import assign_case
from tests.server.conftest import SmallBook
from tests.server.sync_helpers import (
    Store,
    apply_page,
    case_update_op,
    full_state,
    note_op,
    pull_all,
    push,
)

Headers = Callable[[User], dict[str, str]]


def _cases(store: Store) -> set[str]:
    return {i for (e, i) in store if e == "case"}


def test_full_sync_is_scoped_per_role(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    own = {c.case_id for c in small_book.cases[agent.username]}
    team_a = {c.case_id for a in small_book.agents["team-a"] for c in small_book.cases[a.username]}
    assert _cases(full_state(client, auth_headers(agent))) == own
    assert _cases(full_state(client, auth_headers(small_book.leads["team-a"]))) == team_a
    assert len(_cases(full_state(client, auth_headers(small_book.admin)))) == 8


def test_bundle_is_complete_and_masked(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    store = full_state(client, auth_headers(agent))
    case = store[("case", seeded.case_id)]
    assert case["assigned_to"] == agent.username and case["team"] == "team-a"
    loan = store[("loan", seeded.loan_id)]
    assert len(loan["installments"]) == 36 and loan["vehicle"]["plate"] == "京A3F2K9"
    borrower = store[("borrower", seeded.borrower_id)]
    assert borrower["id_number_masked"] == "110105********1234"
    text = str(store)
    assert "13812345678" not in text and "110105199001011234" not in text


def test_paging_with_small_limit_matches_one_page(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    headers = auth_headers(small_book.admin)
    one: Store = {}
    pull_all(client, headers, one, limit=1000)
    paged: Store = {}
    first = client.get("/sync/changes", params={"limit": 3}, headers=headers).json()
    assert first["has_more"] is True
    apply_page(paged, first)
    pull_all(client, headers, paged, cursor=first["cursor"], limit=3)
    assert paged == one


def test_incremental_sends_only_new_work(
    client: TestClient, small_book: SmallBook, auth_headers: Headers
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    store: Store = {}
    cursor = pull_all(client, headers, store)
    case_id = small_book.cases[agent.username][0].case_id
    op = note_op(case_id, "first call")
    assert push(client, headers, op)[0]["status"] == "applied"
    page = client.get("/sync/changes", params={"cursor": cursor}, headers=headers).json()
    assert [(u["entity"], u["id"]) for u in page["upserts"]] == [("note", op["entity_id"])]
    assert page["has_more"] is False and page["tombstones"] == []
    # nothing new: same answer, empty
    again = client.get("/sync/changes", params={"cursor": page["cursor"]}, headers=headers).json()
    assert again["upserts"] == [] and again["tombstones"] == []
    # another agent's work never reaches this agent
    other = small_book.agents["team-a"][1]
    push(client, auth_headers(other), note_op(small_book.cases[other.username][0].case_id))
    third = client.get("/sync/changes", params={"cursor": page["cursor"]}, headers=headers).json()
    assert third["upserts"] == [] and third["has_more"] is False
    assert third["cursor"] != page["cursor"]  # skipped past the irrelevant change
    mine = note_op(case_id, "second call")
    push(client, headers, mine)
    fourth = client.get("/sync/changes", params={"cursor": third["cursor"]}, headers=headers)
    assert [u["id"] for u in fourth.json()["upserts"]] == [mine["entity_id"]]


def test_reassignment_tombstones_old_holder_and_sends_bundle_to_new(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    b1 = small_book.agents["team-b"][0]
    s1: Store = {}
    s2: Store = {}
    sb: Store = {}
    lead_b: Store = {}
    c1 = pull_all(client, auth_headers(a1), s1)
    c2 = pull_all(client, auth_headers(a2), s2)
    cb = pull_all(client, auth_headers(b1), sb)
    cl = pull_all(client, auth_headers(small_book.leads["team-b"]), lead_b)
    moved = small_book.cases[a1.username][0]
    push(client, auth_headers(a1), note_op(moved.case_id, "before the move"))
    with session_factory() as session:
        case = session.get(Case, moved.case_id)
        assert case is not None
        assign_case(session, case, to_user=a2)
        session.commit()
    pull_all(client, auth_headers(a1), s1, c1)
    pull_all(client, auth_headers(a2), s2, c2)
    assert moved.case_id not in _cases(s1)
    assert not [k for k, v in s1.items() if v.get("case_id") == moved.case_id]
    assert moved.case_id in _cases(s2)
    notes = [v for (e, _), v in s2.items() if e == "note"]
    assert [n["text"] for n in notes] == ["before the move"]
    assert ("loan", moved.loan_id) in s2 and ("borrower", moved.borrower_id) in s2
    # to another team: the old team's lead loses it, the new team's lead and agent get it
    with session_factory() as session:
        case = session.get(Case, moved.case_id)
        assert case is not None
        assign_case(session, case, to_user=b1)
        session.commit()
    lead_a: Store = full_state(client, auth_headers(small_book.leads["team-a"]))
    assert moved.case_id not in _cases(lead_a)
    pull_all(client, auth_headers(b1), sb, cb)
    pull_all(client, auth_headers(small_book.leads["team-b"]), lead_b, cl)
    assert moved.case_id in _cases(sb) and moved.case_id in _cases(lead_b)


def test_closed_case_is_tombstoned(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][1]
    headers = auth_headers(agent)
    store: Store = {}
    cursor = pull_all(client, headers, store)
    closing = small_book.cases[agent.username][1].case_id
    with session_factory() as session:
        session.execute(update(Case).where(Case.id == closing).values(status="closed"))
        record_change(session, entity="case", entity_id=closing, case_id=closing)
        session.commit()
    page = client.get("/sync/changes", params={"cursor": cursor}, headers=headers).json()
    assert page["tombstones"] == [{"entity": "case", "id": closing, "reason": "closed"}]
    apply_page(store, page)
    assert _cases(store) == {small_book.cases[agent.username][0].case_id}


def test_bad_cursors_answer_410(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    headers = auth_headers(agent)
    cursor = pull_all(client, headers, {})
    for bad in ("garbage!", base64.urlsafe_b64encode(b"1|x|1|i|0|0").decode()):
        resp = client.get("/sync/changes", params={"cursor": bad}, headers=headers)
        assert resp.status_code == 410
        assert resp.json()["error"]["code"] == "cursor_expired"
    # another user's cursor
    other = auth_headers(small_book.agents["team-a"][1])
    assert client.get("/sync/changes", params={"cursor": cursor}, headers=other).status_code == 410
    # a cursor older than the retained log
    push(client, headers, note_op(small_book.cases[agent.username][0].case_id))
    with session_factory() as session:
        session.execute(update(ChangeCounter).values(pruned_through=ChangeCounter.value))
        session.commit()
    resp = client.get("/sync/changes", params={"cursor": cursor}, headers=headers)
    assert resp.status_code == 410


def test_limit_bounds(client: TestClient, small_book: SmallBook, auth_headers: Headers) -> None:
    headers = auth_headers(small_book.admin)
    for bad in (0, 1001):
        resp = client.get("/sync/changes", params={"limit": bad}, headers=headers)
        assert resp.status_code == 422
        assert resp.json()["error"]["code"] == "validation_error"
    assert client.get("/sync/changes").status_code == 401


def test_replay_from_any_cursor_converges(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
    make_case: Callable[..., object],
) -> None:
    """Pull after every step and keep (cursor, state); replaying from each saved point to the
    end yields exactly the state of a fresh full sync."""
    a1, a2 = small_book.agents["team-a"]
    lead = small_book.leads["team-a"]
    h1 = auth_headers(a1)
    mine = [c.case_id for c in small_book.cases[a1.username]]
    theirs = [c.case_id for c in small_book.cases[a2.username]]

    def move(case_id: str, to: User) -> None:
        with session_factory() as session:
            case = session.get(Case, case_id)
            assert case is not None
            assign_case(session, case, to_user=to)
            session.commit()

    def close(case_id: str) -> None:
        with session_factory() as session:
            session.execute(update(Case).where(Case.id == case_id).values(status="closed"))
            record_change(session, entity="case", entity_id=case_id, case_id=case_id)
            session.commit()

    steps: list[Callable[[], object]] = [
        lambda: push(client, h1, note_op(mine[0], "n1"), note_op(mine[1], "n2")),
        lambda: move(theirs[0], a1),
        lambda: push(client, h1, note_op(theirs[0], "on the new case")),
        lambda: move(mine[0], a2),
        lambda: push(client, h1, note_op(mine[0], "late note for the moved case")),
        lambda: push(client, h1, case_update_op(mine[1], 0, flags=["hardship"])),
        lambda: make_case(a1, dpd=70),
        lambda: move(mine[0], a1),
        lambda: close(mine[1]),
        lambda: push(client, auth_headers(a2), note_op(theirs[1], "not mine")),
    ]
    for who in (a1, lead):
        headers = auth_headers(who)
        saved: list[tuple[str | None, Store]] = [(None, {})]
        store: Store = {}
        cursor = pull_all(client, headers, store)
        saved.append((cursor, copy.deepcopy(store)))
        for step in steps:
            step()
            cursor = pull_all(client, headers, store, cursor, limit=2)
            saved.append((cursor, copy.deepcopy(store)))
        steps = []  # the second user replays the same history
        truth = full_state(client, headers)
        assert store == truth
        for old_cursor, old_state in saved:
            replay = copy.deepcopy(old_state)
            pull_all(client, headers, replay, old_cursor, limit=3)
            assert replay == truth


def test_set_based_reassignment_and_loan_changes_reach_the_right_people(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Headers,
    session_factory: sessionmaker[Session],
) -> None:
    from sqlalchemy import literal, select

    from app.server.changes import record_reassignments_sql

    a1, a2 = small_book.agents["team-b"]
    h1, h2 = auth_headers(a1), auth_headers(a2)
    s1: Store = {}
    s2: Store = {}
    c1 = pull_all(client, h1, s1)
    c2 = pull_all(client, h2, s2)
    moved = [c.case_id for c in small_book.cases[a1.username]]
    with session_factory() as session:
        record_reassignments_sql(
            session,
            select(Case.id, Case.assigned_to_id, Case.team_id, literal(a2.id), Case.team_id).where(
                Case.id.in_(moved)
            ),
        )
        session.execute(update(Case).where(Case.id.in_(moved)).values(assigned_to_id=a2.id))
        session.commit()
    pull_all(client, h1, s1, c1)
    pull_all(client, h2, s2, c2)
    assert _cases(s1) == set()
    assert _cases(s2) >= set(moved)
    # a loan-level change without a case id reaches whoever holds the loan's case
    loan_id = small_book.cases[a1.username][0].loan_id
    cursor = pull_all(client, h2, s2)
    cursor1 = pull_all(client, h1, s1)
    with session_factory() as session:
        record_change(session, entity="loan", entity_id=loan_id, case_id=None)
        session.commit()
    page = client.get("/sync/changes", params={"cursor": cursor}, headers=h2).json()
    assert [(u["entity"], u["id"]) for u in page["upserts"]] == [("loan", loan_id)]
    other = client.get("/sync/changes", params={"cursor": cursor1}, headers=h1).json()
    assert other["upserts"] == [] and other["tombstones"] == []

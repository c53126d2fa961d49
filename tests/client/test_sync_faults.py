"""Sync against the real server over HTTP, with faults injected between them.

Invariant after every scenario (`converged`): every note the desk saved exists exactly
once on the server, the outbox is empty or holds only visible rejected ops, and the local
store equals the server's view (a fresh full pull into a new store gives the same rows).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.client import outbox
from app.client.store.apply import apply_upserts
from app.server import changes
from app.server.models import AuthToken, Case, CaseAssignment, Note, User
from app.server.services.assignment import assign_case
from tests.client import factories as f
from tests.client.conftest import TEST_PASSWORD
from tests.client.faults import KilledMidway
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.server.conftest import business_today

pytestmark = pytest.mark.usefixtures("memory_keyring")

SF = sessionmaker[Session]


def server_notes(sf: SF, ids: list[str]) -> dict[str, int]:
    with sf() as s:
        rows = s.execute(
            select(Note.id, func.count()).where(Note.id.in_(ids)).group_by(Note.id)
        ).all()
    return {r[0]: int(r[1]) for r in rows}


def note_ids(d: Desk) -> list[str]:
    return [r[0] for r in d.store.connection().execute("SELECT id FROM notes")]


def converged(
    d: Desk,
    sf: SF,
    saved: list[str],
    tmp_path: Path,
    *,
    rejected: int = 0,
    local_only: frozenset[str] = frozenset(),
) -> None:
    accepted = [i for i in saved if i not in _rejected_entities(d)]
    assert server_notes(sf, accepted) == dict.fromkeys(accepted, 1)
    assert d.outbox_statuses() == ["rejected"] * rejected
    report = d.sync()
    assert report.outcome == "ok", report.summary()
    fresh = Desk(d.url, d.username, TEST_PASSWORD, tmp_path / f"fresh{len(saved)}")
    assert fresh.sync().outcome == "ok"
    mine = d.snapshot()
    for rid in local_only:  # records planted locally by the test, unknown to the server
        for rows in mine.values():
            rows.pop(rid, None)
    theirs = fresh.snapshot()
    for table in mine:
        assert mine[table].keys() == theirs[table].keys(), table
        for rid in mine[table]:
            assert mine[table][rid] == theirs[table][rid], (table, rid)


def _rejected_entities(d: Desk) -> set[str]:
    return {
        r[0]
        for r in d.store.connection().execute(
            "SELECT entity_id FROM outbox WHERE status='rejected'"
        )
    }


def save_notes(d: Desk, case_id: str, n: int) -> list[str]:
    before = set(note_ids(d))
    for i in range(n):
        d.desk.save_note(case_id, f"note {i} 客户承诺周五还款", "right_party")
    return [i for i in note_ids(d) if i not in before]


def hand_over(sf: SF, case_id: str, to: User, *, ago: timedelta = timedelta(0)) -> None:
    """Hand the case over on the server (the real service), `ago` in the past."""
    with sf() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assign_case(s, case, to_user=to)
        s.flush()
        for row in s.scalars(select(CaseAssignment).where(CaseAssignment.case_id == case_id)):
            row.assigned_at -= ago
            if row.ended_at is not None:
                row.ended_at -= ago
        assert case.assigned_at is not None
        case.assigned_at -= ago
        s.commit()


# --- scenarios -------------------------------------------------------------------------


def test_first_sync_pulls_the_agents_cases(desk: Desk, cases: list[str]) -> None:
    page = desk.desk.worklist(f_query())
    assert {r.case_id for r in page.rows} == set(cases)
    detail = desk.desk.case_detail(cases[0])
    assert detail.loan.plate and detail.borrower.phones
    again = desk.sync()
    assert again.outcome == "ok" and again.pulled_upserts == 0 and again.pushed_applied == 0
    assert desk.desk.sync_status().state == "online"


def f_query() -> Any:
    from app.client.views import WorklistQuery

    return WorklistQuery(limit=100)


def test_note_typed_offline_reaches_server_exactly_once(
    desk: Desk, live: LiveServer, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    live.stop()
    saved = save_notes(desk, cases[0], 1)
    report = desk.sync()
    assert report.outcome == "offline"
    assert desk.desk.sync_status().state == "offline"
    assert desk.desk.sync_status().pending_ops == 1
    live.start()
    report = desk.sync()
    assert report.outcome == "ok" and report.pushed_applied == 1
    converged(desk, session_factory, saved, tmp_path)
    note = desk.desk.case_detail(cases[0]).notes[0]
    assert not note.pending and note.author == desk.username


def test_response_dropped_after_server_committed(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[1], 3)
    desk.faults.add("/sync/push", "drop_after")
    assert desk.sync().outcome == "offline"
    assert server_notes(session_factory, saved)  # the server did apply the first batch
    assert desk.desk.sync_status().pending_ops == 3
    report = desk.sync()
    assert report.outcome == "ok"
    assert report.pushed_duplicate == 2 and report.pushed_applied == 1
    converged(desk, session_factory, saved, tmp_path)


def test_server_restarted_mid_batch(
    desk: Desk, live: LiveServer, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[2], 5)  # batches of 2: the 2nd batch dies with the server
    desk.faults.add("/sync/push", "drop_after", skip=1, hook=live.stop)
    assert desk.sync().outcome == "offline"
    live.start()
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert report.pushed_duplicate == 2 and report.pushed_applied == 1
    converged(desk, session_factory, saved, tmp_path)


def test_client_killed_mid_push(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[3], 4)
    desk.faults.add("/sync/push", "kill_after")
    with pytest.raises(KilledMidway):
        desk.sync()
    reborn = desk.reopen()  # same store file, token from the keyring
    assert reborn.desk.sync_status().pending_ops == 4
    report = reborn.sync()
    assert report.outcome == "ok" and report.pushed_duplicate == 2
    converged(reborn, session_factory, saved, tmp_path)


def test_token_expired_mid_sync(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[0], 3)

    def expire_access_tokens() -> None:
        with session_factory() as s:
            s.execute(
                update(AuthToken)
                .where(AuthToken.kind == "access")
                .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
            s.commit()

    desk.faults.add("/sync/push", "drop_after", hook=expire_access_tokens)
    assert desk.sync().outcome == "offline"
    report = desk.sync()  # 401 -> refresh -> retried
    assert report.outcome == "ok", report.summary()
    assert any(p.endswith("/auth/refresh") for _, p, _ in desk.faults.log)
    converged(desk, session_factory, saved, tmp_path)


def test_case_reassigned_while_offline_with_pending_notes(
    desk: Desk,
    live: LiveServer,
    cases: list[str],
    make_user: Callable[..., User],
    session_factory: SF,
    tmp_path: Path,
) -> None:
    other = make_user("agent", "team-1", username="agent-z")
    live.stop()
    saved = save_notes(desk, cases[4], 2)
    hand_over(session_factory, cases[4], other)  # after the notes were written
    live.start()
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert report.pushed_applied == 2  # the work happened: facts are still recorded
    ids = {r.case_id for r in desk.desk.worklist(f_query()).rows}
    assert cases[4] not in ids and len(ids) == 4
    assert (
        not desk.store.connection()
        .execute("SELECT 1 FROM notes WHERE case_id=?", (cases[4],))
        .fetchall()
    )
    converged(desk, session_factory, saved, tmp_path)
    theirs = Desk(live.url, "agent-z", TEST_PASSWORD, tmp_path / "z")
    assert theirs.sync().outcome == "ok"
    assert {n.id for n in theirs.desk.case_detail(cases[4]).notes} == set(saved)


def test_fact_made_after_the_handover_stays_in_needs_attention(
    desk: Desk,
    live: LiveServer,
    cases: list[str],
    make_user: Callable[..., User],
    session_factory: SF,
    tmp_path: Path,
) -> None:
    """The case was handed over an hour ago; the desk, not synced since, still shows it and
    the agent writes a note and a promise on it. The server refuses both (`case_not_held`:
    not made while the agent held the case); they stay under "needs attention" after the
    pull removed the case, sync after sync, until the agent discards them."""
    other = make_user("agent", "team-1", username="agent-y")
    hand_over(session_factory, cases[2], other, ago=timedelta(hours=1))
    late = save_notes(desk, cases[2], 1)
    desk.desk.add_promise(
        cases[2], amount_fen=10_000, promised_on=business_today() + timedelta(days=3)
    )
    good = save_notes(desk, cases[0], 1)
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert (report.pushed_applied, report.pushed_rejected) == (1, 2)
    assert cases[2] not in {r.case_id for r in desk.desk.worklist(f_query()).rows}
    for _ in range(2):  # never silently dropped, however often the desk syncs
        attention = desk.desk.needs_attention()
        assert sorted(a.kind for a in attention) == ["note.create", "promise.create"]
        assert {a.code for a in attention} == {"case_not_held"}
        assert all(a.case_id == cases[2] and a.message for a in attention)
        assert late[0] in {a.entity_id for a in attention}
        assert desk.desk.sync_status().rejected_ops == 2
        assert desk.sync().outcome == "ok"
    with session_factory() as s:
        assert s.get(Note, late[0]) is None
    local = {a.entity_id for a in attention}
    converged(desk, session_factory, good, tmp_path, rejected=2, local_only=frozenset(local))
    for a in attention:
        desk.desk.discard_rejected(a.op_id)
    assert desk.outbox_statuses() == []


def test_garbage_response_changes_nothing(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    before = desk.snapshot()
    desk.faults.add("/sync/changes", "garbage")
    report = desk.sync()
    assert report.outcome == "error" and "BadResponse" in (report.error or "")
    assert desk.snapshot() == before
    assert desk.desk.sync_status().state == "error"
    converged(desk, session_factory, [], tmp_path)


def test_expired_cursor_resyncs_and_keeps_the_outbox(
    desk: Desk, live: LiveServer, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[1], 1)
    ghost = f.book(1, start=900)  # a case the server no longer shows this user
    with desk.store.transaction() as tx:
        apply_upserts(tx, ghost, gen=1)
        tx.execute("UPDATE sync_state SET value='bm90LWEtY3Vyc29y' WHERE key='cursor'")
        # queue nothing: push the note only after the resync, to prove the outbox survives
    desk.faults.add("/sync/push", "drop_before")
    report = desk.sync()
    assert report.outcome == "offline"
    report = desk.sync()
    assert report.outcome == "ok" and report.full_resync, report.summary()
    assert ghost[2]["id"] not in {r.case_id for r in desk.desk.worklist(f_query()).rows}
    converged(desk, session_factory, saved, tmp_path)


def test_injected_410_triggers_full_resync(desk: Desk, session_factory: SF, tmp_path: Path) -> None:
    desk.faults.add("/sync/changes", "status:410")
    report = desk.sync()
    assert report.outcome == "ok" and report.full_resync and report.pulled_upserts > 0
    converged(desk, session_factory, [], tmp_path)


def test_mass_removal_pauses_until_confirmed(
    desk: Desk,
    cases: list[str],
    make_user: Callable[..., User],
    session_factory: SF,
    tmp_path: Path,
) -> None:
    desk.engine.mass_removal_min = 1
    other = make_user("agent", "team-1", username="agent-q")
    with session_factory() as s:
        for cid in cases[:3]:
            case = s.get(Case, cid)
            assert case is not None
            changes.record_change(
                s,
                entity="case",
                entity_id=cid,
                case_id=cid,
                kind="assign",
                from_user_id=case.assigned_to_id,
                from_team_id=case.team_id,
                to_user_id=other.id,
                to_team_id=case.team_id,
            )
            case.assigned_to_id = other.id
        s.commit()
    report = desk.sync()
    assert report.outcome == "paused" and report.pending_removal == 3
    assert desk.desk.sync_status().paused_mass_removal == 3
    assert desk.desk.worklist(f_query()).total == 5
    report = desk.sync(confirm_mass_removal=True)
    assert report.outcome == "ok"
    assert desk.desk.worklist(f_query()).total == 2
    assert desk.desk.sync_status().paused_mass_removal == 0
    converged(desk, session_factory, [], tmp_path)


def test_rejected_op_does_not_block_the_rest(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    foreign = f.book(1, start=700)  # a case this agent may not write to
    with desk.store.transaction() as tx:
        apply_upserts(tx, foreign, gen=0)
    bad = save_notes(desk, foreign[2]["id"], 1)
    good = save_notes(desk, cases[0], 2)
    # and one op the server cannot even parse (too long), which makes the batch a 422
    with desk.store.transaction() as tx:
        outbox.enqueue(
            tx,
            kind="note.create",
            case_id=cases[1],
            entity_id=f.uid(),
            payload={"text": "x" * 20_000, "created_at": datetime.now(UTC).isoformat()},
        )
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert report.pushed_applied == 2 and report.pushed_rejected == 2
    attention = desk.desk.needs_attention()
    assert len(attention) == 2 and all(a.code for a in attention)
    assert {a.entity_id for a in attention} >= set(bad)
    assert desk.desk.sync_status().rejected_ops == 2
    converged(
        desk,
        session_factory,
        good,
        tmp_path,
        rejected=2,
        local_only=frozenset(r["id"] for r in foreign),
    )
    for a in attention:
        desk.desk.discard_rejected(a.op_id)
    assert desk.outbox_statuses() == []


def test_progress_and_cancellation(
    live: LiveServer, agent: User, cases: list[str], tmp_path: Path
) -> None:
    from app.client.views import CancelToken

    d = Desk(live.url, agent.username, TEST_PASSWORD, tmp_path / "p", page_size=2)
    cancel = CancelToken()
    seen: list[tuple[str, int, int | None]] = []

    def progress(phase: str, done: int, total: int | None) -> None:
        seen.append((phase, done, total))
        if len(seen) == 2:
            cancel.cancel()  # the user pressed Cancel during the first sync

    report = d.sync(cancel=cancel, progress=progress)
    assert report.outcome == "cancelled" and report.pages == 2
    assert [p for p, _, _ in seen] == ["pull", "pull"] and seen[1][1] > seen[0][1] > 0
    kept = d.desk.worklist(f_query()).total
    assert 0 < kept < 5  # what was pulled is kept; the cursor resumes from there
    report = d.sync()
    assert report.outcome == "ok" and d.desk.worklist(f_query()).total == 5


def test_revoked_sign_in_keeps_the_outbox_until_signed_in_again(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[0], 2)
    with session_factory() as s:
        s.execute(update(AuthToken).values(revoked_at=datetime.now(UTC)))
        s.commit()
    report = desk.sync()
    assert report.outcome == "unauthorized"
    status = desk.desk.sync_status()
    assert status.state == "error" and status.pending_ops == 2 and status.last_error
    desk.session.login(TEST_PASSWORD)
    assert desk.sync().outcome == "ok"
    converged(desk, session_factory, saved, tmp_path)


def test_server_error_on_push_is_retried_next_cycle(
    desk: Desk, cases: list[str], session_factory: SF, tmp_path: Path
) -> None:
    saved = save_notes(desk, cases[2], 1)
    desk.faults.add("/sync/push", "status:500")
    report = desk.sync()
    assert report.outcome == "error" and "ServerError" in (report.error or "")
    attempts = desk.store.connection().execute("SELECT attempts FROM outbox").fetchone()[0]
    assert attempts == 1
    assert desk.sync().outcome == "ok"
    converged(desk, session_factory, saved, tmp_path)

"""Case flags edited on the desk (`DeskService.set_case_flags`): applied locally at once,
queued as `case.update`, chained while offline, kept over pulled copies until answered,
rolled back and retried on a conflict. Against the real in-process server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.client.desk_service import CaseNotFound
from app.domain.errors import DomainError
from app.server.models import AuditLog, Case
from tests.client.harness import Desk
from tests.client.live import LiveServer
from tests.server.conftest import TEST_PASSWORD

SF = sessionmaker[Session]


def _as_agent(live: LiveServer, agent: Any) -> httpx.Client:
    """Another client of the same agent, straight to the API (a second desk, the web)."""
    token = httpx.post(
        f"{live.url}/auth/token",
        json={"username": agent.username, "password": TEST_PASSWORD},
        timeout=10,
    ).json()["access_token"]
    return httpx.Client(base_url=live.url, timeout=10, headers={"Authorization": f"Bearer {token}"})


def _server_case(session_factory: SF, cid: str) -> tuple[list[str], bool, int]:
    with session_factory() as s:
        case = s.get(Case, cid)
        assert case is not None
        return sorted(case.flags), case.debtor_unreachable, case.version


def test_flags_apply_at_once_and_reach_the_server_once(
    desk: Desk, cases: list[str], session_factory: SF
) -> None:
    cid = cases[0]
    # a night-time instant, so the only reason the policy refuses is ours
    noon = datetime.now(UTC).replace(hour=4, minute=0, second=0, microsecond=0)
    before = desk.desk.case_detail(cid, now=noon)
    assert before.case.flags == () and any(p.allowed for p in before.policy)
    changes = desk.desk.set_case_flags(cid, ["cease", "dispute"])
    assert cid in changes.case_ids and changes.worklist
    after = desk.desk.case_detail(cid, now=noon)
    assert after.case.flags == ("cease", "dispute")
    assert not any(p.allowed for p in after.policy)  # cease: no call allowed, offline already
    assert desk.desk.set_case_flags(cid, ["dispute", "cease"]).case_ids == frozenset()  # same
    desk.faults.add("/sync/push", "drop_after")  # the server applied it; the answer is lost
    assert desk.sync().outcome == "offline"
    report = desk.sync()
    assert report.outcome == "ok", report.summary()
    assert desk.outbox_statuses() == []
    flags, unreachable, version = _server_case(session_factory, cid)
    assert (flags, unreachable, version) == (["cease", "dispute"], False, 1)  # applied once
    assert desk.desk.case_detail(cid).case.version == 1
    with session_factory() as s:
        audits = s.scalars(
            select(AuditLog).where(AuditLog.action == "case.update", AuditLog.entity_id == cid)
        ).all()
    assert len(audits) == 1


def test_edits_made_offline_are_chained(desk: Desk, cases: list[str], session_factory: SF) -> None:
    cid = cases[1]
    desk.desk.set_case_flags(cid, ["hardship"])
    desk.desk.set_case_flags(cid, ["hardship", "complaint"])
    desk.desk.set_case_flags(cid, ["complaint"], debtor_unreachable=True)
    bases = [
        r[0]
        for r in desk.store.connection().execute(
            "SELECT base_version FROM outbox WHERE case_id=? ORDER BY seq", (cid,)
        )
    ]
    assert bases == [0, 1, 2]
    report = desk.sync()
    assert report.outcome == "ok" and report.pushed_applied == 3, report.summary()
    assert _server_case(session_factory, cid) == (["complaint"], True, 3)
    detail = desk.desk.case_detail(cid).case
    assert (detail.flags, detail.debtor_unreachable, detail.version) == (("complaint",), True, 3)


def test_a_pulled_copy_does_not_undo_an_unanswered_edit(
    desk: Desk, cases: list[str], live: LiveServer, agent: Any, session_factory: SF
) -> None:
    cid = cases[2]
    # a call logged elsewhere changes the case row on the server (last contact): the next
    # pull brings the whole case, flags as the server has them (none)
    call = {
        "id": "6f1c0a3e-0000-4000-8000-000000000001",
        "channel": "outbound_call",
        "disposition": "no_answer",
        "started_at": datetime.now(UTC).isoformat(),
    }
    with _as_agent(live, agent) as http:
        assert http.post(f"/cases/{cid}/contacts", json=call).status_code == 201
    # the agent ticks "legal hold" while the sync is pulling (after its first push): the
    # pulled copy of the case still has no flag, and is stored before our op is sent
    desk.faults.add(
        "/sync/changes", "hook", hook=lambda: desk.desk.set_case_flags(cid, ["legal_hold"])
    )
    report = desk.sync()
    assert report.outcome == "ok" and report.pushed_applied == 1, report.summary()
    assert desk.desk.case_detail(cid).case.flags == ("legal_hold",)
    assert _server_case(session_factory, cid)[0] == ["legal_hold"]
    assert desk.sync().outcome == "ok"
    assert desk.desk.case_detail(cid).case.flags == ("legal_hold",)


def test_a_conflicting_edit_shows_the_servers_flags_and_can_be_retried(
    desk: Desk,
    cases: list[str],
    live: LiveServer,
    agent: Any,
    session_factory: SF,
) -> None:
    cid = cases[3]
    desk.desk.set_case_flags(cid, ["do_not_call"])
    # meanwhile the case was edited on the server (another desk of the same agent)
    other = {
        "ops": [
            {
                "op_id": "0b7d3c1e-0000-4000-8000-000000000002",
                "kind": "case.update",
                "case_id": cid,
                "entity_id": cid,
                "base_version": 0,
                "payload": {"flags": ["dispute"]},
            }
        ]
    }
    with _as_agent(live, agent) as http:
        assert http.post("/sync/push", json=other).json()["results"][0]["status"] == "applied"
    report = desk.sync()
    assert report.pushed_rejected == 1
    rejected = desk.desk.needs_attention()
    assert [r.code for r in rejected] == ["stale_version"]
    assert desk.desk.case_detail(cid).case.flags == ("dispute",)  # the server's, not ours
    desk.desk.retry_rejected(rejected[0].op_id)  # the agent insists: theirs goes over
    assert desk.desk.case_detail(cid).case.flags == ("do_not_call",)
    assert desk.sync().outcome == "ok"
    assert desk.desk.needs_attention() == ()
    assert _server_case(session_factory, cid) == (["do_not_call"], False, 2)


def test_bad_flags_and_unknown_cases_are_refused(desk: Desk, cases: list[str]) -> None:
    with pytest.raises(DomainError):
        desk.desk.set_case_flags(cases[0], ["vip"])
    with pytest.raises(CaseNotFound):
        desk.desk.set_case_flags("9d0f0000-0000-4000-8000-000000000000", ["cease"])
    assert desk.outbox_statuses() == []
    assert desk.desk.case_detail(cases[0]).case.flags == ()

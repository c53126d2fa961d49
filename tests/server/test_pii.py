"""PII reveal (a reason code, a meaningful note, scoped, audited without the clear value) and
audit search."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.desk import REVEAL_REASONS
from app.server.models import AuditLog, User
from tests.server.conftest import SmallBook, due_callback

REASON = "verify_identity"
NOTE = "核实身份后回拨本人"


def test_reveal_each_field_and_audit(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    h = auth_headers(agent)
    url = f"/cases/{seeded.case_id}/reveal"
    got = client.post(url, json={"field": "id_number", "reason": REASON}, headers=h)
    assert got.status_code == 200, got.text
    assert got.json() == {"field": "id_number", "phone_id": None, "value": "110105199001011234"}
    phone = client.post(
        url,
        json={
            "field": "phone",
            "phone_id": seeded.phone_ids[1],
            "reason": "confirm_contact_number",
            "note": NOTE,
        },
        headers=h,
    )
    assert phone.json()["value"] == "13987654321"
    card = client.post(
        url,
        json={"field": "bank_card", "reason": "other", "note": "客户要求\u200b核对扣款卡号"},
        headers=h,
    )
    assert card.json()["value"] == "6222020200112233445"
    with session_factory() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.action == "pii.reveal").order_by(AuditLog.id)
        ).all()
    assert [
        (r.actor, r.details["field"], r.details["reason"], r.details["note"]) for r in rows
    ] == [
        (agent.username, "id_number", "verify_identity", None),
        (agent.username, "phone", "confirm_contact_number", NOTE),
        (agent.username, "bank_card", "other", "客户要求核对扣款卡号"),
    ]
    for r in rows:
        assert r.entity == "borrower" and r.entity_id == seeded.borrower_id
        assert "110105199001011234" not in str(r.details) and "13987654321" not in str(r.details)


def test_every_reason_code_is_accepted(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    url = f"/cases/{small_book.cases[agent.username][0].case_id}/reveal"
    assert REVEAL_REASONS == (
        "verify_identity",
        "confirm_contact_number",
        "payment_reconciliation",
        "complaint_or_dispute",
        "legal_proceedings",
        "other",
    )
    for reason in REVEAL_REASONS:
        body = {"field": "id_number", "reason": reason, "note": "客户来电核对 2 次"}
        assert client.post(url, json=body, headers=auth_headers(agent)).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"field": "id_number"}, "reason"),  # no reason
        ({"field": "id_number", "reason": NOTE}, "reason"),  # free text is not a reason code
        ({"field": "id_number", "reason": "curiosity"}, "reason"),
        ({"field": "id_number", "reason": "other"}, "note"),  # "other" needs a note
        ({"field": "id_number", "reason": "other", "note": None}, "note"),
        ({"field": "id_number", "reason": "other", "note": ""}, "note"),
        ({"field": "id_number", "reason": "other", "note": "    "}, "note"),  # blank
        ({"field": "id_number", "reason": "other", "note": " ok "}, "note"),  # padded
        ({"field": "id_number", "reason": REASON, "note": " 客户要求核对"}, "note"),  # padded
        ({"field": "id_number", "reason": REASON, "note": "客户要求核对\n"}, "note"),  # padded
        ({"field": "id_number", "reason": REASON, "note": "\u3000客户要求核对"}, "note"),
        ({"field": "id_number", "reason": "other", "note": "...."}, "note"),  # no letters
        ({"field": "id_number", "reason": "other", "note": "aaaa"}, "note"),  # all the same
        ({"field": "id_number", "reason": "other", "note": "AaAa!"}, "note"),
        ({"field": "id_number", "reason": "other", "note": "ok"}, "note"),  # too few
        ({"field": "id_number", "reason": "other", "note": "好" * 4}, "note"),
        # issue #18 point 3: not words (keyboard runs, dotted letters, invisible padding)
        ({"field": "id_number", "reason": "other", "note": "asdf"}, "note"),
        ({"field": "id_number", "reason": "other", "note": "qwer"}, "note"),
        ({"field": "id_number", "reason": "other", "note": "a.b.c.d."}, "note"),
        ({"field": "id_number", "reason": "other", "note": "asdf\u200b\u200b\u200b"}, "note"),
        ({"field": "id_number", "reason": "other", "note": "\u200b".join("wxyz")}, "note"),
        ({"field": "id_number", "reason": REASON, "note": "测试测试"}, "note"),
        ({"field": "id_number", "reason": REASON, "note": "\u200b\u2060\ufeff"}, "note"),
        ({"field": "id_number", "reason": REASON, "note": "核对" * 251}, "note"),  # > 500
        ({"field": "id_number", "reason": REASON, "note": 1234}, "note"),
        ({"field": "phone", "reason": REASON}, "phone_id"),  # phone without phone_id
        ({"field": "address", "reason": REASON}, "field"),
        ({"field": "id_number", "reason": REASON, "extra": 1}, "extra"),
    ],
)
def test_reveal_refuses_bad_reasons_and_notes(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
    body: dict[str, Any],
    field: str,
) -> None:
    """422 with a message naming the field; nothing revealed, nothing audited."""
    a1 = small_book.agents["team-a"][0]
    url = f"/cases/{small_book.cases[a1.username][0].case_id}/reveal"
    resp = client.post(url, json=body, headers=auth_headers(a1))
    assert resp.status_code == 422, body
    err = resp.json()["error"]
    assert f"body.{field}" in err["message"], err
    assert "value" not in resp.json()
    with session_factory() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "pii.reveal")).all() == []


def test_reveal_refusals_by_scope(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    a1, a2 = small_book.agents["team-a"]
    seeded = small_book.cases[a1.username][0]
    url = f"/cases/{seeded.case_id}/reveal"
    h = auth_headers(a1)
    other_phone = small_book.cases[a1.username][1].phone_ids[0]
    assert (
        client.post(
            url, json={"field": "phone", "phone_id": other_phone, "reason": REASON}, headers=h
        ).status_code
        == 404
    )
    assert (
        client.post(
            url, json={"field": "id_number", "reason": REASON}, headers=auth_headers(a2)
        ).status_code
        == 404
    )
    assert (
        client.post(
            url,
            json={"field": "id_number", "reason": REASON},
            headers=auth_headers(small_book.leads["team-b"]),
        ).status_code
        == 404
    )
    with session_factory() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.action == "pii.reveal")).all() == []


def test_audit_search_scope_and_filters(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    a_agent = small_book.agents["team-a"][0]
    b_agent = small_book.agents["team-b"][0]
    for agent in (a_agent, b_agent):
        case = small_book.cases[agent.username][0]
        r = client.post(
            f"/cases/{case.case_id}/reveal",
            json={"field": "id_number", "reason": REASON},
            headers=auth_headers(agent),
        )
        assert r.status_code == 200
        assert client.get(f"/cases/{case.case_id}", headers=auth_headers(agent)).status_code == 200
    lead_a = auth_headers(small_book.leads["team-a"])
    page = client.get("/audit", headers=lead_a).json()
    assert {e["actor"] for e in page["entries"]} == {a_agent.username}
    assert page["total"] == 2
    reveals = client.get("/audit", params={"action": "pii.reveal"}, headers=lead_a).json()
    assert [e["action"] for e in reveals["entries"]] == ["pii.reveal"]
    admin = auth_headers(small_book.admin)
    assert client.get("/audit", params={"action": "pii."}, headers=admin).json()["total"] == 2
    assert (
        client.get("/audit", params={"actor": b_agent.username}, headers=admin).json()["total"] == 2
    )
    assert (
        client.get("/audit", params={"actor": b_agent.username}, headers=lead_a).json()["total"]
        == 0
    )
    entity = client.get("/audit", params={"entity": "case"}, headers=admin).json()
    assert {e["action"] for e in entity["entries"]} == {"case.view"}
    assert (
        client.get("/audit", params={"since": "2099-01-01T00:00:00Z"}, headers=admin).json()[
            "total"
        ]
        == 0
    )
    newest_first = [e["at"] for e in client.get("/audit", headers=admin).json()["entries"]]
    assert newest_first == sorted(newest_first, reverse=True)
    assert client.get("/audit", headers=auth_headers(a_agent)).status_code == 403
    assert client.get("/audit", params={"limit": 501}, headers=admin).status_code == 422
    assert client.get("/audit", params={"bogus": 1}, headers=admin).status_code == 422


def test_team_agents_load(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    lead = auth_headers(small_book.leads["team-a"])
    a1 = small_book.agents["team-a"][0]
    case_id = small_book.cases[a1.username][0].case_id
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo("Asia/Shanghai")).date()
    promise = {
        "id": str(uuid.uuid4()),
        "amount": 500,
        "promised_on": today.isoformat(),
        "created_at": now.isoformat(),
    }
    assert (
        client.post(
            f"/cases/{case_id}/promises", json=promise, headers=auth_headers(a1)
        ).status_code
        == 201
    )
    callback = {"id": str(uuid.uuid4()), **due_callback(now)}
    assert (
        client.post(
            f"/cases/{case_id}/callbacks", json=callback, headers=auth_headers(a1)
        ).status_code
        == 201
    )
    agents = client.get("/team/agents", headers=lead).json()["agents"]
    assert [a["username"] for a in agents] == sorted(
        a.username for a in small_book.agents["team-a"]
    )
    assert all(a["open_cases"] == 2 and a["overdue_total"] > 0 for a in agents)
    load = {a["username"]: a for a in agents}
    assert load[a1.username]["promises_due_today"] == 1 and load[a1.username]["callbacks_due"] == 1
    other = small_book.agents["team-a"][1].username
    assert load[other]["promises_due_today"] == 0 and load[other]["callbacks_due"] == 0
    assert client.get("/team/agents", params={"team": "team-b"}, headers=lead).status_code == 404
    admin = auth_headers(small_book.admin)
    assert len(client.get("/team/agents", headers=admin).json()["agents"]) == 4
    assert (
        len(client.get("/team/agents", params={"team": "team-b"}, headers=admin).json()["agents"])
        == 2
    )
    assert (
        client.get("/team/agents", headers=auth_headers(small_book.agents["team-a"][0])).status_code
        == 403
    )

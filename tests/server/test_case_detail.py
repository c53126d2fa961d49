"""GET /cases/{id} and GET /cases/{id}/contact-check: content, masking, scope, audit."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import AuditLog, Case, User
from tests.server.conftest import SmallBook


def test_detail_content_and_masking(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][1]  # dpd 45: two overdue installments
    resp = client.get(f"/cases/{seeded.case_id}", headers=auth_headers(agent))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["case"]["id"] == seeded.case_id
    assert body["case"]["assigned_to"] == agent.username and body["case"]["team"] == "team-a"
    assert body["borrower"]["id_number_masked"] == "110105********1234"
    assert [p["number_masked"] for p in body["borrower"]["phones"]] == [
        "138****5678",
        "139****4321",
    ]
    text = resp.text
    for clear in ("110105199001011234", "13812345678", "13987654321", "6222020200112233445"):
        assert clear not in text
    states = [i["state"] for i in body["loan"]["installments"]]
    assert states[:6] == ["paid"] * 6
    assert states[6:8] == ["overdue", "overdue"]
    assert "due" in states and states[-1] == "future"
    overdue = body["overdue"]
    assert [ln["n"] for ln in overdue["lines"]] == [7, 8]
    assert overdue["lines"][0]["days_overdue"] == 45
    assert overdue["principal"] == body["case"]["overdue_principal"]
    assert overdue["total"] == sum(ln["total"] for ln in overdue["lines"])
    for key in ("contacts", "notes", "promises", "plans", "callbacks"):
        assert body[key] == []
    with session_factory() as s:
        views = s.scalars(select(AuditLog).where(AuditLog.action == "case.view")).all()
    assert [(v.actor, v.entity_id) for v in views] == [(agent.username, seeded.case_id)]


def test_detail_scope(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    a1, a2 = small_book.agents["team-a"]
    other = small_book.cases[a2.username][0].case_id
    foreign = small_book.cases[small_book.agents["team-b"][0].username][0].case_id
    assert client.get(f"/cases/{other}", headers=auth_headers(a1)).status_code == 404
    assert client.get(f"/cases/{foreign}", headers=auth_headers(a1)).status_code == 404
    lead = small_book.leads["team-a"]
    assert client.get(f"/cases/{other}", headers=auth_headers(lead)).status_code == 200
    resp = client.get(f"/cases/{foreign}", headers=auth_headers(lead))
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    missing = client.get(f"/cases/{uuid.uuid4()}", headers=auth_headers(lead))
    assert missing.status_code == 404 and missing.json() == resp.json()
    assert (
        client.get(f"/cases/{foreign}", headers=auth_headers(small_book.admin)).status_code == 200
    )
    assert client.get("/cases/not-a-uuid", headers=auth_headers(lead)).status_code == 422


def test_contact_check(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    own_phone, emergency = seeded.phone_ids
    h = auth_headers(agent)
    resp = client.get(
        f"/cases/{seeded.case_id}/contact-check", params={"phone_id": own_phone}, headers=h
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["phone_id"] == own_phone and body["profile"] == "cn"
    if body["allowed"]:
        assert body["reasons"] == [] and body["next_allowed_at"] is None
    else:  # night time in Asia/Shanghai when the test runs
        assert body["reasons"] and body["next_allowed_at"] is not None
    # an emergency contact needs "debtor unreachable" first: blocked indefinitely
    em = client.get(
        f"/cases/{seeded.case_id}/contact-check", params={"phone_id": emergency}, headers=h
    ).json()
    assert em["allowed"] is False and em["next_allowed_at"] is None
    assert em["reasons"]
    # a do-not-call flag blocks every number
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == seeded.case_id).values(flags=["do_not_call"]))
        s.commit()
    dnc = client.get(
        f"/cases/{seeded.case_id}/contact-check", params={"phone_id": own_phone}, headers=h
    ).json()
    assert dnc["allowed"] is False and dnc["next_allowed_at"] is None
    # another borrower's phone, another agent's case, no phone: refused
    other = small_book.cases[agent.username][1]
    assert (
        client.get(
            f"/cases/{seeded.case_id}/contact-check",
            params={"phone_id": other.phone_ids[0]},
            headers=h,
        ).status_code
        == 404
    )
    a2_case = small_book.cases[small_book.agents["team-a"][1].username][0]
    assert (
        client.get(
            f"/cases/{a2_case.case_id}/contact-check",
            params={"phone_id": a2_case.phone_ids[0]},
            headers=h,
        ).status_code
        == 404
    )
    assert client.get(f"/cases/{seeded.case_id}/contact-check", headers=h).status_code == 422
    extra = {"phone_id": own_phone, "at": "2026-01-01"}
    assert (
        client.get(f"/cases/{seeded.case_id}/contact-check", params=extra, headers=h).status_code
        == 422
    )

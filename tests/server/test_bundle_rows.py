"""The set-based bundle loader of the sync feed answers exactly what the ORM + pydantic
reference answers (same entities, same payloads, same JSON text), and the feed route's
page is a valid ChangesResponse."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.protocol.sync import ChangesResponse
from app.server.models import Case, Payment, User
from app.server.services import bundle_rows
from tests.server import bundle_reference
from tests.server.conftest import SmallBook, business_today, later_callback


def _record_everything(client: TestClient, h: dict[str, str], case_id: str, phone_id: str) -> None:
    now = datetime.now(UTC)
    bodies: dict[str, dict[str, Any]] = {
        "notes": {"text": "借款人称下周一还款", "disposition": "right_party", "created_at": now},
        "contacts": {
            "phone_id": phone_id,
            "channel": "outbound_call",
            "disposition": "no_answer",
            "started_at": now - timedelta(minutes=5),
        },
        "promises": {
            "amount": 150_000,
            "promised_on": business_today() + timedelta(days=3),
            "created_at": now,
        },
        # a distinct time per call (ties would order differently on PostgreSQL)
        "callbacks": {
            "due_at": later_callback() + timedelta(seconds=uuid.uuid4().int % 3600),
            "note": "下午再打",
        },
        "plans": {
            "kind": "catch_up",
            "payments": 3,
            "first_date": business_today() + timedelta(days=7),
            "waive_penalty": 0,
            "created_at": now,
        },
    }
    for path, body in bodies.items():
        payload = json.loads(json.dumps({"id": str(uuid.uuid4()), **body}, default=str))
        resp = client.post(f"/cases/{case_id}/{path}", json=payload, headers=h)
        assert resp.status_code == 201, (path, resp.text)


def _text(items: list[tuple[str, str, dict[str, Any]]]) -> list[tuple[str, str, str]]:
    return sorted((e, i, json.dumps(d, ensure_ascii=False)) for e, i, d in items)


def test_set_based_bundles_equal_the_orm_reference(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    _record_everything(client, auth_headers(agent), seeded.case_id, seeded.phone_ids[0])
    today = business_today()
    with session_factory() as s:
        loan_id = s.scalar(select(Case.loan_id).where(Case.id == seeded.case_id))
        s.add(Payment(loan_id=loan_id, paid_on=today - timedelta(days=2), amount=12_345))
        s.commit()
        cases = list(s.scalars(select(Case).order_by(Case.id)))
        assert len(cases) >= 8
        fast = bundle_rows.load_bundles(s, cases, today)
        ref = bundle_reference.load_bundles_orm(s, cases, today)
        assert [b.case_id for b in fast] == [b.case_id for b in ref]
        kinds = set()
        for f, r in zip(fast, ref, strict=True):
            assert _text(f.items) == _text(r.items)
            kinds.update(e for e, _i, _d in f.items)
        assert kinds == {
            "case", "borrower", "loan", "note", "contact_attempt", "promise", "plan", "callback"
        }  # fmt: skip
        for entity, (model, _conv) in bundle_reference.CHILD_MODELS.items():
            ids = list(s.scalars(select(model.id)))
            assert ids, entity
            assert sorted(bundle_rows.load_children(s, entity, ids)) == sorted(
                bundle_reference.load_children_orm(s, entity, ids)
            )
        assert bundle_rows.load_bundles(s, [], today) == []


def test_full_sync_page_is_a_valid_response(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-b"][0]
    resp = client.get("/sync/changes?limit=1", headers=auth_headers(agent))
    assert resp.status_code == 200
    page = ChangesResponse.model_validate(resp.json())  # the documented schema, strictly
    assert page.has_more and {u.entity for u in page.upserts} >= {"case", "borrower", "loan"}


def test_case_detail_equals_the_orm_reference(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    from app.server.services.case_detail import case_detail, case_detail_orm

    agent = small_book.agents["team-b"][1]
    seeded = small_book.cases[agent.username][1]
    h = auth_headers(agent)
    _record_everything(client, h, seeded.case_id, seeded.phone_ids[0])
    _record_everything(client, h, seeded.case_id, seeded.phone_ids[1])
    today = business_today()
    with session_factory() as s:
        fast = case_detail(s, agent, seeded.case_id, today=today)
        ref = case_detail_orm(s, agent, seeded.case_id, today=today)
    assert fast.model_dump_json() == ref.model_dump_json()
    assert len(fast.notes) == 2 and fast.overdue.lines
    resp = client.get(f"/cases/{seeded.case_id}", headers=h)
    assert resp.status_code == 200 and resp.json()["case"]["id"] == seeded.case_id

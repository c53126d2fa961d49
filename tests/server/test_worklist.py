"""GET /worklist: scope, ordering, filters, search, paging and refused parameters."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import Callback, Case, User
from tests.server.conftest import SeededCase, SmallBook


def _ids(resp: Any) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [r["case_id"] for r in resp.json()["rows"]]


def test_scope_per_role(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    own = {c.case_id for c in small_book.cases[agent.username]}
    team_a = {c.case_id for a in small_book.agents["team-a"] for c in small_book.cases[a.username]}
    everything = {c.case_id for cs in small_book.cases.values() for c in cs}

    assert set(_ids(client.get("/worklist", headers=auth_headers(agent)))) == own
    lead = small_book.leads["team-a"]
    assert set(_ids(client.get("/worklist", headers=auth_headers(lead)))) == team_a
    page = client.get("/worklist", headers=auth_headers(small_book.admin)).json()
    assert {r["case_id"] for r in page["rows"]} == everything
    assert page["total"] == len(everything)
    assert page["bucket_counts"] == {"M1": 4, "M2": 4}


def test_agent_filter_scoped(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    lead = small_book.leads["team-a"]
    a2 = small_book.agents["team-a"][1]
    b1 = small_book.agents["team-b"][0]
    got = _ids(client.get("/worklist", params={"agent": a2.username}, headers=auth_headers(lead)))
    assert set(got) == {c.case_id for c in small_book.cases[a2.username]}
    # another team's agent, or another agent for an agent: not found (existence not leaked)
    assert (
        client.get(
            "/worklist", params={"agent": b1.username}, headers=auth_headers(lead)
        ).status_code
        == 404
    )
    a1 = small_book.agents["team-a"][0]
    assert (
        client.get("/worklist", params={"agent": a2.username}, headers=auth_headers(a1)).status_code
        == 404
    )
    assert (
        client.get(
            "/worklist", params={"agent": "nobody"}, headers=auth_headers(small_book.admin)
        ).status_code
        == 404
    )


def test_bad_parameters_refused(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    h = auth_headers(small_book.admin)
    for params in (
        {"limit": 201},
        {"limit": 0},
        {"offset": -1},
        {"sort": "bogus"},
        {"bucket": "M9"},
        {"unknown": "x"},
    ):
        resp = client.get("/worklist", params=params, headers=h)
        assert resp.status_code == 422, params
        assert resp.json()["error"]["code"] == "validation_error"
    assert client.get("/worklist").status_code == 401


def test_sorting_and_paging(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    h = auth_headers(small_book.admin)
    rows = client.get("/worklist", params={"sort": "dpd"}, headers=h).json()["rows"]
    dpds = [r["dpd"] for r in rows]
    assert dpds == sorted(dpds, reverse=True)
    asc = client.get("/worklist", params={"sort": "dpd", "order": "asc"}, headers=h).json()["rows"]
    assert [r["dpd"] for r in asc] == sorted(dpds)
    amounts = [
        r["overdue_total"]
        for r in client.get("/worklist", params={"sort": "amount"}, headers=h).json()["rows"]
    ]
    assert amounts == sorted(amounts, reverse=True)
    full = _ids(client.get("/worklist", params={"sort": "dpd"}, headers=h))
    pages = []
    for offset in range(0, 8, 3):
        page = client.get(
            "/worklist", params={"sort": "dpd", "limit": 3, "offset": offset}, headers=h
        ).json()
        assert page["total"] == 8 and page["limit"] == 3 and page["offset"] == offset
        pages.extend(r["case_id"] for r in page["rows"])
    assert pages == full
    names = client.get("/worklist", params={"sort": "name", "search": "张"}, headers=h).json()
    assert [r["borrower_name"] for r in names["rows"]] == sorted(
        r["borrower_name"] for r in names["rows"]
    )
    assert names["total"] == 8
    beyond = client.get("/worklist", params={"offset": 100}, headers=h).json()
    assert beyond["rows"] == [] and beyond["total"] == 8


def test_filters_and_search(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-b"][1]
    special = make_case(agent, dpd=75, borrower_name="欧阳娜娜")
    h = auth_headers(small_book.admin)
    m3 = client.get("/worklist", params={"bucket": ["M3"]}, headers=h).json()
    assert [r["case_id"] for r in m3["rows"]] == [special.case_id]
    assert m3["total"] == 1 and m3["bucket_counts"]["M2"] == 4
    both = client.get("/worklist", params={"bucket": ["M1", "M3"]}, headers=h).json()
    assert both["total"] == 5
    assert _ids(client.get("/worklist", params={"search": "欧阳"}, headers=h)) == [special.case_id]
    assert _ids(client.get("/worklist", params={"search": special.contract_no}, headers=h)) == [
        special.case_id
    ]
    assert _ids(
        client.get("/worklist", params={"search": special.contract_no.lower()}, headers=h)
    ) == [special.case_id]
    # every seeded borrower has phone ...5678 and plate 京A3F2K9
    assert len(_ids(client.get("/worklist", params={"search": "5678"}, headers=h))) == 9
    assert len(_ids(client.get("/worklist", params={"search": "3F2K"}, headers=h))) == 9
    assert _ids(client.get("/worklist", params={"search": "9999"}, headers=h)) == []
    assert _ids(client.get("/worklist", params={"search": "%"}, headers=h)) == []
    # the search stays inside the scope
    a_agent = small_book.agents["team-a"][0]
    assert (
        _ids(client.get("/worklist", params={"search": "欧阳"}, headers=auth_headers(a_agent)))
        == []
    )
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == special.case_id).values(status="closed"))
        s.commit()
    assert _ids(client.get("/worklist", params={"search": "欧阳"}, headers=h)) == []
    assert _ids(
        client.get("/worklist", params={"search": "欧阳", "status": "closed"}, headers=h)
    ) == [special.case_id]


def test_next_action_order(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    agent = small_book.agents["team-a"][0]
    lead = small_book.leads["team-a"]
    cases = [c.case_id for a in small_book.agents["team-a"] for c in small_book.cases[a.username]]
    broken, promise_today, callback_due, plain = cases
    now = datetime.now(UTC)
    with session_factory() as s:
        s.execute(update(Case).values(priority=0))
        s.execute(update(Case).where(Case.id == plain).values(priority=10**6))
        s.execute(
            update(Case)
            .where(Case.id == broken)
            .values(next_action_kind="broken_promise", next_action_at=now - timedelta(days=1))
        )
        s.commit()
    h = auth_headers(lead)
    # through the API, as the desk records them
    promise = {
        "id": str(uuid.uuid4()),
        "amount": 100,
        "promised_on": _today().isoformat(),
        "created_at": now.isoformat(),
    }
    assert (
        client.post(f"/cases/{promise_today}/promises", json=promise, headers=h).status_code == 201
    )
    # callbacks as the desk scheduled them earlier (stored directly: whether a time of day
    # may be scheduled depends on the clock, which is the callback rules' test, not this one)
    with session_factory() as s:
        for case_id, due_at in (
            (callback_due, now - timedelta(minutes=5)),
            (plain, now + timedelta(hours=5)),
        ):  # later today: not due
            case = s.get(Case, case_id)
            assert case is not None
            s.add(Callback(case_id=case_id, agent_id=case.assigned_to_id, due_at=due_at))
            case.next_action_at, case.next_action_kind = due_at, "callback"
        s.commit()
    got = _ids(client.get("/worklist", headers=h))
    assert got == [broken, promise_today, callback_due, plain]
    page = client.get("/worklist", headers=h).json()["rows"]
    assert [r["next_action_kind"] for r in page] == [
        "broken_promise",
        "promise_due",
        "callback",
        "callback",
    ]
    assert agent.username in {r["assigned_to"] for r in page}
    assert (
        client.get("/worklist", params={"order": "asc"}, headers=h).json()["rows"][0]["case_id"]
        == plain
    )


def _today() -> date:
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()

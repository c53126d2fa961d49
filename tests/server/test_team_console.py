"""The team console's reads: the team's cases (scope, filters, sort, search, latest promise),
the agents' load, the approval queue with the calculator's figures and rules, and a lead
who cannot read or move another team's cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import Case, ContactAttempt, Plan, Promise, User
from tests.server.conftest import SmallBook, business_today

SF = sessionmaker[Session]
NOW = datetime.now(UTC)


def test_team_cases_are_the_teams_only(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    lead_a = small_book.leads["team-a"]
    h = auth_headers(lead_a)
    page = client.get("/team/cases", headers=h).json()
    mine = {c.case_id for a in small_book.agents["team-a"] for c in small_book.cases[a.username]}
    assert {r["case_id"] for r in page["rows"]} == mine and page["total"] == 4
    assert page["bucket_counts"] == {"M1": 2, "M2": 2}
    # another team by name, or another team's agent: not found
    assert client.get("/team/cases", params={"team": "team-b"}, headers=h).status_code == 404
    b1 = small_book.agents["team-b"][0].username
    assert client.get("/team/cases", params={"agent": b1}, headers=h).status_code == 404
    # an admin sees every team, or the one named
    ha = auth_headers(small_book.admin)
    assert client.get("/team/cases", headers=ha).json()["total"] == 8
    only_b = client.get("/team/cases", params={"team": "team-b"}, headers=ha).json()
    assert {r["team"] for r in only_b["rows"]} == {"team-b"} and only_b["total"] == 4
    # an agent may not use the console
    agent = small_book.agents["team-a"][0]
    assert client.get("/team/cases", headers=auth_headers(agent)).status_code == 403


def test_team_cases_filter_sort_search_and_promise(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    a1, a2 = small_book.agents["team-a"]
    c1, c2 = small_book.cases[a1.username]
    c3, _ = small_book.cases[a2.username]
    today = business_today()
    with session_factory() as s:
        s.add_all(
            [
                Promise(case_id=c1.case_id, agent_id=a1.id, amount=10_000, status="broken",
                        promised_on=today - timedelta(days=9), created_at=NOW - timedelta(days=10)),
                Promise(case_id=c1.case_id, agent_id=a1.id, amount=20_000, status="pending",
                        promised_on=today + timedelta(days=2), created_at=NOW - timedelta(hours=1)),
                Promise(case_id=c3.case_id, agent_id=a2.id, amount=30_000, status="kept",
                        promised_on=today - timedelta(days=1), created_at=NOW - timedelta(days=3)),
            ]
        )  # fmt: skip
        s.execute(update(Case).where(Case.id == c2.case_id).values(last_contact_at=NOW))
        s.commit()
    h = auth_headers(small_book.leads["team-a"])

    def rows(**params: object) -> list[dict[str, object]]:
        resp = client.get("/team/cases", params=params, headers=h)
        assert resp.status_code == 200, resp.text
        return list(resp.json()["rows"])

    latest = {r["case_id"]: r for r in rows()}
    assert (latest[c1.case_id]["promise_status"], latest[c1.case_id]["promise_amount"]) == (
        "pending",
        20_000,
    )
    assert latest[c3.case_id]["promise_status"] == "kept"
    assert latest[c2.case_id]["promise_status"] is None
    assert latest[c1.case_id]["assigned_to"] == a1.username
    assert {r["case_id"] for r in rows(promise="pending")} == {c1.case_id}
    assert {r["case_id"] for r in rows(promise="kept")} == {c3.case_id}
    assert len(rows(promise="none")) == 2
    assert {r["case_id"] for r in rows(agent=a1.username)} == {c1.case_id, c2.case_id}
    assert {r["bucket"] for r in rows(bucket="M2")} == {"M2"}
    dpds = [r["dpd"] for r in rows(sort="dpd")]
    assert dpds == sorted(dpds, reverse=True)
    assert [r["dpd"] for r in rows(sort="dpd", order="asc")] == sorted(dpds)
    assert [r["assigned_to"] for r in rows(sort="agent")] == sorted(
        r["assigned_to"] for r in rows()
    )
    # least recently contacted first: the never-called cases, then c2
    assert rows(sort="last_contact")[-1]["case_id"] == c2.case_id
    assert {r["case_id"] for r in rows(search=c1.contract_no)} == {c1.case_id}
    assert len(rows(search="5678")) == 4  # the seeded borrowers' phone ends in 5678
    page = client.get("/team/cases", params={"limit": 1, "offset": 1}, headers=h).json()
    assert page["total"] == 4 and len(page["rows"]) == 1


def test_agent_load_has_contacts_today_and_leave(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    a1, a2 = small_book.agents["team-a"]
    c1 = small_book.cases[a1.username][0]
    with session_factory() as s:
        for started in (NOW, NOW - timedelta(minutes=5), NOW - timedelta(days=3)):
            s.add(ContactAttempt(case_id=c1.case_id, agent_id=a1.id, channel="outbound_call",
                                 disposition="no_answer", started_at=started,
                                 phone_id=c1.phone_ids[0]))  # fmt: skip
        s.commit()
    h = auth_headers(small_book.leads["team-a"])
    client.put(f"/team/agents/{a2.username}/leave", json={"on_leave": True, "reason": "年假"},
               headers=h)  # fmt: skip
    agents = {a["username"]: a for a in client.get("/team/agents", headers=h).json()["agents"]}
    assert agents[a1.username]["contacts_today"] == 2 or (
        # between 00:00 and 00:05 local time the second call fell on yesterday
        agents[a1.username]["contacts_today"] == 1
    )
    assert agents[a2.username]["on_leave"] is True and agents[a1.username]["on_leave"] is False
    # a lead may not set another team's agent on leave; an agent may not set anyone
    b1 = small_book.agents["team-b"][0]
    assert client.put(f"/team/agents/{b1.username}/leave", json={"on_leave": True},
                      headers=h).status_code == 404  # fmt: skip
    assert client.put(f"/team/agents/{a1.username}/leave", json={"on_leave": True},
                      headers=auth_headers(a1)).status_code == 403  # fmt: skip


def _pending_plan(sf: SF, case_id: str, author_id: int, **inputs: object) -> str:
    first = business_today() + timedelta(days=7)
    payload = {"kind": "catch_up", "payments": 3, "first_date": first.isoformat(),
               "created_at": NOW.isoformat(), **inputs}  # fmt: skip
    with sf() as s:
        plan = Plan(case_id=case_id, author_id=author_id, kind="catch_up",
                    status="pending_approval", payments=3, first_date=first, inputs=payload,
                    created_at=NOW)  # fmt: skip
        s.add(plan)
        s.commit()
        return plan.id


def test_approval_queue_has_figures_and_rules_in_words(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    a1 = small_book.agents["team-a"][0]
    c1 = small_book.cases[a1.username][0]
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == c1.case_id).values(
            overdue_penalty=10_000, overdue_fees=5_000,
            overdue_total=Case.overdue_principal + Case.overdue_interest + 15_000))  # fmt: skip
        s.commit()
    # an agent may waive up to 50 % of the penalty and no fees: 80 % penalty + fees exceed it
    pid = _pending_plan(session_factory, c1.case_id, a1.id, waive_penalty=8_000, waive_fees=1_000)
    other = small_book.agents["team-b"][0]
    _pending_plan(session_factory, small_book.cases[other.username][0].case_id, other.id)
    h = auth_headers(small_book.leads["team-a"])
    queue = client.get("/team/approvals", headers=h).json()
    assert queue["total"] == 1
    item = queue["items"][0]
    assert item["plan"]["id"] == pid and item["case"]["case_id"] == c1.case_id
    assert [b["code"] for b in item["exceeds"]] == ["authority_penalty", "authority_fees"]
    assert "需上级审批" in item["exceeds"][0]["message_zh"]
    assert "needs approval" in item["exceeds"][0]["message_en"]
    assert item["invalid"] == [] and item["within_your_authority"] is True
    fig = item["figures"]
    with session_factory() as s:
        case = s.get(Case, c1.case_id)
        assert case is not None
        owed = case.overdue_total - 9_000
    assert fig["amount_due"] == owed == sum(ln["amount"] for ln in fig["lines"])
    assert (fig["waived_penalty"], fig["waived_fees"], fig["payments"]) == (8_000, 1_000, 3)
    # the lead approves with a comment; the decision shows on the plan
    resp = client.post(f"/plans/{pid}/approve", json={"reason": "客户困难属实"}, headers=h)
    assert resp.status_code == 200, resp.text
    assert resp.json()["decision_note"] == "客户困难属实" and resp.json()["status"] == "approved"
    assert client.get("/team/approvals", headers=h).json()["total"] == 0
    # admin: every team's queue
    assert (
        client.get("/team/approvals", headers=auth_headers(small_book.admin)).json()["total"] == 1
    )


def test_approval_queue_reports_a_plan_that_no_longer_holds(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: SF,
) -> None:
    a1 = small_book.agents["team-a"][0]
    c1 = small_book.cases[a1.username][0]
    past = (business_today() - timedelta(days=2)).isoformat()
    _pending_plan(session_factory, c1.case_id, a1.id, first_date=past)
    item = client.get("/team/approvals", headers=auth_headers(small_book.leads["team-a"])).json()[
        "items"
    ][0]
    assert [b["code"] for b in item["invalid"]] == ["first_date_in_past"]
    assert item["within_your_authority"] is False

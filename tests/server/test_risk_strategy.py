"""`risk score`: stored scores and factors, borrower segments feeding the worklist priority
(SQL and the pure rule agree), high-risk overdue cases first, and the care-call list of
current high-risk loans, scoped to the team that works it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

import main
from app.domain.money import Money
from app.domain.priority import TIER_SPAN, TIERS, priority_score
from app.domain.risk import contributions, probability
from app.server.jobs.overdue_run import run_overdue
from app.server.models import (
    Borrower,
    Case,
    ChangeLog,
    Installment,
    Loan,
    LoanRisk,
    RiskModel,
    Team,
    User,
)
from app.server.risk.features_sql import features_as_of
from app.server.risk.fitting import fit_model
from app.server.risk.scoring import score_book
from app.server.services import bundle_rows
from app.server.settings import Settings
from tests.server import bundle_reference
from tests.server.conftest import SeededCase, business_today
from tests.server.risk_helpers import add_calls, store_model
from tests.server.test_overdue_run_support import TODAY, seed_small


def _priorities_follow_the_pure_rule(s: Session) -> int:
    rows = s.execute(
        select(Case.priority, Case.next_action_kind, Case.overdue_total, Case.bucket,
               Borrower.risk_segment)
        .join(Borrower, Borrower.id == Case.borrower_id)
        .where(Case.status != "closed")
    ).all()  # fmt: skip
    for prio, kind, total, bucket, segment in rows:
        expected = TIERS[kind] * TIER_SPAN + priority_score(  # type: ignore[index]
            Money(total), bucket=bucket, risk_segment=segment
        )
        assert prio == expected
    return len(rows)


def _login(client: TestClient, username: str, password: str = "demo-pass") -> dict[str, str]:
    r = client.post("/auth/token", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _pull_all(client: TestClient, h: dict[str, str]) -> list[dict[str, Any]]:
    upserts: list[dict[str, Any]] = []
    cursor = None
    while True:
        q = f"/sync/changes?limit=200{'&cursor=' + cursor if cursor else ''}"
        page = client.get(q, headers=h).json()
        upserts.extend(page["upserts"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return upserts


def test_scoring_the_demo_book(engine: Engine, client: TestClient, db_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    creds = seed_small(engine, 1500)
    settings = Settings(database_url=db_url)
    with Session(engine) as s:
        fit_model(s, as_of=TODAY)
    # at most N new care calls a day, the highest risk first; the rest follow later
    capped = score_book(
        engine,
        business_date=TODAY,
        settings=Settings(database_url=db_url, care_call_max_new_per_day=5),
    )
    assert capped.counts["care_calls_opened"] == 5
    with Session(engine) as s:
        first = s.scalars(
            select(LoanRisk.score)
            .join(Case, Case.loan_id == LoanRisk.loan_id)
            .where(Case.kind == "care")
        ).all()
        waiting = s.scalar(
            select(func.max(LoanRisk.score)).join(Loan, Loan.id == LoanRisk.loan_id).where(
                LoanRisk.segment == "high", Loan.dpd == 0, Loan.written_off.is_(False),
                ~select(Case.id).where(Case.loan_id == Loan.id, Case.status != "closed").exists())
        )  # fmt: skip
    assert len(first) == 5 and waiting is not None and min(first) >= waiting
    report = score_book(engine, business_date=TODAY, settings=settings)
    with Session(engine) as s:
        open_loans = s.scalar(
            select(func.count()).select_from(Loan).where(Loan.closed_on.is_(None))
        )
        assert capped.counts["loans_scored"] == open_loans == s.scalar(
            select(func.count()).select_from(LoanRisk))  # fmt: skip
        assert set(report.segments) == {"low", "medium", "high"}
        # numpy in bulk and the pure domain formula give the same stored score
        model = s.scalars(select(RiskModel)).one()
        frame = features_as_of(s, TODAY)
        stored = dict(s.execute(select(LoanRisk.loan_id, LoanRisk.score)).all())
        for k in range(0, len(frame.loan_ids), 97):
            parts = contributions(frame.values[k].tolist(), coefficients=model.coefficients,
                                  means=model.means, scales=model.scales)  # fmt: skip
            assert round(probability(model.intercept, parts), 4) == pytest.approx(
                stored[frame.loan_ids[k]], abs=1e-9)  # fmt: skip
        # one loan per demo borrower: the borrower's segment is the loan's
        pairs = s.execute(
            select(Borrower.risk_segment, LoanRisk.segment)
            .join(Loan, Loan.borrower_id == Borrower.id)
            .join(LoanRisk, LoanRisk.loan_id == Loan.id)
        ).all()
        assert all(a == b for a, b in pairs)
        assert _priorities_follow_the_pure_rule(s) > 50
        # care calls: exactly the current high-risk loans without a case, worked by the M0 team
        early = s.scalar(select(Team.id).where(Team.name == "team-early"))
        care = s.execute(
            select(Case, Loan.dpd, Loan.bucket, LoanRisk.segment, User.team_id)
            .join(Loan, Loan.id == Case.loan_id).join(LoanRisk, LoanRisk.loan_id == Loan.id)
            .join(User, User.id == Case.assigned_to_id).where(Case.kind == "care")
        ).all()  # fmt: skip
        assert care and len(care) == 5 + report.counts["care_calls_opened"]
        for c, dpd, bucket, segment, agent_team in care:
            assert (c.status, c.bucket, c.dpd, dpd, bucket, segment) == (
                "open", "M0", 0, 0, "M0", "high")  # fmt: skip
            assert c.team_id == early == agent_team
        changes = s.scalar(select(func.count()).select_from(ChangeLog))
    # idempotent: a second run for the date changes and records nothing
    again = score_book(engine, business_date=TODAY, settings=settings)
    assert {k: v for k, v in again.counts.items() if k != "loans_scored"} == dict.fromkeys(
        ("scores_changed", "scores_new", "borrower_segments_changed", "priorities_changed",
         "care_calls_opened", "care_calls_closed", "cases_assigned", "cases_touched"), 0)  # fmt: skip
    # the overdue run leaves the care calls open (DPD 0 closes collection cases only)
    assert run_overdue(engine, business_date=TODAY).counts["cases_touched"] == 0
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == changes
        assert s.scalar(
            select(func.count()).where(Case.kind == "care", Case.status == "open")
        ) == len(care)
        holder = s.scalar(select(User.username).where(User.id == care[0][0].assigned_to_id))
        care_id = care[0][0].id
        loan_id = care[0][0].loan_id
        cases = list(s.scalars(select(Case).where(Case.id == care_id)))
        fast = bundle_rows.load_bundles(s, cases, TODAY)
        ref = bundle_reference.load_bundles_orm(s, cases, TODAY)
    assert [b.items for b in fast] == [b.items for b in ref]  # the feed's JSON = the models'
    # the desk of the agent holding it receives the care call and the loan's risk
    ups = _pull_all(client, _login(client, holder))
    case = next(u["data"] for u in ups if u["entity"] == "case" and u["id"] == care_id)
    loan = next(u["data"] for u in ups if u["entity"] == "loan" and u["id"] == loan_id)
    assert case["kind"] == "care" and case["bucket"] == "M0"
    assert loan["risk"]["segment"] == "high" and 1 <= len(loan["risk"]["factors"]) <= 3
    assert {"code", "label_zh", "label_en", "weight"} == set(loan["risk"]["factors"][0])
    # scope: the early team's lead sees the care list (bucket M0), the mid team's does not
    leads = {u.team: u.username for u in creds.leads}
    early_list = client.get(
        "/worklist?bucket=M0&limit=1", headers=_login(client, leads["team-early"])
    )
    mid_list = client.get("/worklist?bucket=M0", headers=_login(client, leads["team-mid"]))
    assert early_list.json()["total"] == len(care) and mid_list.json()["total"] == 0
    assert main.main(["risk", "score", "--date", TODAY.isoformat(), "--database-url", db_url]) == 0
    assert "care_calls_opened=0" in capsys.readouterr().out


def test_high_risk_overdue_cases_rise_in_the_agents_order(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
    engine: Engine,
    client: TestClient,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    agent = make_user("agent", "team-early")
    today = business_today()
    a, b = make_case(agent, dpd=10), make_case(agent, dpd=10)
    with session_factory() as s:
        before = dict(s.execute(select(Case.id, Case.priority)).all())
        assert before[a.case_id] == before[b.case_id]  # same amount, bucket and segment
        # the model reads unanswered calls: a's borrower has not been answering
        store_model(s, intercept=-3.0, weights={"unreached_calls_90d": 1.0})
        add_calls(s, case_id=a.case_id, agent_id=agent.id, phone_id=a.phone_ids[0],
                  day=today - timedelta(days=3), dispositions=["no_answer"] * 5)  # fmt: skip
    score_book(engine, business_date=today, settings=Settings())
    with session_factory() as s:
        seg = dict(s.execute(select(LoanRisk.loan_id, LoanRisk.segment)).all())
        assert (seg[a.loan_id], seg[b.loan_id]) == ("high", "low")
        after = dict(s.execute(select(Case.id, Case.priority)).all())
        assert after[a.case_id] > after[b.case_id]
        _priorities_follow_the_pure_rule(s)
        factors = s.scalar(select(LoanRisk.factors).where(LoanRisk.loan_id == a.loan_id))
    assert factors[0]["code"] == "unreached_calls_90d" and factors[0]["weight"] == 5.0
    assert factors[0]["label_zh"] == "近90天未接通 5 次"
    rows = client.get("/worklist", headers=auth_headers(agent)).json()["rows"]
    order = [r["case_id"] for r in rows]
    assert order.index(a.case_id) < order.index(b.case_id)


def _current_loan(s: Session, seeded: SeededCase, today) -> None:  # type: ignore[no-untyped-def]
    """Everything due before today paid on its date: DPD 0, bucket M0."""
    s.execute(
        update(Installment)
        .where(Installment.loan_id == seeded.loan_id, Installment.due_date < today)
        .values(paid_on=Installment.due_date, paid_principal=Installment.principal,
                paid_interest=Installment.interest)
    )  # fmt: skip
    s.execute(update(Loan).where(Loan.id == seeded.loan_id).values(dpd=0, bucket="M0"))
    s.commit()


def test_care_calls_for_current_high_risk_loans(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
    engine: Engine,
    client: TestClient,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    today = business_today()
    early_agent = make_user("agent", "team-early")
    early_lead = make_user("team_lead", "team-early")
    mid_lead = make_user("team_lead", "team-mid")
    make_user("agent", "team-mid")
    # x1, x2: current loans whose past case saw many unanswered calls; y: current, quiet;
    # z: overdue and high risk (a collection case already: no care call)
    x1, x2, y = (make_case(early_agent, dpd=0, status="closed") for _ in range(3))
    z = make_case(early_agent, dpd=12)
    with session_factory() as s:
        for seeded in (x1, x2, y):
            _current_loan(s, seeded, today)
        s.execute(update(Case).where(Case.id == x1.case_id).values(flags=["hardship"]))
        s.commit()
        store_model(s, intercept=-3.0, weights={"unreached_calls_90d": 1.0})
        for seeded in (x1, x2, z):
            add_calls(s, case_id=seeded.case_id, agent_id=early_agent.id,
                      phone_id=seeded.phone_ids[0], day=today - timedelta(days=20),
                      dispositions=["no_answer"] * 6)  # fmt: skip
    report = score_book(engine, business_date=today, settings=Settings())
    assert report.counts["care_calls_opened"] == 2
    with session_factory() as s:
        care = {c.loan_id: c for c in s.scalars(select(Case).where(Case.kind == "care"))}
    assert set(care) == {x1.loan_id, x2.loan_id}
    c1, c2 = care[x1.loan_id], care[x2.loan_id]
    assert c1.assigned_to_id == early_agent.id and c1.team_id == early_agent.team_id
    assert c1.flags == ["hardship"]  # the borrower's flags follow them to the care call
    # scope: the holder's desk and the early lead see them; the mid lead does not
    ups = _pull_all(client, auth_headers(early_agent))
    assert {u["id"] for u in ups if u["entity"] == "case" and u["data"]["kind"] == "care"} == {
        c1.id, c2.id}  # fmt: skip
    early = client.get("/worklist?bucket=M0", headers=auth_headers(early_lead)).json()
    assert {r["case_id"] for r in early["rows"]} == {c1.id, c2.id}
    assert client.get("/worklist?bucket=M0", headers=auth_headers(mid_lead)).json()["total"] == 0
    # the daily run keeps them; x1 falls overdue: its care call becomes a collection case
    with session_factory() as s:
        s.execute(
            update(Installment)
            .where(Installment.loan_id == x1.loan_id,
                   Installment.due_date == select(func.min(Installment.due_date))
                   .where(Installment.loan_id == x1.loan_id, Installment.due_date >= today)
                   .scalar_subquery())
            .values(due_date=today - timedelta(days=2))
        )  # fmt: skip
        s.commit()
    run_overdue(engine, business_date=today)
    with session_factory() as s:
        c1 = s.get(Case, c1.id)  # type: ignore[assignment]
        c2 = s.get(Case, c2.id)  # type: ignore[assignment]
        assert (c1.kind, c1.status, c1.bucket) == ("collection", "open", "M1")
        assert (c2.kind, c2.status) == ("care", "open")
        # x2's borrower answered: the care call is done and closes at the next scoring
        add_calls(s, case_id=c2.id, agent_id=early_agent.id, phone_id=x2.phone_ids[0],
                  day=today, dispositions=["right_party"])  # fmt: skip
    assert score_book(engine, business_date=today, settings=Settings()).counts[
        "care_calls_closed"] == 1  # fmt: skip
    with session_factory() as s:
        assert s.get(Case, c2.id).status == "closed"  # type: ignore[union-attr]
    # ... and is not opened again within the cooldown although the loan is still high risk
    assert score_book(engine, business_date=today, settings=Settings()).counts[
        "care_calls_opened"] == 0  # fmt: skip
    assert y.loan_id not in care and z.loan_id not in care

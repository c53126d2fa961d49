"""seed_demo: people with printed credentials, a worked book, deterministic, idempotent."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

import main
from app.server.models import Callback, Case, ContactAttempt, Loan, Note, Plan, Promise, User
from tests.server.test_overdue_run_support import TODAY, seed_small


def test_seed_demo_book_people_and_history(engine: Engine, client: TestClient) -> None:
    creds = seed_small(engine, 200)
    assert creds.admin.username == "admin"
    assert len(creds.leads) == 3 and len(creds.agents) >= 6
    assert any("agent01" in line and "demo-pass" in line for line in creds.lines())
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 200
        assert s.scalar(select(func.count()).select_from(User)) == len(creds.users)
        open_cases = s.scalars(select(Case).where(Case.status != "closed")).all()
        assert open_cases and all(c.assigned_to_id is not None for c in open_cases)
        assert s.scalar(select(func.count()).select_from(ContactAttempt)) > len(open_cases)
        assert s.scalar(select(func.count()).select_from(Note)) > 0
        statuses = set(s.scalars(select(Promise.status)).all())
        assert {"kept", "broken"} <= statuses
        assert s.scalar(select(func.count()).select_from(Callback)) >= 0
        assert any(c.last_contact_at is not None for c in open_cases)
    resp = client.post(
        "/auth/token",
        json={"username": creds.agents[0].username, "password": creds.agents[0].password},
    )
    assert resp.status_code == 200, resp.text
    # each lead finds plans awaiting approval (beyond an agent's authority; one beyond a
    # lead's too), proposed as of the book's date
    with Session(engine) as s:
        pending = s.execute(
            select(Case.team_id, Plan.violations)
            .join(Case, Case.id == Plan.case_id)
            .where(Plan.status == "pending_approval")
        ).all()
        plans = s.scalar(select(func.count()).select_from(Plan))
        teams = set(s.scalars(select(Case.team_id).where(Case.status != "closed")))
    assert {team for team, _ in pending} == teams
    assert all("authority_penalty" in v for _, v in pending)
    assert any("authority_interest" in v for _, v in pending)
    lead = creds.leads[0]
    token = client.post(
        "/auth/token", json={"username": lead.username, "password": lead.password}
    ).json()["access_token"]
    queue = client.get("/team/approvals", headers={"Authorization": f"Bearer {token}"}).json()
    assert queue["total"] >= 2
    # seeding again does not add a second book
    seed_small(engine, 200)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == plans
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 200


def test_same_seed_same_book(engine: Engine, tmp_path: Path) -> None:
    from app.server.db import make_engine
    from app.server.migrate import upgrade

    seed_small(engine, 120)
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    upgrade(other_url)
    other = make_engine(other_url)
    try:
        seed_small(other, 120)
        sql = (
            "SELECT l.contract_no, l.principal, l.outstanding_principal, l.dpd, b.name,"
            " b.id_number, v.plate FROM loans l JOIN borrowers b ON b.id = l.borrower_id"
            " JOIN vehicles v ON v.loan_id = l.id ORDER BY l.contract_no"
        )
        with engine.connect() as a, other.connect() as b:
            assert a.execute(text(sql)).all() == b.execute(text(sql)).all()
            notes = "SELECT text FROM notes ORDER BY created_at, text"
            assert a.execute(text(notes)).all() == b.execute(text(notes)).all()
    finally:
        other.dispose()


def test_cli_demo_data_overdue_run_and_import(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert (
        main.main(
            ["demo-data", "--loans", "60", "--date", TODAY.isoformat(), "--database-url", url]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "agent01" in out and "demo-pass" in out
    assert main.main(["overdue-run", "--date", TODAY.isoformat(), "--database-url", url]) == 0
    assert "cases_touched=0" in capsys.readouterr().out  # same date again: nothing to do
    bad = tmp_path / "payments.csv"
    bad.write_text(
        "reference,contract_no,paid_on,amount,channel\nX,NOPE,2026-01-01,1.234,\n", encoding="utf-8"
    )
    assert main.main(["import", "payments", str(bad), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "line 2, column amount" in err and "nothing imported" in err


def test_the_demo_start_fits_and_scores_the_book_once(engine: Engine) -> None:
    from app.server.demo.risk_model import fit_and_score_demo
    from app.server.models import LoanRisk, RiskModel
    from tests.server.test_overdue_run_support import FAST

    seed_small(engine, 300)
    assert fit_and_score_demo(engine, today=TODAY, settings=FAST) is True
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(RiskModel)) == 1
        risks = s.scalars(select(LoanRisk)).all()
        worked = set(s.scalars(select(Case.loan_id).where(Case.status != "closed")))
        assert worked and worked <= {r.loan_id for r in risks}
        assert {r.segment for r in risks} <= {"low", "medium", "high"}
        assert all(r.factors for r in risks)  # the profile's top factors
        care = s.scalars(select(Case).where(Case.kind == "care")).all()
        scored_at = {r.scored_on for r in risks}
    assert scored_at == {TODAY}
    # current loans scored high become care calls on an agent's worklist
    assert care and all(c.assigned_to_id is not None for c in care)
    # a restart of the demo keeps the first start's model and scores
    assert fit_and_score_demo(engine, today=TODAY, settings=FAST) is False
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(RiskModel)) == 1

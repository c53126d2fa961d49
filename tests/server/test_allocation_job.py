"""Allocation of unassigned cases: by team from the bucket, evenly by load inside a team."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.server.jobs.case_allocation import DEFAULT_BUCKET_TEAMS
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, CaseAssignment, ChangeLog, Team, User
from tests.server.test_overdue_run_support import TODAY, seed_small


def test_unassigned_cases_dealt_by_team_bucket_and_load(engine: Engine) -> None:
    seed_small(engine, 400)
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET assigned_to_id = NULL, team_id = NULL"))
    with Session(engine) as s:
        before_changes = s.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1))
    report = run_overdue(engine, business_date=TODAY)
    with Session(engine) as s:
        teams = dict(s.execute(select(Team.id, Team.name)).all())
        rows = s.execute(
            select(Case.id, Case.bucket, Case.team_id, User.id, User.team_id, User.role)
            .join(User, User.id == Case.assigned_to_id)
            .where(Case.status != "closed")
        ).all()
        n_open = s.scalar(select(Case.id).where(Case.status != "closed").limit(1))
        assert n_open is not None and rows
        assert report.counts["cases_assigned"] == len(rows)
        for _cid, bucket, team_id, _uid, user_team, role in rows:
            assert role == "agent" and user_team == team_id
            assert teams[team_id] == DEFAULT_BUCKET_TEAMS[bucket]
        # inside a team the load is even: agents differ by at most one case
        agents = s.execute(select(User.id, User.team_id).where(User.role == "agent")).all()
        load = Counter(uid for _c, _b, _t, uid, _ut, _r in rows)
        for team_id in teams:
            counts = [load.get(uid, 0) for uid, t in agents if t == team_id]
            if sum(counts):
                assert max(counts) - min(counts) <= 1, (teams[team_id], counts)
        # the most urgent case of a team went to its least-loaded agent (all equal here)
        assert s.scalar(
            select(ChangeLog.id)
            .where(ChangeLog.kind == "assign", ChangeLog.id > (before_changes or 0))
            .limit(1)
        )
        history = s.scalars(select(CaseAssignment.case_id)).all()
        assert len(history) >= len(rows)


def test_new_cases_go_to_least_loaded_agent(engine: Engine) -> None:
    seed_small(engine, 300)
    with Session(engine) as s:
        early = s.scalar(select(Team.id).where(Team.name == "team-early"))
        agents = s.scalars(
            select(User.id).where(User.team_id == early, User.role == "agent").order_by(User.id)
        ).all()
        assert len(agents) >= 2
        m1 = s.scalars(
            select(Case.id)
            .where(Case.bucket == "M1", Case.status == "open")
            .order_by(Case.priority.desc())
        ).all()
        assert m1
    # give every M1 case to the first agent, leave the most urgent one unassigned
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE cases SET assigned_to_id = :a WHERE bucket = 'M1'"), {"a": agents[0]}
        )
        conn.execute(
            text("UPDATE cases SET assigned_to_id = NULL, team_id = NULL WHERE id = :c"),
            {"c": m1[0]},
        )
    run_overdue(engine, business_date=TODAY)
    with Session(engine) as s:
        case = s.get(Case, m1[0])
        assert case is not None and case.assigned_to_id in agents[1:]

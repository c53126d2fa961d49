"""Allocation of unassigned cases: by team from the bucket, evenly by load inside a team."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

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


def test_rolled_cases_go_to_their_new_buckets_team(engine: Engine) -> None:
    """A month later M1 cases that were not paid are M2: the team that works M2 takes them
    over (the early agent's desk drops them); cases that kept their bucket keep their holder,
    a manual assignment included."""
    seed_small(engine, 400)
    with Session(engine) as s:
        teams = dict(s.execute(select(Team.name, Team.id)).all())
        before = {
            cid: (bucket, user, team)
            for cid, bucket, user, team in s.execute(
                select(Case.id, Case.bucket, Case.assigned_to_id, Case.team_id).where(
                    Case.status != "closed"
                )
            )
        }
        late_agent = s.scalar(
            select(User.id).where(User.team_id == teams["team-late"], User.role == "agent")
        )
        last_change = s.scalar(select(ChangeLog.id).order_by(ChangeLog.id.desc()).limit(1))
    # an admin put one M3+ case with an early agent by hand: it does not roll, so it stays
    manual = next(c for c, (b, _u, _t) in before.items() if b == "M3+")
    early_agent = next(u for b, u, t in before.values() if t == teams["team-early"] and u)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE cases SET assigned_to_id = :u, team_id = :t WHERE id = :c"),
            {"u": early_agent, "t": teams["team-early"], "c": manual},
        )
    later = TODAY + timedelta(days=31)
    report = run_overdue(engine, business_date=later)
    with Session(engine) as s:
        after = {
            cid: (bucket, user, team)
            for cid, bucket, user, team in s.execute(
                select(Case.id, Case.bucket, Case.assigned_to_id, Case.team_id).where(
                    Case.status != "closed"
                )
            )
        }
        agent_team = dict(s.execute(select(User.id, User.team_id)).all())
        rolled = [c for c in after if c in before and after[c][0] != before[c][0]]
        moved = [c for c in rolled if before[c][2] != teams[DEFAULT_BUCKET_TEAMS[after[c][0]]]]
        assert len(moved) >= 5  # enough cases rolled to another team for the test to mean much
        assert report.counts["cases_handed_over"] == len(moved)
        for cid in moved:
            bucket, user, team = after[cid]
            assert team == teams[DEFAULT_BUCKET_TEAMS[bucket]] and agent_team[user] == team
            # the previous holder's desk drops it: an 'assign' change from them to the new one
            change = s.execute(
                select(ChangeLog.from_user_id, ChangeLog.to_user_id).where(
                    ChangeLog.case_id == cid,
                    ChangeLog.kind == "assign",
                    ChangeLog.id > (last_change or 0),
                )
            ).one()
            assert change == (before[cid][1], user)
            history = s.execute(
                select(CaseAssignment.user_id, CaseAssignment.ended_at)
                .where(CaseAssignment.case_id == cid)
                .order_by(CaseAssignment.id)
            ).all()
            assert history[-1] == (user, None)  # the new holder's assignment is open
            assert all(ended is not None for _u, ended in history[:-1])
        # what did not roll (or rolled within its team) kept its holder
        for cid, (_bucket, user, team) in after.items():
            if cid in before and cid not in moved:
                assert (user, team) == (
                    (early_agent, teams["team-early"]) if cid == manual else before[cid][1:]
                ), cid
        assert after[manual][1] == early_agent and late_agent is not None

"""Reassignment by rule (preview, then apply) and the all-or-nothing apply of any moves.

Preview: the team's active cases (optionally some buckets) and its agents; cases of agents
on leave or disabled, and unassigned ones, must move; the rest is balanced by count or by
amount (app.domain.rebalance), per bucket or together. Nothing is written: the same book
and rule give the same moves.

Apply takes moves, each with the holder the caller saw (`from_agent`), and is all or
nothing: the case rows are locked in id order (`SELECT ... FOR UPDATE`, a stable order, so
two applies cannot deadlock; the second waits for the first and then sees its result) and
every check runs before anything is written. Refused, with the reason and nothing changed:
a case outside the caller's scope (404), a target that is not an active agent of the team
or is on leave (422 invalid_target), a case whose holder is no longer `from_agent` or that
closed (409 case_moved). Then, set-based: the assignment history, the cases, the change log
(the old holder's desk gets a tombstone, the new holder's the case) and one audit row per
moved case plus one for the batch, in one transaction.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import Integer, String, any_, bindparam, column, select, table, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.domain import rebalance
from app.protocol.team import (
    AgentReceived,
    AgentShare,
    ApplyMoves,
    ApplyResult,
    PlannedMove,
    ReassignRule,
    RulePreview,
)
from app.server.audit import audit
from app.server.changes import record_reassignments_sql
from app.server.errors import ApiError
from app.server.jobs.sqlkit import SqlRunner
from app.server.models import Case, User, utcnow
from app.server.scope import team_in_scope, visible_cases_clause
from app.server.services.team_scope import require_one_team, resolve_team
from app.server.services.worklist import ACTIVE_STATUSES

_MAX_DETAILS = 50  # cases listed in a refusal's details


def _team_agents(session: Session, team_id: int) -> list[Any]:
    return list(
        session.execute(
            select(User.id, User.username, User.display_name, User.active, User.on_leave)
            .where(User.team_id == team_id, User.role == "agent")
            .order_by(User.username)
        ).all()
    )


def preview(session: Session, user: User, rule: ReassignRule) -> RulePreview:
    """The moves `rule` makes on the caller's team now (a lead: own team; an admin: the
    named team)."""
    scope = resolve_team(session, user, rule.team)
    team_id = require_one_team(scope)
    team_name = scope.name or ""
    agents = _team_agents(session, team_id)
    names: dict[int, str] = {a.id: a.username for a in agents}
    eligible = [a.username for a in agents if a.active and not a.on_leave]
    stmt = (
        select(
            Case.id,
            Case.assigned_to_id,
            Case.bucket,
            Case.dpd,
            Case.overdue_total,
            Case.priority,
            Case.borrower_name,
        )
        .where(
            Case.team_id == team_id,
            Case.status.in_(ACTIVE_STATUSES),
            visible_cases_clause(user),
        )
        .order_by(Case.id)
    )
    if rule.buckets:
        stmt = stmt.where(Case.bucket.in_(rule.buckets))
    rows = session.execute(stmt).all()
    # holders outside the team (a case moved by an admin, an agent who changed teams)
    strangers = {r[1] for r in rows if r[1] is not None and r[1] not in names}
    if strangers:
        names |= dict(
            session.execute(select(User.id, User.username).where(User.id.in_(strangers))).all()
        )
    holder_of = {}
    groups: dict[str, list[rebalance.PoolCase]] = {}
    detail = {}
    borrower = {}
    for cid, holder_id, bucket, dpd, total, priority, name in rows:
        # a holder outside the team (or none) is not eligible: the case moves
        holder_of[cid] = names.get(holder_id) if holder_id is not None else None
        weight = 1 if rule.balance == "count" else int(total)
        key = bucket if rule.per_bucket else "*"
        groups.setdefault(key, []).append(
            rebalance.PoolCase(cid, holder_of[cid], weight, int(priority))
        )
        detail[cid] = (bucket, int(dpd), int(total))
        borrower[cid] = name or ""
    if rows and not eligible:
        raise ApiError(
            422,
            "no_eligible_agent",
            "no agent of the team can receive cases (all are on leave or disabled)",
        )
    moves: list[rebalance.Move] = []
    for key in sorted(groups):
        moves += rebalance.balance(groups[key], eligible)
    moves.sort(key=lambda m: m.case_id)
    planned = [
        PlannedMove(
            case_id=uuid.UUID(m.case_id),
            from_agent=m.from_agent,
            to_agent=m.to_agent,
            bucket=detail[m.case_id][0],  # type: ignore[arg-type]
            dpd=detail[m.case_id][1],
            overdue_total=detail[m.case_id][2],
            borrower_name=borrower[m.case_id],
        )
        for m in moves
    ]
    return RulePreview(
        rule=rule,
        team=team_name,
        pool_cases=len(rows),
        pool_amount=sum(d[2] for d in detail.values()),
        moves=planned,
        agents=_shares(agents, holder_of, detail, moves),
    )


def _shares(
    agents: list[Any],
    holder_of: dict[str, str | None],
    detail: dict[str, tuple[str, int, int]],
    moves: list[rebalance.Move],
) -> list[AgentShare]:
    before: Counter[str | None] = Counter()
    amount_before: Counter[str | None] = Counter()
    for cid, holder in holder_of.items():
        before[holder] += 1
        amount_before[holder] += detail[cid][2]
    after, amount_after = Counter(before), Counter(amount_before)
    for m in moves:
        amount = detail[m.case_id][2]
        after[m.from_agent] -= 1
        amount_after[m.from_agent] -= amount
        after[m.to_agent] += 1
        amount_after[m.to_agent] += amount
    return [
        AgentShare(
            username=a.username,
            display_name=a.display_name,
            eligible=bool(a.active and not a.on_leave),
            on_leave=bool(a.on_leave),
            cases_before=before[a.username],
            amount_before=amount_before[a.username],
            cases_after=after[a.username],
            amount_after=amount_after[a.username],
        )
        for a in agents
    ]


# --- apply -----------------------------------------------------------------------------------


def _targets(session: Session, user: User, names: set[str]) -> dict[str, Any]:
    """The target agents, locked against a concurrent change of their state (FOR SHARE on
    PostgreSQL); 422 invalid_target listing each refused name with its reason."""
    rows = {
        r.username: r
        for r in session.execute(
            select(User.id, User.username, User.role, User.team_id, User.active, User.on_leave)
            .where(User.username.in_(sorted(names)))
            .order_by(User.id)
            .with_for_update(read=True)
        ).all()
    }
    refused = []
    for name in sorted(names):
        r = rows.get(name)
        if r is None or not team_in_scope(user, r.team_id) or r.team_id is None:
            reason = "not_in_team" if user.role == "team_lead" else "unknown_agent"
        elif r.role != "agent":
            reason = "not_an_agent"
        elif not r.active:
            reason = "disabled"
        elif r.on_leave:
            reason = "on_leave"
        else:
            continue
        refused.append({"username": name, "reason": reason})
    if refused:
        raise ApiError(
            422,
            "invalid_target",
            "cases can only go to active agents of the team who are not on leave: "
            + ", ".join(f"{r['username']} ({r['reason']})" for r in refused[:10]),
            {"agents": refused},
        )
    return rows


def _id_in(session: Session, ids: list[str]) -> Any:
    """`Case.id IN ids`: one array parameter on PostgreSQL (thousands of ids in one bind),
    an expanding list on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return Case.id == any_(bindparam("ids", ids, type_=ARRAY(String)))
    return Case.id.in_(ids)


def _locked_cases(session: Session, user: User, ids: list[str]) -> dict[str, Any]:
    rows = session.execute(
        select(Case.id, Case.assigned_to_id, Case.team_id, Case.status)
        .where(_id_in(session, ids), visible_cases_clause(user))
        .order_by(Case.id)
        .with_for_update(of=Case)
    ).all()
    found = {r.id: r for r in rows}
    if len(found) != len(ids):
        missing = sorted(set(ids) - found.keys())
        raise ApiError(404, "not_found", "case not found", {"case_ids": missing[:_MAX_DETAILS]})
    return found


def apply_moves(session: Session, user: User, req: ApplyMoves) -> ApplyResult:
    """Apply every move or none (see the module docstring); the caller is a lead or admin."""
    ids = [str(m.case_id) for m in req.moves]  # the canonical text of each UUID
    dupes = sorted(k for k, n in Counter(ids).items() if n > 1)
    if dupes:
        raise ApiError(
            422, "duplicate_case", "a case appears in two moves", {"case_ids": dupes[:50]}
        )
    if req.rule is not None and req.rule.team is not None:
        resolve_team(session, user, req.rule.team)  # 404 for a lead naming another team
    cases = _locked_cases(session, user, sorted(ids))
    targets = _targets(session, user, {m.to_agent for m in req.moves})
    holder_ids = {c.assigned_to_id for c in cases.values() if c.assigned_to_id is not None}
    usernames = dict(
        session.execute(select(User.id, User.username).where(User.id.in_(holder_ids))).all()
    )
    moved_meanwhile = []
    for cid, m in zip(ids, req.moves, strict=True):
        c = cases[cid]
        actual = usernames.get(c.assigned_to_id) if c.assigned_to_id is not None else None
        if c.status not in ACTIVE_STATUSES or actual != m.from_agent:
            moved_meanwhile.append(
                {
                    "case_id": cid,
                    "expected": m.from_agent,
                    "actual": actual,
                    "status": c.status,
                }
            )
    if moved_meanwhile:
        raise ApiError(
            409,
            "case_moved",
            f"{len(moved_meanwhile)} case(s) changed holder or closed since they were listed;"
            " nothing was moved (refresh and try again)",
            {"cases": moved_meanwhile[:_MAX_DETAILS], "count": len(moved_meanwhile)},
        )
    rows = []
    for cid, m in zip(ids, req.moves, strict=True):
        c, t = cases[cid], targets[m.to_agent]
        if c.assigned_to_id == t.id and c.team_id == t.team_id:
            continue
        rows.append(
            {
                "case_id": cid,
                "from_user_id": c.assigned_to_id,
                "from_team_id": c.team_id,
                "to_user_id": t.id,
                "to_team_id": t.team_id,
                "from_user": m.from_agent,
                "to_user": m.to_agent,
            }
        )
    batch = str(uuid.uuid4())
    if rows:
        _write(session, user, rows, batch=batch, req=req)
    session.commit()
    given = Counter(r["from_user"] for r in rows if r["from_user"] is not None)
    received = Counter(r["to_user"] for r in rows)
    return ApplyResult(
        batch_id=batch,
        moved=len(rows),
        unchanged=len(req.moves) - len(rows),
        agents=[
            AgentReceived(username=n, received=received[n], given=given[n])
            for n in sorted(set(given) | set(received))
        ],
    )


def _write(
    session: Session,
    user: User,
    rows: list[dict[str, Any]],
    *,
    batch: str,
    req: ApplyMoves,
) -> None:
    """The moves, set-based: assignment history, cases, change log, audit."""
    now = utcnow()
    run = SqlRunner(session, now=now)
    run.create_temp(
        "reassign_moves",
        "case_id VARCHAR(36) PRIMARY KEY, from_user_id INTEGER, from_team_id INTEGER,"
        " to_user_id INTEGER NOT NULL, to_team_id INTEGER",
    )
    cols = ("case_id", "from_user_id", "from_team_id", "to_user_id", "to_team_id")
    if run.dialect.pg:  # one statement, five array parameters
        session.execute(
            text(
                f"INSERT INTO reassign_moves ({', '.join(cols)}) SELECT * FROM unnest("
                "CAST(:case_id AS varchar[]), CAST(:from_user_id AS integer[]),"
                " CAST(:from_team_id AS integer[]), CAST(:to_user_id AS integer[]),"
                " CAST(:to_team_id AS integer[]))"
            ),
            {c: [r[c] for r in rows] for c in cols},
        )
        run.execute("ANALYZE reassign_moves")  # the planner's row count for the joins below
    else:
        session.execute(
            text(
                f"INSERT INTO reassign_moves ({', '.join(cols)})"
                " VALUES (:case_id, :from_user_id, :from_team_id, :to_user_id, :to_team_id)"
            ),
            [{c: r[c] for c in cols} for r in rows],
        )
    mv = table(
        "reassign_moves",
        column("case_id"),
        column("from_user_id"),
        column("from_team_id"),
        column("to_user_id"),
        column("to_team_id"),
    )
    record_reassignments_sql(
        session,
        select(
            mv.c.case_id,
            mv.c.from_user_id.cast(Integer),
            mv.c.from_team_id.cast(Integer),
            mv.c.to_user_id.cast(Integer),
            mv.c.to_team_id.cast(Integer),
        ),
    )
    run.execute(
        "UPDATE case_assignments SET ended_at = :now WHERE ended_at IS NULL"
        " AND case_id IN (SELECT case_id FROM reassign_moves)",
        {"now": now},
    )
    run.execute(
        "UPDATE cases SET assigned_to_id = m.to_user_id, team_id = m.to_team_id,"
        " assigned_at = :now, updated_at = :now FROM reassign_moves m WHERE cases.id = m.case_id",
        {"now": now},
    )
    run.execute(
        "INSERT INTO case_assignments (case_id, user_id, team_id, assigned_at, assigned_by_id)"
        " SELECT case_id, to_user_id, to_team_id, :now, :by FROM reassign_moves",
        {"now": now, "by": user.id},
    )
    # one audit row per moved case, written by the database from the moves (set-based)
    obj = "json_build_object" if run.dialect.pg else "json_object"
    run.execute(
        "INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, details)"
        " SELECT :now, :actor_id, :actor, 'case.reassign', 'case', m.case_id,"
        f" {obj}('from_user_id', m.from_user_id, 'from_user', fu.username,"
        " 'from_team_id', m.from_team_id, 'to_user', tu.username, 'to_team_id', m.to_team_id,"
        " 'reason', CAST(:reason AS VARCHAR), 'batch', CAST(:batch AS VARCHAR))"
        " FROM reassign_moves m JOIN users tu ON tu.id = m.to_user_id"
        " LEFT JOIN users fu ON fu.id = m.from_user_id",
        {"now": now, "actor_id": user.id, "actor": user.username, "reason": req.reason,
         "batch": batch},
    )  # fmt: skip
    run.drop_all()
    rule = req.rule.model_dump(mode="json") if req.rule is not None else None
    audit(
        session,
        actor=user,
        action="case.reassign_batch",
        entity="batch",
        entity_id=batch,
        details={"moved": len(rows), "reason": req.reason, "rule": rule},
    )

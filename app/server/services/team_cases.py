"""The team's cases for the lead's console: every case of the team (an admin: of a team or
of all) with its agent, bucket, DPD, amount, last contact and latest promise; filtered,
searched, sorted and paged in SQL (Core), at 20,000+ cases.

Scope is `visible_cases_clause` (a lead: the team's cases) narrowed to the requested team
(services/team_scope). The per-bucket counts cover the filter without its bucket selection
(as the agent worklist's do); `total` counts the selected buckets. The same query, without
the page cut, feeds the export (`iter_rows`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from app.protocol.team import TeamCasePage, TeamCaseRow
from app.server.models import Case, Promise, Team, User
from app.server.scope import visible_cases_clause
from app.server.services.team_scope import TeamScope
from app.server.services.worklist import (
    ACTIVE_STATUSES,
    _escape,
    _search_clause,
    agent_in_scope,
)


@dataclass(frozen=True, slots=True)
class TeamCaseFilter:
    """What the caller asked for (validated by the route's query model)."""

    agent: str | None = None
    unassigned: bool = False
    buckets: tuple[str, ...] = ()
    status: str = "active"
    promise: str | None = None
    search: str | None = None
    sort: str = "next_action"
    order: str | None = None


def _latest_promise_status() -> Any:
    p = Promise.__table__.alias("lp")
    return (
        select(p.c.status)
        .where(p.c.case_id == Case.id)
        .order_by(p.c.created_at.desc(), p.c.id.desc())
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )


def _where(
    session: Session, user: User, team: TeamScope, f: TeamCaseFilter
) -> tuple[list[ColumnElement[bool]], dict[str, Any]]:
    where: list[ColumnElement[bool]] = [visible_cases_clause(user)]
    params: dict[str, Any] = {}
    if team.team_id is not None:
        where.append(Case.team_id == team.team_id)
    if f.status == "active":
        where.append(Case.status.in_(ACTIVE_STATUSES))
    elif f.status != "all":
        where.append(Case.status == f.status)
    if f.agent is not None:
        row = session.execute(select(User.id, User.team_id).where(User.username == f.agent)).first()
        agent_id = agent_in_scope(user, None if row is None else (row[0], row[1]))
        where.append(Case.assigned_to_id == agent_id)
    if f.unassigned:
        where.append(Case.assigned_to_id.is_(None))
    if f.promise == "none":
        where.append(~exists().where(Promise.case_id == Case.id).correlate(Case))
    elif f.promise is not None:
        where.append(_latest_promise_status() == f.promise)
    if f.search and f.search.strip():
        q = f.search.strip()
        digits = q.replace(" ", "").replace("-", "")
        kind = "digits" if digits.isdigit() and len(digits) >= 3 else "text"
        where.append(_search_clause(kind))
        params.update(q_like=f"%{_escape(q)}%", q_suffix=f"%{_escape(digits)}")
    return where, params


def _order(f: TeamCaseFilter) -> list[Any]:
    desc = f.order == "desc" if f.order else f.sort not in ("name", "agent", "last_contact")

    def d(col: Any) -> Any:
        return col.desc() if desc else col.asc()

    if f.sort == "dpd":
        keys = [d(Case.dpd), d(Case.overdue_total)]
    elif f.sort == "amount":
        keys = [d(Case.overdue_total), d(Case.dpd)]
    elif f.sort == "name":
        keys = [d(Case.borrower_name)]
    elif f.sort == "agent":
        keys = [d(func.coalesce(User.username, "")), Case.dpd.desc()]
    elif f.sort == "last_contact":
        # never contacted first when ascending (the cases nobody has called)
        never = Case.last_contact_at.is_(None)
        keys = [never.desc() if not desc else never.asc(), d(Case.last_contact_at)]
    else:  # next action: the stored priority carries the action tier (jobs/cases_sql)
        keys = [d(Case.priority)]
    return [*keys, Case.id.asc()]


_COLUMNS = (
    Case.id,
    Case.borrower_name,
    Case.status,
    Case.bucket,
    Case.dpd,
    Case.overdue_total,
    Case.priority,
    User.username,
    User.display_name,
    Team.name,
    Case.last_contact_at,
    Case.next_action_kind,
    Case.next_action_at,
    Case.phone_masked,
    Case.contract_no,
    Case.plate,
    Case.flags,
    Case.kind,
)


def _rows_stmt(where: list[ColumnElement[bool]], f: TeamCaseFilter) -> Select[*tuple[Any, ...]]:
    stmt = (
        select(*_COLUMNS)
        .select_from(Case)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .outerjoin(Team, Team.id == Case.team_id)
        .where(*where)
    )
    if f.buckets:
        stmt = stmt.where(Case.bucket.in_(f.buckets))
    return stmt.order_by(*_order(f))


def _promises(session: Session, case_ids: list[str]) -> dict[str, tuple[str, int, Any]]:
    """The latest promise (status, amount, date) of each case."""
    if not case_ids:
        return {}
    ranked = (
        select(
            Promise.case_id,
            Promise.status,
            Promise.amount,
            Promise.promised_on,
            func.row_number()
            .over(
                partition_by=Promise.case_id,
                order_by=(Promise.created_at.desc(), Promise.id.desc()),
            )
            .label("rn"),
        )
        .where(Promise.case_id.in_(case_ids))
        .subquery()
    )
    rows = session.execute(
        select(ranked.c.case_id, ranked.c.status, ranked.c.amount, ranked.c.promised_on).where(
            ranked.c.rn == 1
        )
    ).all()
    out: dict[str, tuple[str, int, Any]] = {}
    for case_id, status, amount, on in rows:
        out.setdefault(case_id, (status, amount, on))
    return out


def _row(r: Any, promise: tuple[str, int, Any] | None) -> TeamCaseRow:
    return TeamCaseRow(
        case_id=r[0],
        borrower_name=r[1],
        status=r[2],
        bucket=r[3],
        dpd=r[4],
        overdue_total=r[5],
        priority=r[6],
        assigned_to=r[7],
        agent_name=r[8],
        team=r[9],
        last_contact_at=r[10],
        next_action_kind=r[11],
        next_action_at=r[12],
        promise_status=promise[0] if promise else None,  # type: ignore[arg-type]
        promise_amount=promise[1] if promise else None,
        promise_date=promise[2] if promise else None,
        phone_masked=r[13],
        contract_no=r[14],
        plate=r[15],
        flags=list(r[16] or []),
        kind=r[17],
    )


def team_cases_page(
    session: Session,
    user: User,
    team: TeamScope,
    f: TeamCaseFilter,
    *,
    limit: int,
    offset: int,
) -> TeamCasePage:
    """One page of the team's cases, the filter's total and its per-bucket counts."""
    where, params = _where(session, user, team, f)
    counts = {
        str(b): int(n)
        for b, n in session.execute(
            select(Case.bucket, func.count())
            .select_from(Case)
            .where(*where)
            .group_by(Case.bucket)
            .order_by(Case.bucket),
            params,
        ).all()
    }
    total = sum(n for b, n in counts.items() if not f.buckets or b in f.buckets)
    rows = session.execute(_rows_stmt(where, f).limit(limit).offset(offset), params).all()
    promises = _promises(session, [r[0] for r in rows])
    return TeamCasePage(
        rows=[_row(r, promises.get(r[0])) for r in rows],
        total=total,
        limit=limit,
        offset=offset,
        bucket_counts=counts,
    )


def count_rows(session: Session, user: User, team: TeamScope, f: TeamCaseFilter) -> int:
    """How many rows `iter_rows` yields."""
    where, params = _where(session, user, team, f)
    stmt = select(func.count()).select_from(Case).where(*where)
    if f.buckets:
        stmt = stmt.where(Case.bucket.in_(f.buckets))
    return int(session.execute(stmt, params).scalar_one())


def iter_rows(
    session: Session, user: User, team: TeamScope, f: TeamCaseFilter, *, chunk: int = 2000
) -> Iterator[TeamCaseRow]:
    """Every matching row in the page order (for the export), read in chunks."""
    where, params = _where(session, user, team, f)
    stmt = _rows_stmt(where, f)
    offset = 0
    while True:
        rows = session.execute(stmt.limit(chunk).offset(offset), params).all()
        if not rows:
            return
        promises = _promises(session, [r[0] for r in rows])
        for r in rows:
            yield _row(r, promises.get(r[0]))
        if len(rows) < chunk:
            return
        offset += chunk


__all__ = ["TeamCaseFilter", "count_rows", "iter_rows", "team_cases_page"]

"""The worklist query: scoped, filtered, searched, sorted and paged in SQL (Core, not ORM).

Ordering "next_action" (the default) follows app.domain.priority: broken promises first
(oldest break first), then pending promises due today, then callbacks that are due
(earliest first), then the stored priority (risk x amount x bucket), then case id. The
action tier is computed at read time from the case's next-action columns, which every
write that schedules something keeps current (promises, callbacks, the daily promise
evaluation), so a callback that fell due an hour ago is on top now.

Two queries per page here (the SQLite path): one GROUP BY bucket over the filter (total and
per-bucket counts) and the page itself, sorted and cut on a narrow select of `cases` (id and
sort columns) before the 50 rows' details are read by primary key. What a row shows of the
borrower, loan and vehicle (name, main masked phone, contract number, plate) is copied onto
the case (jobs/case_display.py), so a page reads `cases` and `users` only; search matches
those copies and, for digits, the borrower's phone numbers. On PostgreSQL the route uses
worklist_pg, one statement built from the same pieces that also writes the JSON.
Statements are built once per "shape" (role scope, filters present, sort) with bind
parameters and reused, so a request does not rebuild them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from pydantic_core import to_json
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from app.protocol.desk import WorklistPage
from app.server.auth import TokenUser
from app.server.errors import not_found
from app.server.models import Case, Phone, User
from app.server.scope import bound_scope, bound_scope_clause, manages_user

ACTIVE_STATUSES = ("open", "recovery")
_ESC = "/"


@dataclass(frozen=True, slots=True)
class WorklistFilter:
    """What the caller asked for (validated by the route's query model)."""

    limit: int = 50
    offset: int = 0
    sort: str = "next_action"
    order: str | None = None  # asc|desc; default per sort key
    buckets: tuple[str, ...] = ()
    status: str = "active"
    search: str | None = None
    agent: str | None = None


@dataclass(frozen=True, slots=True)
class _Shape:
    """What decides the SQL text (values go in bind parameters)."""

    scope: str  # all | team | own | none
    status: str  # active | one | all
    agent: bool
    search: str  # "" | text | digits
    buckets: bool
    sort: str
    descending: bool


def _search_clause(kind: str) -> ColumnElement[bool]:
    # the name, contract and plate the worklist shows are on the case (jobs/case_display)
    parts: list[ColumnElement[bool]] = [
        Case.borrower_name.like(bindparam("q_like"), escape=_ESC),
        Case.contract_no.ilike(bindparam("q_like"), escape=_ESC),
        Case.plate.ilike(bindparam("q_like"), escape=_ESC),
    ]
    if kind == "digits":
        parts.append(
            exists()
            .where(
                Phone.borrower_id == Case.borrower_id,
                Phone.number.like(bindparam("q_suffix"), escape=_ESC),
            )
            .correlate(Case)
        )
    return or_(*parts)


def _where(shape: _Shape) -> list[ColumnElement[bool]]:
    clauses = [bound_scope_clause(shape.scope)]
    if shape.status == "active":
        # constants in the statement (not an expanding list): preparable on PostgreSQL
        clauses.append(Case.status.in_([literal(s) for s in ACTIVE_STATUSES]))
        # the calling queue: not a case whose catch-up plan performs, away from its due
        # dates (jobs/plan_queue.py sets the flag daily)
        clauses.append(Case.plan_quiet == false())
    elif shape.status == "one":
        clauses.append(Case.status == bindparam("status"))
    if shape.agent:
        clauses.append(Case.assigned_to_id == bindparam("agent_id"))
    if shape.search:
        clauses.append(_search_clause(shape.search))
    return clauses


def _tier() -> ColumnElement[int]:
    now, day_end = (
        bindparam("now", type_=Case.next_action_at.type),
        bindparam("day_end", type_=Case.next_action_at.type),
    )
    return case(
        (Case.next_action_kind == "broken_promise", 0),
        (
            and_(
                Case.next_action_kind == "promise_due",
                or_(Case.next_action_at.is_(None), Case.next_action_at < day_end),
            ),
            1,
        ),
        (and_(Case.next_action_kind == "callback", Case.next_action_at <= now), 2),
        else_=3,
    )


def _order_by(shape: _Shape, cols: Any) -> list[Any]:
    def direction(col: Any) -> Any:
        return col.desc() if shape.descending else col.asc()

    if shape.sort == "dpd":
        return [direction(cols.dpd), direction(cols.overdue_total), cols.id.asc()]
    if shape.sort == "amount":
        return [direction(cols.overdue_total), direction(cols.dpd), cols.id.asc()]
    if shape.sort == "name":
        return [direction(cols.sort_name), cols.id.asc()]
    if shape.descending:  # most urgent first
        return [cols.tier.asc(), cols.at.asc(), cols.priority.desc(), cols.id.asc()]
    return [cols.tier.desc(), cols.at.desc(), cols.priority.asc(), cols.id.desc()]


@lru_cache(maxsize=512)
def _count_stmt(shape: _Shape) -> Select[*tuple[Any, ...]]:
    stmt = select(Case.bucket, func.count()).select_from(Case)
    # ordered: the same bucket_counts key order on every path (tests compare the bytes)
    return stmt.where(*_where(shape)).group_by(Case.bucket).order_by(Case.bucket)


def _scoped(shape: _Shape) -> Select[*tuple[Any, ...]]:
    """The filter's cases (all buckets) with the sort columns only, before the cut: narrow,
    so an index that covers them can answer it without reading the table."""
    inner = select(
        Case.id,
        Case.bucket,
        Case.dpd,
        Case.overdue_total,
        Case.priority,
        _tier().label("tier"),
        func.coalesce(Case.next_action_at, bindparam("now", type_=Case.next_action_at.type)).label(
            "at"
        ),
    ).select_from(Case)
    if shape.sort == "name":
        inner = inner.add_columns(Case.borrower_name.label("sort_name"))
    return inner.where(*_where(shape))


@lru_cache(maxsize=512)
def _page_stmt(shape: _Shape) -> Select[*tuple[Any, ...]]:
    """Sort and cut on `cases` (subquery), then join the page's details by primary key."""
    inner = _scoped(shape)
    if shape.buckets:
        inner = inner.where(Case.bucket.in_(bindparam("buckets", expanding=True)))
    return _page_from(shape, inner.subquery("page"))


def _page_from(shape: _Shape, page: Any, numbered: bool = False) -> Select[*tuple[Any, ...]]:
    """The page cut from `page` (a subquery or CTE shaped like `_scoped`), with details;
    `numbered` adds the row's position in the page as column `rn` (for worklist_pg)."""
    cut = (
        select(page)
        .order_by(*_order_by(shape, page.c))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery("p")
    )
    p = cut.c
    # the details are on the case row (display columns) and its agent: two lookups per row
    stmt = (
        select(
            p.id.label("case_id"),
            Case.borrower_name,
            Case.status,
            p.bucket,
            p.dpd,
            p.overdue_total,
            p.priority,
            User.username.label("assigned_to"),
            Case.last_contact_at,
            Case.next_action_at,
            Case.next_action_kind,
            Case.phone_masked,
            Case.contract_no,
            Case.plate,
            Case.flags,
        )
        .select_from(cut)
        .join(Case, Case.id == p.id)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .order_by(*_order_by(shape, p))
    )
    if numbered:
        stmt = stmt.add_columns(func.row_number().over(order_by=_order_by(shape, p)).label("rn"))
    return stmt


AGENT_BY_NAME = select(User.id, User.team_id).where(User.username == bindparam("username"))


def agent_in_scope(user: User | TokenUser, agent: tuple[int, int | None] | None) -> int:
    """The id of the `?agent=` user (id, team_id) when the caller may see their cases,
    else 'not found' (an agent only themself, a lead their team, an admin anyone)."""
    if agent is None:
        raise not_found("agent")
    agent_id, team_id = agent
    if not manages_user(user, user_id=agent_id, team_id=team_id):
        raise not_found("agent")
    return int(agent_id)


def _agent_id(
    session: Session | Connection, user: User | TokenUser, agent: str | None
) -> int | None:
    if agent is None:
        return None
    row = session.execute(AGENT_BY_NAME, {"username": agent}).first()
    return agent_in_scope(user, None if row is None else (row[0], row[1]))


def _escape(text: str) -> str:
    return text.replace(_ESC, _ESC * 2).replace("%", _ESC + "%").replace("_", _ESC + "_")


def _shape_and_params(
    user: User | TokenUser,
    f: WorklistFilter,
    now: datetime,
    day_end: datetime,
    agent_id: int | None,
) -> tuple[_Shape, dict[str, Any]]:
    """The statement's shape and its bind values (`agent_id`: the checked `?agent=`)."""
    scope, bound = bound_scope(user)
    params: dict[str, Any] = {
        **bound,
        "now": now,
        "day_end": day_end,
        "limit": f.limit,
        "offset": f.offset,
    }
    status = "active" if f.status == "active" else "all" if f.status == "all" else "one"
    params["status"] = f.status
    params["agent_id"] = agent_id
    search = ""
    if f.search and f.search.strip():
        q = f.search.strip()
        digits = q.replace(" ", "").replace("-", "")
        search = "digits" if digits.isdigit() and len(digits) >= 3 else "text"
        params["q_like"] = f"%{_escape(q)}%"
        params["q_suffix"] = f"%{_escape(digits)}"
    if f.buckets:
        params["buckets"] = list(f.buckets)
    descending = (f.sort != "name") if f.order is None else f.order == "desc"
    shape = _Shape(scope, status, agent_id is not None, search, bool(f.buckets), f.sort, descending)
    return shape, params


def _page_dict(
    session: Session, user: User, f: WorklistFilter, now: datetime, day_end: datetime
) -> dict[str, Any]:
    """The page as the JSON object of a WorklistPage (field order of the model); values come
    from typed columns of stored (validated) rows."""
    agent_id = _agent_id(session, user, f.agent)
    shape, params = _shape_and_params(user, f, now, day_end, agent_id)
    # Core statements on the connection: no ORM result machinery per row
    conn = session.connection()
    counts = {str(b): int(n) for b, n in conn.execute(_count_stmt(shape), params).all()}
    total = sum(n for b, n in counts.items() if not f.buckets or b in f.buckets)
    rows: list[dict[str, Any]] = []
    if total > f.offset:
        rows = [
            {
                "case_id": r[0],
                "borrower_name": r[1],
                "status": r[2],
                "bucket": r[3],
                "dpd": r[4],
                "overdue_total": r[5],
                "priority": r[6],
                "assigned_to": r[7],
                "last_contact_at": r[8],
                "next_action_at": r[9],
                "next_action_kind": r[10],
                "callable_now": None,
                "phone_masked": r[11],
                "contract_no": r[12],
                "plate": r[13],
                "flags": list(r[14] or []),
            }
            for r in conn.execute(_page_stmt(shape), params)
        ]
    return {"rows": rows, "total": total, "limit": f.limit, "offset": f.offset,
            "bucket_counts": counts}  # fmt: skip


def worklist_page(
    session: Session, user: User, f: WorklistFilter, *, now: datetime, day_end: datetime
) -> WorklistPage:
    """One page of the caller's worklist, its total and per-bucket counts."""
    return WorklistPage.model_validate(_page_dict(session, user, f, now, day_end))


def worklist_page_json(
    session: Session, user: User, f: WorklistFilter, *, now: datetime, day_end: datetime
) -> bytes:
    """The same page as `worklist_page`, written as JSON in one pass (no model per row);
    tests/server/test_worklist_json.py checks it equals the validated model's JSON."""
    return to_json(_page_dict(session, user, f, now, day_end))

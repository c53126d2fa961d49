"""The worklist query: scoped, filtered, searched, sorted and paged in SQL (Core, not ORM).

Ordering "next_action" (the default) follows app.domain.priority: broken promises first
(oldest break first), then pending promises due today, then callbacks that are due
(earliest first), then the stored priority (risk x amount x bucket), then case id. The
action tier is computed at read time (a callback scheduled an hour ago is due now even if
the daily run has not seen it). Counts come from one GROUP BY bucket over the same filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from app.protocol.desk import WorklistPage, WorklistRow
from app.server.api.deps import visible_cases_clause
from app.server.errors import not_found
from app.server.models import Borrower, Callback, Case, Loan, Phone, Promise, User, Vehicle

ACTIVE_STATUSES = ("open", "recovery")
_V = aliased(Vehicle)


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


def _agent_clause(session: Session, user: User, agent: str | None) -> ColumnElement[bool] | None:
    """Restrict to one agent's cases; an agent outside the caller's scope is 'not found'."""
    if agent is None:
        return None
    target = session.execute(select(User).where(User.username == agent)).scalar_one_or_none()
    if target is None:
        raise not_found("agent")
    if user.role == "agent" and target.id != user.id:
        raise not_found("agent")
    if user.role == "team_lead" and (user.team_id is None or target.team_id != user.team_id):
        raise not_found("agent")
    return Case.assigned_to_id == target.id


def _search_clause(text: str) -> ColumnElement[bool]:
    q = text.strip()
    digits = q.replace(" ", "").replace("-", "")
    parts: list[ColumnElement[bool]] = [
        Borrower.name.contains(q, autoescape=True),
        Loan.contract_no.icontains(q, autoescape=True),
        exists()
        .where(_V.loan_id == Case.loan_id, _V.plate.icontains(q, autoescape=True))
        .correlate(Case),
    ]
    if digits.isdigit() and len(digits) >= 3:
        parts.append(
            exists().where(
                Phone.borrower_id == Case.borrower_id,
                Phone.number.endswith(digits, autoescape=True),
            )
        )
    return or_(*parts)


def _where(session: Session, user: User, f: WorklistFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [visible_cases_clause(user)]
    if f.status == "active":
        clauses.append(Case.status.in_(ACTIVE_STATUSES))
    elif f.status != "all":
        clauses.append(Case.status == f.status)
    agent_clause = _agent_clause(session, user, f.agent)
    if agent_clause is not None:
        clauses.append(agent_clause)
    if f.search:
        clauses.append(_search_clause(f.search))
    return clauses


def _tier(now: datetime, today: date) -> ColumnElement[int]:
    promise_today = exists().where(
        Promise.case_id == Case.id, Promise.status == "pending", Promise.promised_on == today
    )
    callback_due = exists().where(
        Callback.case_id == Case.id, Callback.done.is_(False), Callback.due_at <= now
    )
    return case(
        (Case.next_action_kind == "broken_promise", 0),
        (or_(Case.next_action_kind == "promise_due", promise_today), 1),
        (
            or_(
                and_(Case.next_action_kind == "callback", Case.next_action_at <= now),
                callback_due,
            ),
            2,
        ),
        else_=3,
    )


def _order_by(f: WorklistFilter, now: datetime, today: date) -> list[ColumnElement[object]]:
    desc_default = {"next_action": True, "dpd": True, "amount": True, "name": False}
    descending = desc_default[f.sort] if f.order is None else f.order == "desc"

    def direction(col: ColumnElement[object]) -> ColumnElement[object]:
        return col.desc() if descending else col.asc()

    if f.sort == "dpd":
        return [direction(Case.dpd), direction(Case.overdue_total), Case.id.asc()]
    if f.sort == "amount":
        return [direction(Case.overdue_total), direction(Case.dpd), Case.id.asc()]
    if f.sort == "name":
        return [direction(Borrower.name), Case.id.asc()]
    tier = _tier(now, today)
    at = func.coalesce(Case.next_action_at, literal(now))
    if descending:
        return [tier.asc(), at.asc(), Case.priority.desc(), Case.id.asc()]
    return [tier.desc(), at.desc(), Case.priority.asc(), Case.id.desc()]


def worklist_page(
    session: Session, user: User, f: WorklistFilter, *, now: datetime, today: date
) -> WorklistPage:
    """One page of the caller's worklist, its total and per-bucket counts."""
    where = _where(session, user, f)
    base = select(Case.bucket, func.count()).select_from(Case)
    if f.search:
        base = base.join(Loan, Loan.id == Case.loan_id).join(
            Borrower, Borrower.id == Case.borrower_id
        )
    counts = {
        str(b): int(n) for b, n in session.execute(base.where(*where).group_by(Case.bucket)).all()
    }
    total = sum(n for b, n in counts.items() if not f.buckets or b in f.buckets)
    rows: list[WorklistRow] = []
    if total > f.offset:
        rows = _rows(session, where, f, now=now, today=today)
    return WorklistPage(
        rows=rows, total=total, limit=f.limit, offset=f.offset, bucket_counts=counts
    )


def _rows(
    session: Session,
    where: list[ColumnElement[bool]],
    f: WorklistFilter,
    *,
    now: datetime,
    today: date,
) -> list[WorklistRow]:
    phone = (
        select(Phone.number_masked)
        .where(Phone.borrower_id == Case.borrower_id, Phone.owner == "borrower")
        .order_by(Phone.sort_order)
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            Case.id,
            Borrower.name,
            Case.status,
            Case.bucket,
            Case.dpd,
            Case.overdue_total,
            Case.priority,
            User.username,
            Case.last_contact_at,
            Case.next_action_at,
            Case.next_action_kind,
            phone.label("phone"),
            Loan.contract_no,
            Vehicle.plate,
            Case.flags,
        )
        .select_from(Case)
        .join(Loan, Loan.id == Case.loan_id)
        .join(Borrower, Borrower.id == Case.borrower_id)
        .outerjoin(Vehicle, Vehicle.loan_id == Case.loan_id)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .where(*where)
        .order_by(*_order_by(f, now, today))
        .limit(f.limit)
        .offset(f.offset)
    )
    if f.buckets:
        stmt = stmt.where(Case.bucket.in_(f.buckets))
    return [
        WorklistRow(
            case_id=r[0],
            borrower_name=r[1],
            status=r[2],
            bucket=r[3],
            dpd=r[4],
            overdue_total=r[5],
            priority=r[6],
            assigned_to=r[7],
            last_contact_at=r[8],
            next_action_at=r[9],
            next_action_kind=r[10],
            phone_masked=r[11],
            contract_no=r[12],
            plate=r[13],
            flags=list(r[14] or []),
        )
        for r in session.execute(stmt).all()
    ]

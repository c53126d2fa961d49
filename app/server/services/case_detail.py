"""Case detail and the contact-policy answer for one number of a case.

Everything is scoped: a case outside the caller's view is 'not found'. PII stays masked
(the clear values are only returned by the audited reveal route); opening a case is itself
written to the audit log (who viewed what, PIPL Art. 51).
"""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Date, bindparam, select
from sqlalchemy.orm import Session, selectinload

from app.protocol.desk import CaseDetail, OverdueBreakdown, OverdueLine
from app.server import scope
from app.server.audit import audit
from app.server.errors import not_found
from app.server.models import (
    Borrower,
    Callback,
    Case,
    ContactAttempt,
    Installment,
    Loan,
    Note,
    Plan,
    Promise,
    Team,
    User,
)
from app.server.models.book import INSTALLMENT_IN_FORCE
from app.server.services import bundle_rows, bundles


def visible_case(session: Session, user: User, case_id: str) -> Case:
    """The case if the caller may see it, else ApiError 404 (existence is not leaked)."""
    try:
        return scope.visible_case(session, user, case_id)
    except scope.OutOfScope:
        raise not_found("case") from None


def overdue_breakdown(case: Case, installments: list[Installment], today: date) -> OverdueBreakdown:
    """Per-installment overdue amounts as of the last overdue run (stored penalty)."""
    lines: list[OverdueLine] = []
    for inst in installments:
        if inst.due_date >= today:
            continue
        principal = max(inst.principal - inst.paid_principal, 0)
        interest = max(inst.interest - inst.paid_interest - inst.waived_interest, 0)
        penalty = max(inst.penalty - inst.paid_penalty - inst.waived_penalty, 0)
        fees = max(inst.fees - inst.paid_fees - inst.waived_fees, 0)
        total = principal + interest + penalty + fees
        if principal + interest == 0 and total == 0:
            continue
        lines.append(
            OverdueLine(
                n=inst.n,
                due_date=inst.due_date,
                days_overdue=(today - inst.due_date).days,
                principal=principal,
                interest=interest,
                penalty=penalty,
                fees=fees,
                total=total,
            )
        )
    return OverdueBreakdown(
        dpd=case.dpd,
        bucket=case.bucket,  # type: ignore[arg-type]
        lines=lines,
        principal=sum(ln.principal for ln in lines),
        interest=sum(ln.interest for ln in lines),
        penalty=sum(ln.penalty for ln in lines),
        fees=sum(ln.fees for ln in lines),
        total=sum(ln.total for ln in lines),
    )


def _names(session: Session, case: Case) -> tuple[dict[int, str], dict[int, str]]:
    users: dict[int, str] = {}
    if case.assigned_to_id is not None:
        name = session.scalar(select(User.username).where(User.id == case.assigned_to_id))
        if name:
            users[case.assigned_to_id] = name
    teams: dict[int, str] = {}
    if case.team_id is not None:
        team = session.scalar(select(Team.name).where(Team.id == case.team_id))
        if team:
            teams[case.team_id] = team
    return users, teams


_I = Installment
_DUE_INSTALLMENTS = (
    select(_I.n, _I.due_date, _I.principal, _I.paid_principal, _I.interest, _I.paid_interest,
           _I.waived_interest, _I.penalty, _I.paid_penalty, _I.waived_penalty, _I.fees,
           _I.paid_fees, _I.waived_fees)
    .where(_I.loan_id == bindparam("loan_id"), _I.due_date < bindparam("today", type_=Date()),
           _I.status == INSTALLMENT_IN_FORCE)
    .order_by(_I.n)
)  # fmt: skip


def _overdue_rows(session: Session, case: Case, today: date) -> OverdueBreakdown:
    """`overdue_breakdown` from Core rows of the loan's installments (no ORM objects)."""
    rows = session.execute(_DUE_INSTALLMENTS, {"loan_id": case.loan_id, "today": today})
    return overdue_breakdown(case, [SimpleNamespace(**r._mapping) for r in rows], today)  # type: ignore[misc]


def _newest_first(items: list[dict[str, Any]], key: str, *, reverse: bool = True) -> list[Any]:
    return sorted(items, key=lambda d: datetime.fromisoformat(d[key]), reverse=reverse)


def case_detail(session: Session, user: User, case_id: str, *, today: date) -> CaseDetail:
    """Everything the desk shows for one case; audited as a view. Set-based loaders of the
    sync feed (bundle_rows: Core rows, a query per entity kind) and one validation."""
    case = visible_case(session, user, case_id)
    users, teams = bundle_rows.name_maps(session)
    borrower = bundle_rows.load_borrowers(session, {case.borrower_id})[case.borrower_id]
    loan = bundle_rows.load_loans(session, {case.loan_id}, today)[case.loan_id]
    kids: dict[str, list[dict[str, Any]]] = {}
    for entity, (_model, loader) in bundle_rows.CHILD_LOADERS.items():
        kids[entity] = [d for (_i, _c, d) in loader(session, "case_id", [case.id], users)]
    detail = CaseDetail.model_validate(
        {
            "case": bundle_rows.case_payload(case, users, teams),
            "borrower": borrower,
            "loan": loan,
            "overdue": _overdue_rows(session, case, today),
            "contacts": _newest_first(kids["contact_attempt"], "started_at"),
            "notes": _newest_first(kids["note"], "created_at"),
            "promises": _newest_first(kids["promise"], "created_at"),
            "plans": _newest_first(kids["plan"], "created_at"),
            "callbacks": _newest_first(kids["callback"], "due_at", reverse=False),
        }
    )
    audit(session, actor=user, action="case.view", entity="case", entity_id=case.id)
    session.commit()
    return detail


def case_detail_orm(session: Session, user: User, case_id: str, *, today: date) -> CaseDetail:
    """The ORM reference of `case_detail` (tests check both answer the same)."""
    case = visible_case(session, user, case_id)
    borrower = session.scalars(
        select(Borrower)
        .where(Borrower.id == case.borrower_id)
        .options(selectinload(Borrower.phones))
    ).one()
    loan = session.scalars(
        select(Loan)
        .where(Loan.id == case.loan_id)
        .options(selectinload(Loan.installments), selectinload(Loan.payments))
    ).one()
    usernames, teams = _names(session, case)

    def children(model: Any, order: Any) -> list[Any]:
        return list(session.scalars(select(model).where(model.case_id == case.id).order_by(order)))

    detail = CaseDetail(
        case=bundles.case_data(case, usernames, teams),
        borrower=bundles.borrower_data(borrower),
        loan=bundles.loan_data(loan, today),
        overdue=overdue_breakdown(case, list(loan.installments), today),
        contacts=[
            bundles.contact_data(c)
            for c in children(ContactAttempt, ContactAttempt.started_at.desc())
        ],
        notes=[bundles.note_data(n) for n in children(Note, Note.created_at.desc())],
        promises=[bundles.promise_data(p) for p in children(Promise, Promise.created_at.desc())],
        plans=[bundles.plan_data(p) for p in children(Plan, Plan.created_at.desc())],
        callbacks=[bundles.callback_data(c) for c in children(Callback, Callback.due_at.asc())],
    )
    audit(session, actor=user, action="case.view", entity="case", entity_id=case.id)
    session.commit()
    return detail

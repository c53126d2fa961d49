"""The approval queue: plans pending approval on the team's cases, each recomputed now.

Each plan's stored inputs (the agent's PlanPayload) are run again through the domain
calculator (services/plan_adapter) on the case's current arrears and today's date: with the
author's role for the figures and the rules the plan exceeds (authority rules, in Chinese
and English) and any other rule it breaks now (e.g. its first date has passed); with the
caller's role to say whether the caller may approve it (the approve route decides the same
way). The decision itself is POST /plans/{id}/approve|reject (services/plan_approval).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.protocol.sync import PlanPayload
from app.protocol.team import (
    ApprovalCase,
    ApprovalItem,
    ApprovalQueue,
    PlanFigures,
    PlanLineFigure,
    RuleBreach,
)
from app.server.models import Case, Plan, User
from app.server.scope import visible_cases_clause
from app.server.services import bundles, plan_adapter
from app.server.services.team_scope import TeamScope


def _breaches(violations: Any) -> list[RuleBreach]:
    return [
        RuleBreach(code=v.code, message_zh=v.message_zh, message_en=v.message_en)
        for v in violations
    ]


def _figures(payload: PlanPayload, result: Any) -> PlanFigures:
    w = result.waived
    return PlanFigures(
        kind=str(payload.kind),
        amount_due=result.amount_due.fen,
        total_payment=result.total_payment.fen,
        total_interest=result.total_interest.fen,
        down_payment=payload.down_payment,
        payments=len([ln for ln in result.lines if ln.n > 0]),
        first_date=payload.first_date,
        waived_principal=w.principal.fen,
        waived_interest=w.interest.fen,
        waived_penalty=w.penalty.fen,
        waived_fees=w.fees.fen,
        new_principal=result.new_principal.fen if result.new_principal is not None else None,
        extension_months=result.extension_months,
        lines=[
            PlanLineFigure(
                n=ln.n, due_date=ln.due_date, amount=ln.amount.fen, interest=ln.interest.fen
            )
            for ln in result.lines
        ],
    )


def _case(case: Case) -> ApprovalCase:
    return ApprovalCase(
        case_id=case.id,
        borrower_name=case.borrower_name,
        bucket=case.bucket,  # type: ignore[arg-type]
        dpd=case.dpd,
        overdue_principal=case.overdue_principal,
        overdue_interest=case.overdue_interest,
        overdue_penalty=case.overdue_penalty,
        overdue_fees=case.overdue_fees,
        overdue_total=case.overdue_total,
        assigned_to=case.assigned_to.username if case.assigned_to else None,
        team=case.assigned_to.team_name if case.assigned_to else None,
    )


def approval_item(plan: Plan, case: Case, user: User, *, today: date) -> ApprovalItem:
    """One queue entry: the plan, its case, the figures and the rules, for `user`."""
    data = bundles.plan_data(plan)
    try:
        payload = PlanPayload.model_validate(plan.inputs)
        result = plan_adapter.calculate_result(case, payload, role=plan.author.role, today=today)
        mine = plan_adapter.calculate_result(case, payload, role=user.role, today=today)
    except (DomainError, ValidationError) as exc:
        return ApprovalItem(
            plan=data,
            case=_case(case),
            figures=None,
            exceeds=[],
            invalid=[],
            within_your_authority=False,
            error=str(exc),
        )
    return ApprovalItem(
        plan=data,
        case=_case(case),
        figures=_figures(payload, result),
        exceeds=_breaches(v for v in result.violations if v.is_authority),
        invalid=_breaches(v for v in result.violations if not v.is_authority),
        within_your_authority=not mine.violations,
    )


def _query(user: User, team: TeamScope) -> Any:
    stmt = (
        select(Plan)
        .join(Case, Case.id == Plan.case_id)
        .where(Plan.status == "pending_approval", visible_cases_clause(user))
    )
    if team.team_id is not None:
        stmt = stmt.where(Case.team_id == team.team_id)
    return stmt


def approval_queue(
    session: Session, user: User, team: TeamScope, *, today: date, limit: int, offset: int
) -> ApprovalQueue:
    """Plans pending approval on the team's cases, oldest first."""
    stmt = _query(user, team)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    plans = list(
        session.scalars(stmt.order_by(Plan.created_at, Plan.id).limit(limit).offset(offset))
    )
    items = []
    for plan in plans:
        case = session.get(Case, plan.case_id)
        assert case is not None  # joined above
        items.append(approval_item(plan, case, user, today=today))
    return ApprovalQueue(items=items, total=int(total), limit=limit, offset=offset)


def all_items(session: Session, user: User, team: TeamScope, *, today: date) -> list[ApprovalItem]:
    """Every pending plan of the team (the export)."""
    plans = list(session.scalars(_query(user, team).order_by(Plan.created_at, Plan.id)))
    out = []
    for plan in plans:
        case = session.get(Case, plan.case_id)
        assert case is not None
        out.append(approval_item(plan, case, user, today=today))
    return out

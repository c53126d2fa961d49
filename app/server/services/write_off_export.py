"""The write-offs export: what kept settlements and booked restructures forgave, per loan.

Rows are the `write_offs` of cases the caller may see (scope.visible_cases_clause), of the
team asked for, newest first; the borrower's name is masked like every export
(services/export_files). Read by GET /team/write-offs/export (audited `export.write_offs`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.masking import mask_name
from app.server.models import Case, User, WriteOff
from app.server.scope import visible_cases_clause
from app.server.services.export_files import yuan
from app.server.services.team_scope import TeamScope

WRITE_OFF_COLUMNS: list[tuple[str, str]] = [
    ("核销日期", "booked on"),
    ("类型", "kind"),
    ("合同号", "contract no"),
    ("借款人", "borrower"),
    ("案件编号", "case id"),
    ("方案编号", "plan id"),
    ("本金(元)", "principal (CNY)"),
    ("利息(元)", "interest (CNY)"),
    ("罚息(元)", "penalty (CNY)"),
    ("费用(元)", "fees (CNY)"),
    ("合计(元)", "total (CNY)"),
    ("结清时未还余额(元)", "balance closed (CNY)"),
]


def _query(user: User, team: TeamScope) -> Any:
    stmt = (
        select(WriteOff, Case.contract_no, Case.borrower_name)
        .join(Case, Case.id == WriteOff.case_id)
        .where(visible_cases_clause(user))
    )
    if team.team_id is not None:
        stmt = stmt.where(Case.team_id == team.team_id)
    return stmt


def count_rows(session: Session, user: User, team: TeamScope) -> int:
    stmt = _query(user, team)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def write_off_rows(session: Session, user: User, team: TeamScope) -> Iterator[list[Any]]:
    """One row per write-off, newest first."""
    stmt = _query(user, team).order_by(WriteOff.booked_on.desc(), WriteOff.id)
    for w, contract_no, borrower in session.execute(stmt):
        yield [
            w.booked_on,
            w.kind,
            contract_no,
            mask_name(borrower),
            w.case_id,
            w.plan_id,
            yuan(w.principal),
            yuan(w.interest),
            yuan(w.penalty),
            yuan(w.fees),
            yuan(w.total),
            yuan(w.balance_closed),
        ]

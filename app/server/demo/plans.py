"""Plans awaiting approval in the demo book, so a lead who signs in to the demo finds an
approval queue: on each team's cases with the most penalty interest, the case's agent
proposes (through the same `ops.propose_plan` the desk's sync uses) one of three plans that
are beyond an agent's authority — two within a lead's (penalty / fee waivers), one that
only an admin may approve (an interest waiver). Deterministic: cases in contract order."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.protocol.sync import PlanPayload
from app.server.errors import ApiError
from app.server.models import Case, User
from app.server.services.ops import OpRejected, propose_plan
from app.server.settings import Settings

log = logging.getLogger(__name__)
PLANS_PER_TEAM = 4
_SHANGHAI = ZoneInfo("Asia/Shanghai")
_NAMESPACE = uuid.UUID("6f1c0e0a-4d1b-4c55-9d0e-000000000d00")


def _payload(n: int, case: Case, today: date, at: datetime) -> PlanPayload:
    first = today + timedelta(days=7)
    if n % 4 == 1:  # a settlement with part of the interest waived: an admin's call
        return PlanPayload(
            kind="settlement",
            payments=1,
            first_date=first,
            waive_penalty=case.overdue_penalty,
            waive_interest=case.overdue_interest * 3 // 10,
            created_at=at,
        )
    if n % 4 == 2:  # every penalty and fee waived, six payments
        return PlanPayload(
            kind="catch_up",
            payments=6,
            first_date=first,
            waive_penalty=case.overdue_penalty,
            waive_fees=case.overdue_fees,
            created_at=at,
        )
    return PlanPayload(  # 80 % of the penalty waived (an agent may waive half)
        kind="catch_up",
        payments=3,
        first_date=first,
        waive_penalty=case.overdue_penalty * 8 // 10,
        created_at=at,
    )


def add_pending_plans(session: Session, *, today: date, settings: Settings) -> int:
    """Propose the demo's plans awaiting approval; returns how many are pending."""
    at = datetime.combine(today, time(9, 30), _SHANGHAI).astimezone(UTC)
    agents = {u.id: u for u in session.scalars(select(User).where(User.role == "agent"))}
    made = 0
    for team_id in sorted({u.team_id for u in agents.values() if u.team_id is not None}):
        cases = session.scalars(
            select(Case)
            .where(
                Case.team_id == team_id,
                Case.status == "open",
                Case.assigned_to_id.is_not(None),
                Case.overdue_penalty > 0,
            )
            .order_by(Case.overdue_penalty.desc(), Case.contract_no)
            .limit(PLANS_PER_TEAM * 3)
        ).all()
        n = 0
        for case in cases:
            if n == PLANS_PER_TEAM:
                break
            author = agents.get(case.assigned_to_id or 0)
            if author is None:
                continue
            plan_id = str(uuid.uuid5(_NAMESPACE, case.id))
            try:
                plan = propose_plan(
                    session,
                    author,
                    case_id=case.id,
                    plan_id=plan_id,
                    payload=_payload(n, case, today, at),
                    settings=settings,
                )
            except (OpRejected, ApiError):
                continue  # this case's figures do not make a valid plan: the next one
            n += 1
            made += plan.status == "pending_approval"
    session.commit()
    log.info("demo: %d plans awaiting approval", made)
    return made

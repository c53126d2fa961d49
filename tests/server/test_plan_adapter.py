"""The server's bridge to the plan calculator: a restructure's 展期 is measured from the
loan's real maturity date (its last scheduled installment) to the plan's last due date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.domain.plans import months_to_reach
from app.domain.schedules import add_months
from app.protocol.sync import PlanPayload
from app.server.models import Case
from app.server.services.plan_adapter import calculate
from tests.server.conftest import SeededCase, business_today


def test_restructure_extension_runs_from_the_loan_maturity(
    make_case: Callable[..., SeededCase], session_factory: sessionmaker[Session]
) -> None:
    seeded = make_case(dpd=45, months=36)  # 36-month loan: at most 18 months of 展期
    today = business_today()
    with session_factory() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None
        dues = sorted(i.due_date for i in case.loan.installments)
        maturity = dues[-1]
        next_due = min(d for d in dues if d >= today)
        remaining = sum(1 for d in dues if d >= today)
        # the plan starts a day after the next installment would have been due, so the
        # new schedule ends a part month later than "new term - months left" suggests
        first = next_due + timedelta(days=1)
        term = remaining + 18
        last = add_months(first, term - 1)
        assert months_to_reach(maturity, last) == 19  # one month over the limit
        payload = PlanPayload(
            kind="restructure",
            payments=1,
            first_date=first,
            new_term_months=term,
            created_at=datetime.now(UTC),
        )
        calc = calculate(case, payload, role="admin", today=today)
        assert "extension_limit" in calc.codes
        assert calc.lines[-1].due_date == last
        shorter = payload.model_copy(update={"new_term_months": term - 1})
        assert "extension_limit" not in calculate(case, shorter, role="admin", today=today).codes

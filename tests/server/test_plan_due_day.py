"""The server's plan bridge carries the loan's due day (issue 14 point 1): for a day-31 loan a
plan starting on its February due date keeps the 31st, and its 展期 counts from the day-31
maturity - the desk's calculator takes the same app.domain.plan_inputs path
(tests/client/test_plan_due_day.py)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session, sessionmaker

from app.protocol.sync import PlanPayload
from app.server.models import Case
from app.server.services.plan_adapter import calculate_result, case_figures
from tests.server.conftest import SeededCase

TODAY = date(2027, 2, 20)


def test_server_plan_keeps_the_loans_day_31(
    make_case: Callable[..., SeededCase], session_factory: sessionmaker[Session]
) -> None:
    seeded = make_case(dpd=45, months=36)
    with session_factory() as s:
        case = s.get(Case, seeded.case_id)
        assert case is not None
        installments = sorted(case.loan.installments, key=lambda i: i.n)
        for inst in installments:  # book the loan on day 31 of each month
            d = inst.due_date
            inst.due_date = d.replace(day=calendar.monthrange(d.year, d.month)[1])
        while installments[-1].due_date.day == 31:  # mature in a short month (clamped)
            s.delete(installments.pop())
        s.flush()
        s.expire(case.loan, ["installments"])
        figures = case_figures(case, today=TODAY)
        mat = figures.maturity_date
        assert figures.due_day == 31 and mat is not None and mat.day < 31
        term = (mat.year - 2027) * 12 + mat.month - 2 + 5  # five months past the maturity
        payload = PlanPayload(
            kind="restructure",
            payments=1,
            down_payment=100_000,
            first_date=date(2027, 2, 28),
            new_term_months=term,
            created_at=datetime.now(UTC),
        )
        result = calculate_result(case, payload, role="admin", today=TODAY)
        dates = [line.due_date for line in result.lines]
        assert dates[:4] == [
            date(2027, 2, 28),
            date(2027, 3, 31),
            date(2027, 4, 30),
            date(2027, 5, 31),
        ]
        assert all(d.day == calendar.monthrange(d.year, d.month)[1] for d in dates)
        # both ends are month ends of a day-31 schedule: the 展期 is the whole months between
        # them (counted from a maturity clamped to a 30-day month on its own day, it would
        # have invented a part month)
        last = dates[-1]
        assert (last.year - mat.year) * 12 + last.month - mat.month == 5
        assert result.extension_months == 5
        s.rollback()

"""The desk's plan calculator carries the loan's due day (issue 14 point 1): a day-31 loan's
plan starting on its 2027-02-28 due date goes on 03-31, 04-30 ... and its 展期 is counted
from the day-31 maturity - the same app.domain.plan_inputs path the server's plan_adapter
takes."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from app.client.desk_service import DeskService
from app.client.plan_calculator import PlanCalculator, lender_today
from app.client.store import LocalStore
from app.client.store.apply import apply_upserts
from tests.client.plan_cases import CASE_ID, sixty_month_book

NOW = datetime(2027, 2, 20, 3, 0, tzinfo=UTC)  # 11:00 in Shanghai
TODAY = lender_today(NOW)


def _on_day_31(upserts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The 60-month book with every due date moved to day 31 of its month (clamped)."""
    for item in upserts:
        if item["entity"] == "loan":
            for inst in item["data"]["installments"]:
                d = date.fromisoformat(inst["due_date"])
                last = calendar.monthrange(d.year, d.month)[1]
                inst["due_date"] = d.replace(day=min(31, last)).isoformat()
    return upserts


def test_desk_plan_keeps_the_loans_day_31(store: LocalStore) -> None:
    with store.transaction() as tx:
        apply_upserts(tx, _on_day_31(sixty_month_book(TODAY)), gen=1)
    detail = DeskService(store, user="agent1").case_detail(CASE_ID, now=NOW)
    calc = PlanCalculator(detail, today=TODAY, role="admin")
    assert calc.figures.due_day == 31
    maturity = calc.figures.maturity_date
    assert maturity is not None and maturity.day in (28, 29, 30, 31)
    form = replace(
        calc.default_form("restructure"),
        first_date=date(2027, 2, 28),
        down_payment_fen=100_000,
        new_term_months=3,
    )
    outcome = calc.calculate(form)
    dates = [d for _n, d, _a, _i in outcome.lines]
    assert dates == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30), date(2027, 5, 31)]

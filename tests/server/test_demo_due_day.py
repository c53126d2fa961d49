"""The demo book's schedules keep each loan's due day through short months (issue 14 point 1)."""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date

from app.server.demo.generator import generate_book


def test_every_demo_due_date_is_on_the_loan_day_or_the_month_end() -> None:
    chunk = next(iter(generate_book(loans=800, seed=3, today=date(2026, 11, 29))))
    day_of = {loan["id"]: loan["day_of_month"] for loan in chunk.loans}
    first_of = {loan["id"]: loan["first_due_date"] for loan in chunk.loans}
    assert Counter(d for d in day_of.values() if d >= 29)  # the book has month-end loans
    for inst in chunk.installments:
        due: date = inst["due_date"]
        day = day_of[inst["loan_id"]]
        assert due.day == min(day, calendar.monthrange(due.year, due.month)[1]), inst
        first = first_of[inst["loan_id"]]
        assert (due.year - first.year) * 12 + due.month - first.month == inst["n"] - 1

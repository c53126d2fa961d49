"""Issue 14 points 1 and 5 at the import: month-end loans keep their contract due day through
`import loans` and the daily overdue run; loans priced above the cost cap are named.

Before the fix a loan disbursed on the 31st with its first due date clamped to 02-28 was
booked due on the 28th of every month, so the overdue run opened its case (and started its
penalty clock) on 03-29, three days before the borrower was late.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.domain.delinquency import PenaltyPolicy
from app.server.jobs.csv_parsing import CsvImportError
from app.server.jobs.import_loans import LOAN_FULL_HEADER, LOAN_HEADER, import_loans
from app.server.jobs.import_payments import import_payments
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Case, Installment, Loan
from main import main
from tests.server.test_import import _loan_row

# (contract, disbursed, first due as the core system writes it, due_day column, true day)
OLD_FORMAT = [  # no due_day column: the day is inferred from the disbursement day
    ("ME-27-29", date(2027, 1, 29), date(2027, 2, 28), None, 29),
    ("ME-27-30", date(2027, 1, 30), date(2027, 2, 28), None, 30),
    ("ME-27-31", date(2027, 1, 31), date(2027, 2, 28), None, 31),
]
NEW_FORMAT = [  # leap year; the due_day column states the day (or is empty)
    ("ME-28-29", date(2028, 1, 29), date(2028, 2, 29), "", 29),
    ("ME-28-30", date(2028, 1, 30), date(2028, 2, 29), "30", 30),
    ("ME-28-31", date(2028, 1, 31), date(2028, 2, 29), "31", 31),
]


def _clamped(year: int, month: int, day: int) -> date:
    """Day `day` of month `month` (may run past 12) of `year`, clamped to the month end."""
    year, month0 = divmod(year * 12 + month - 1, 12)
    return date(year, month0 + 1, min(day, calendar.monthrange(year, month0 + 1)[1]))


def _row(header: tuple[str, ...], contract: str, **over: str) -> str:
    values = dict(zip(LOAN_HEADER, _loan_row(contract, **over).split(","), strict=True))
    values.setdefault("due_day", over.get("due_day", ""))
    return ",".join(values[h] for h in header)


def _csv(header: tuple[str, ...], rows: list[str]) -> str:
    return ",".join(header) + "\n" + "\n".join(rows) + "\n"


def _month_end_file(header: tuple[str, ...], loans: list[tuple]) -> str:  # type: ignore[type-arg]
    rows = []
    for contract, disbursed, first_due, due_day, _day in loans:
        over = {
            "term_months": "12",
            "disbursed_on": disbursed.isoformat(),
            "first_due_date": first_due.isoformat(),
        }
        if due_day is not None:
            over["due_day"] = due_day
        rows.append(_row(header, contract, **over))
    return _csv(header, rows)


@pytest.mark.parametrize(
    ("header", "loans"),
    [(LOAN_HEADER, OLD_FORMAT), (LOAN_FULL_HEADER, NEW_FORMAT)],
    ids=["without-due-day-column", "with-due-day-column"],
)
def test_month_end_loans_open_no_case_before_the_real_due_date(
    engine: Engine,
    header: tuple[str, ...],
    loans: list[tuple],  # type: ignore[type-arg]
) -> None:
    with Session(engine) as s:
        report = import_loans(s, _month_end_file(header, loans))
    assert report.inserted == len(loans)
    inferred = {w.contract_no for w in report.warnings if w.code == "due_day_inferred"}
    assert inferred == {c for c, *_rest, due_day, _day in loans if due_day is None}
    true_day = {contract: day for contract, *_rest, day in loans}
    year = loans[0][1].year
    with Session(engine) as s:
        ids = dict(s.execute(select(Loan.contract_no, Loan.id)).all())
        # the February installment is paid on its due date; March is then the next one due
        feb = s.execute(
            select(Loan.contract_no, Installment.due_date, Installment.payment)
            .join(Installment, Installment.loan_id == Loan.id)
            .where(Installment.n == 1)
        ).all()
    payments = "reference,contract_no,paid_on,amount,channel\n" + "".join(
        f"P-{c},{c},{d.isoformat()},{amount // 100}.{amount % 100:02d},\n" for c, d, amount in feb
    )
    with Session(engine) as s:
        import_payments(s, payments)
    march = {c: date(year, 3, day) for c, day in true_day.items()}
    day = date(year, 3, 27)
    while day <= date(year, 4, 2):
        with Session(engine) as s:
            run_overdue(s, business_date=day)
        with Session(engine) as s:
            open_cases = dict(
                s.execute(
                    select(Loan.contract_no, Case.dpd)
                    .join(Case, Case.loan_id == Loan.id)
                    .where(Case.status == "open")
                ).all()
            )
            late = {c for c, due in march.items() if due < day}
            assert set(open_cases) == late, day
            for c in late:
                assert open_cases[c] == (day - march[c]).days
            for c in set(march) - late:
                penalty = s.scalar(
                    select(func.coalesce(func.sum(Installment.penalty_accrued), 0)).where(
                        Installment.loan_id == ids[c]
                    )
                )
                loan = s.get(Loan, ids[c])
                assert penalty == 0 and loan is not None and loan.dpd == 0, (c, day)
        day += timedelta(days=1)
    # and every due date of the booked schedule is on the contract day, clamped
    with Session(engine) as s:
        for contract, loan_id in ids.items():
            dues = s.scalars(
                select(Installment.due_date)
                .where(Installment.loan_id == loan_id)
                .order_by(Installment.n)
            ).all()
            want = true_day[contract]
            assert list(dues) == [_clamped(year, 2 + k, want) for k in range(12)], contract
            loan = s.get(Loan, loan_id)
            assert loan is not None and loan.day_of_month == want


def test_due_day_column_is_checked_and_refuses_the_file(engine: Engine) -> None:
    text = _csv(
        LOAN_FULL_HEADER,
        [
            _row(LOAN_FULL_HEADER, "BAD-1", first_due_date="2027-02-27", due_day="31"),
            _row(LOAN_FULL_HEADER, "BAD-2", due_day="32"),
            _row(LOAN_FULL_HEADER, "OK-3", first_due_date="2026-02-28", due_day="30"),
        ],
    )
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_loans(s, text)
    assert {(e.line, e.column) for e in err.value.errors} == {(2, "due_day"), (3, "due_day")}
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 0


RATES = {"R-06": "0.06", "R-24": "0.24", "R-240001": "0.240001", "R-30": "0.30", "R-36": "0.36"}


def _rates_file(prefix: str) -> str:
    rows = [
        _row(LOAN_HEADER, f"{prefix}{contract}", annual_rate=rate)
        for contract, rate in RATES.items()
    ]
    return _csv(LOAN_HEADER, rows)


@pytest.mark.parametrize(
    ("policy", "named"),
    [
        (PenaltyPolicy(), {"R-240001", "R-30", "R-36"}),  # the default cap, 24 %/year
        (PenaltyPolicy(cost_cap=None), set()),
        (PenaltyPolicy(cost_cap=Decimal("0.30")), {"R-36"}),
    ],
    ids=["cap-24", "no-cap", "cap-30"],
)
def test_loans_priced_above_the_cost_cap_are_named(
    engine: Engine, policy: PenaltyPolicy, named: set[str]
) -> None:
    with Session(engine) as s:
        report = import_loans(s, _rates_file("A"), policy=policy)
    assert report.inserted == len(RATES)  # imported all the same: a warning, not an error
    warned = {w.contract_no[1:] for w in report.warnings if w.code == "rate_above_cost_cap"}
    assert warned == named
    assert all(w.line >= 2 for w in report.warnings)
    with Session(engine) as s:  # imported again: nothing new, nothing named again
        again = import_loans(s, _rates_file("A"), policy=policy)
    assert (again.inserted, again.warnings) == (0, ())


def test_import_cli_prints_the_warnings(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "loans.csv"
    path.write_text(_rates_file("C") + "\n", encoding="utf-8")
    assert main(["import", "loans", str(path), "--database-url", db_url]) == 0
    out = capsys.readouterr().out
    assert "loans: 5 rows, 5 imported, 0 already present, 3 warning(s)" in out
    assert (
        "warning [rate_above_cost_cap] line 6, CR-36: contract rate 36% is above the cost cap 24%"
        in out
    )
    assert "CR-30" in out and "CR-24," not in out and "CR-06" not in out

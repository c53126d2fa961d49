"""CSV imports: strict columns, typed fields, line numbers, all-or-nothing, idempotent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.server.jobs.csv_parsing import CsvImportError
from app.server.jobs.import_loans import LOAN_HEADER, import_loans
from app.server.jobs.import_payments import import_payments
from app.server.jobs.overdue_run import run_overdue
from app.server.models import Borrower, Case, Installment, Loan, Payment, Phone

TODAY = date(2026, 11, 29)


def _loan_row(contract: str, customer: str = "C1", **over: str) -> str:
    values = {
        "contract_no": contract,
        "customer_ref": customer,
        "name": "张伟",
        "id_number": "11010519491231002X",
        "gender": "M",
        "phone": "13812345678",
        "address": "北京市朝阳区建国路1号",
        "employer": "北京和泰科技有限公司",
        "product": "新车贷",
        "method": "equal_installment",
        "principal": "100000.00",
        "annual_rate": "0.06",
        "term_months": "36",
        "disbursed_on": "2026-01-15",
        "first_due_date": "2026-02-15",
        "brand": "比亚迪",
        "model": "秦PLUS",
        "plate": "京A·3F2K9",
        "vin": "LGXCE4CB5N0123456",
        "vehicle_year": "2025",
        "emergency_name": "李娜",
        "emergency_relation": "spouse",
        "emergency_phone": "13987654321",
    }
    values.update(over)
    return ",".join(values[h] for h in LOAN_HEADER)


def _loans_csv(*rows: str) -> str:
    return ",".join(LOAN_HEADER) + "\n" + "\n".join(rows) + "\n"


def test_import_loans_builds_schedule_and_is_idempotent(engine: Engine) -> None:
    csv_text = _loans_csv(
        _loan_row("AL-1"),
        _loan_row("AL-2", method="equal_principal"),
        _loan_row(
            "AL-3",
            customer="C2",
            name="李娜",
            id_number="110105199001011232",
            emergency_name="",
            emergency_relation="",
            emergency_phone="",
        ),
    )
    with Session(engine) as s:
        report = import_loans(s, csv_text)
    assert (report.rows, report.inserted, report.skipped) == (3, 3, 0)
    with Session(engine) as s:
        loan = s.scalars(select(Loan).where(Loan.contract_no == "AL-1")).one()
        lines = s.scalars(
            select(Installment).where(Installment.loan_id == loan.id).order_by(Installment.n)
        ).all()
        assert len(lines) == 36 and sum(i.principal for i in lines) == 10_000_000
        assert lines[0].payment == 304_219  # 3,042.19 a month (DOMAIN.md worked example)
        assert s.scalar(select(func.count()).select_from(Borrower)) == 2  # C1 reused
        assert s.scalar(select(func.count()).select_from(Phone)) == 3
        b = s.scalars(select(Borrower).where(Borrower.external_ref == "C1")).one()
        assert b.id_number_masked == "110105********002X" and b.birth_date == date(1949, 12, 31)
    with Session(engine) as s:
        again = import_loans(s, csv_text)
    assert (again.inserted, again.skipped) == (0, 3)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 3


def test_import_loans_all_or_nothing_with_line_numbers(engine: Engine) -> None:
    csv_text = _loans_csv(
        _loan_row("AL-1"),
        _loan_row("AL-2", principal="100000.001"),
        _loan_row("AL-3", id_number="110105194912310021", annual_rate="6%"),
        _loan_row("AL-1"),
        _loan_row("AL-5", first_due_date="2026-01-01", emergency_phone=""),
    )
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_loans(s, csv_text)
    found = {(e.line, e.column) for e in err.value.errors}
    assert {
        (3, "principal"),
        (4, "id_number"),
        (4, "annual_rate"),
        (5, "contract_no"),
        (6, "first_due_date"),
        (6, "emergency_name"),
    } <= found
    assert "line 3, column principal" in str(err.value)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 0
        assert s.scalar(select(func.count()).select_from(Borrower)) == 0


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("contract_no,principal", "missing column"),
        (",".join([*LOAN_HEADER, "extra"]), "unknown column"),
        (",".join([*LOAN_HEADER, "name"]), "duplicated column"),
    ],
)
def test_import_loans_strict_header(engine: Engine, header: str, problem: str) -> None:
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_loans(s, header + "\n" + _loan_row("AL-1") + "\n")
    assert any(e.line == 1 and e.message == problem for e in err.value.errors)


def _payments_csv(*rows: str) -> str:
    return "reference,contract_no,paid_on,amount,channel\n" + "\n".join(rows) + "\n"


def test_import_payments_idempotent_then_allocated(engine: Engine) -> None:
    with Session(engine) as s:
        import_loans(s, _loans_csv(_loan_row("AL-1")))
    # nothing paid since February: the loan is delinquent by the business date
    with Session(engine) as s:
        run_overdue(s, business_date=TODAY)
    with Session(engine) as s:
        case = s.scalars(select(Case).where(Case.status == "open")).one()
        assert case.dpd == (TODAY - date(2026, 2, 15)).days and case.bucket == "M3+"
    paid = (TODAY - timedelta(days=1)).isoformat()
    csv_text = _payments_csv(
        f"BANK-1,AL-1,{paid},3042.19,bank_transfer", f"BANK-2,AL-1,{paid},50000.00,"
    )
    with Session(engine) as s:
        first = import_payments(s, csv_text, today=TODAY)
    with Session(engine) as s:
        second = import_payments(s, csv_text, today=TODAY)
    assert (first.inserted, first.skipped) == (2, 0)
    assert (second.inserted, second.skipped) == (0, 2)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 2
        run_overdue(s, business_date=TODAY)
    with Session(engine) as s:
        assert (
            s.scalar(select(func.count()).select_from(Payment).where(Payment.allocated.is_(False)))
            == 0
        )
        loan = s.scalars(select(Loan)).one()
        case = s.scalars(select(Case)).one()
        assert loan.outstanding_principal < 10_000_000
        assert case.dpd < (TODAY - date(2026, 2, 15)).days


def test_import_payments_errors(engine: Engine) -> None:
    with Session(engine) as s:
        import_loans(s, _loans_csv(_loan_row("AL-1")))
    with Session(engine) as s:
        import_payments(s, _payments_csv("BANK-1,AL-1,2026-03-01,100.00,"), today=TODAY)
    bad = _payments_csv(
        "BANK-9,AL-1,2026-03-02,100.00,",
        "BANK-9,AL-1,2026-03-02,100.00,",
        "BANK-3,AL-404,2026-03-02,100.00,",
        "BANK-4,AL-1,2026-13-02,100.00,",
        "BANK-5,AL-1,2026-03-02,-5,",
        "BANK-1,AL-1,2026-03-01,200.00,",
        "BANK-6,AL-1,2026-12-30,1.00,paypal",
        f"BANK-7,AL-1,{(TODAY + timedelta(days=1)).isoformat()},1.00,",
    )
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_payments(s, bad, today=TODAY)
    found = {(e.line, e.column) for e in err.value.errors}
    assert {
        (3, "reference"),
        (4, "contract_no"),
        (5, "paid_on"),
        (6, "amount"),
        (7, "reference"),
        (8, "channel"),
        (9, "paid_on"),
    } <= found
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 1


def test_bom_and_blank_lines_and_quotes(engine: Engine) -> None:
    with Session(engine) as s:
        import_loans(s, _loans_csv(_loan_row("AL-1")))
    data = ("\ufeff" + _payments_csv('"BANK-1","AL-1","2026-03-01","1,234.50",""', "")).encode()
    with Session(engine) as s:
        report = import_payments(s, data, today=TODAY)
    assert report.inserted == 1
    with Session(engine) as s:
        assert s.scalar(select(Payment.amount)) == 123_450

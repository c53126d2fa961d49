"""Issue 14 point 1: the audit's restructure and a month-end import, due dates and 展期.

    uv run python bench/due_day_figures.py

Prints (1) the audit's restructure - first date 2027-01-31, a down payment, 16 new
months, old maturity 2027-05-28, a 24-month loan - its due dates, extension months and
violations; (2) a loan disbursed 2027-01-31 with first due date 2027-02-28 imported through
`import_loans` into a fresh SQLite database, its first six due dates. Run on the code before
and after the fix; the output is the before/after figure of the issue's closing note.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.money import Money
from app.domain.plans import Arrears, PlanInput, PlanKind, Role, calculate_plan
from app.server.db import make_engine
from app.server.jobs.import_loans import LOAN_HEADER, import_loans
from app.server.migrate import upgrade
from app.server.models import Installment, Loan


def audit_restructure() -> None:
    inp = PlanInput(
        kind=PlanKind.RESTRUCTURE,
        arrears=Arrears(Money(1_000_000), Money(50_000), Money(3_000), Money(0)),
        first_date=date(2027, 1, 31),
        today=date(2027, 1, 20),
        remaining_principal=Money(4_000_000),
        annual_rate=Decimal("0.06"),
        original_term_months=24,
        remaining_term_months=4,
        down_payment=Money(200_000),
        new_term_months=16,
        old_maturity_date=date(2027, 5, 28),
    )
    r = calculate_plan(inp, role=Role.ADMIN)
    print("audit restructure: first date 2027-01-31, down payment, 16 months, maturity 2027-05-28")
    print("  due dates:", " ".join(line.due_date.isoformat() for line in r.lines))
    print(f"  extension months: {r.extension_months} (limit 12 for a 24-month loan)")
    print("  violations:", [v.code for v in r.violations] or "none")


def month_end_import() -> None:
    row = {
        "contract_no": "AL-ME-1",
        "customer_ref": "C1",
        "name": "张伟",
        "id_number": "11010519491231002X",
        "gender": "M",
        "phone": "13812345678",
        "address": "北京市朝阳区建国路1号",
        "employer": "",
        "product": "新车贷",
        "method": "equal_installment",
        "principal": "100000.00",
        "annual_rate": "0.06",
        "term_months": "12",
        "disbursed_on": "2027-01-31",
        "first_due_date": "2027-02-28",
        "brand": "比亚迪",
        "model": "秦PLUS",
        "plate": "京A·3F2K9",
        "vin": "LGXCE4CB5N0123456",
        "vehicle_year": "2025",
        "emergency_name": "",
        "emergency_relation": "",
        "emergency_phone": "",
    }
    csv_text = ",".join(LOAN_HEADER) + "\n" + ",".join(row.get(h, "") for h in LOAN_HEADER) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/figures.db"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as s:
            report = import_loans(s, csv_text)
            dues = s.scalars(select(Installment.due_date).order_by(Installment.n)).all()
            day = s.scalars(select(Loan.day_of_month)).one()
        engine.dispose()
    print("month-end import: disbursed 2027-01-31, first_due_date 2027-02-28, no due_day")
    print(f"  loan.day_of_month: {day}")
    print("  due dates:", " ".join(d.isoformat() for d in dues[:6]), "...")
    print(f"  report: {report}")


if __name__ == "__main__":
    audit_restructure()
    month_end_import()

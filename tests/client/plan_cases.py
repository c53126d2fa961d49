"""A realistic case for the plan calculator: a 60-month auto loan, three installments
overdue, as the sync feed would carry it (wire-shaped records), and a store holding it.

Used by the calculator, panel and agreement tests and by bench/bench_plan_panel.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.client.store import LocalStore
from app.client.store.apply import apply_upserts
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import add_months, build_schedule

CASE_ID = "7d0c6a6e-3f1f-4d47-9a53-3c5b2f1d6e01"
LOAN_ID = "loan-plan-60"
BORROWER_ID = "borrower-plan-60"
PENALTY_FEN = 38_612
FEES_FEN = 15_000
OVERDUE = 3


def sixty_month_book(
    today: date, *, agent: str = "agent1", language: str | None = None
) -> list[dict[str, Any]]:
    """Upserts for one case: ¥150,000 at 5.75 % over 60 months, the installments before the
    last three due dates paid, those three overdue (with penalty and fees)."""
    # the oldest unpaid installment fell due ~2.5 months ago; 20 were paid before it
    first_due = add_months(date(today.year, today.month, 10), -(20 + OVERDUE) + 1, 10)
    if add_months(first_due, 20 + OVERDUE - 1, 10) >= today:
        first_due = add_months(first_due, -1, 10)
    schedule = build_schedule(
        principal=Money(15_000_000),
        annual_rate=Decimal("0.0575"),
        months=60,
        method=RepaymentMethod.EQUAL_INSTALLMENT,
        first_due=first_due,
    )
    installments = []
    o_principal = o_interest = 0
    for line in schedule.lines:
        paid = line.n <= 20
        overdue = not paid and line.due_date < today
        if overdue:
            o_principal += line.principal.fen
            o_interest += line.interest.fen
        installments.append(
            {
                "n": line.n,
                "due_date": line.due_date.isoformat(),
                "payment": line.payment.fen,
                "principal": line.principal.fen,
                "interest": line.interest.fen,
                "paid_principal": line.principal.fen if paid else 0,
                "paid_interest": line.interest.fen if paid else 0,
                "paid_penalty": 0,
                "paid_fees": 0,
                "penalty": 0,
                "fees": 0,
                "state": "paid" if paid else ("overdue" if overdue else "future"),
                "paid_on": line.due_date.isoformat() if paid else None,
            }
        )
    oldest = next(i for i in installments if i["state"] == "overdue")
    dpd = (today - date.fromisoformat(oldest["due_date"])).days
    borrower: dict[str, Any] = {
        "id": BORROWER_ID,
        "name": "张伟",
        "id_number_masked": "110105********1234",
        "gender": "M",
        "birth_date": "1988-04-12",
        "address": "北京市朝阳区建国路1号",
        "employer": None,
        "timezone": "Asia/Shanghai",
        "bank_card_masked": "**** **** **** 3445",
        "risk_segment": "high",
        "phones": [
            {
                "id": "phone-plan-60",
                "number_masked": "138****5678",
                "owner": "borrower",
                "relation": None,
                "name": None,
                "timezone": "Asia/Shanghai",
            }
        ],
    }
    if language is not None:
        borrower["language"] = language
    loan = {
        "id": LOAN_ID,
        "borrower_id": BORROWER_ID,
        "contract_no": "AL-2024-000817",
        "product": "auto_loan",
        "method": "equal_installment",
        "principal": 15_000_000,
        "annual_rate": "0.0575",
        "term_months": 60,
        "disbursed_on": add_months(first_due, -1).isoformat(),
        "first_due_date": first_due.isoformat(),
        "vehicle": {
            "brand": "比亚迪",
            "model": "秦PLUS DM-i",
            "plate": "京A·3F2K9",
            "vin_masked": "LGXCE4*******3456",
            "year": 2023,
        },
        "installments": installments,
        "payments": [],
        "outstanding_principal": sum(i["principal"] - i["paid_principal"] for i in installments),
        "written_off": False,
        "extensions_months": 0,
    }
    case = {
        "id": CASE_ID,
        "loan_id": LOAN_ID,
        "borrower_id": BORROWER_ID,
        "status": "open",
        "assigned_to": agent,
        "team": "team-1",
        "dpd": dpd,
        "bucket": "M3" if dpd > 60 else "M2",
        "overdue_principal": o_principal,
        "overdue_interest": o_interest,
        "overdue_penalty": PENALTY_FEN,
        "overdue_fees": FEES_FEN,
        "overdue_total": o_principal + o_interest + PENALTY_FEN + FEES_FEN,
        "priority": 500,
        "flags": [],
        "debtor_unreachable": False,
        "opened_on": oldest["due_date"],
        "closed_on": None,
        "last_contact_at": None,
        "next_action_at": None,
        "next_action_kind": "none",
        "version": 1,
    }
    return [
        {"entity": "borrower", "id": BORROWER_ID, "data": borrower},
        {"entity": "loan", "id": LOAN_ID, "data": loan},
        {"entity": "case", "id": CASE_ID, "data": case},
    ]


def fill_store(store: LocalStore, today: date, **kw: Any) -> str:
    """Put the 60-month case into `store`; returns its case id."""
    with store.transaction() as tx:
        apply_upserts(tx, sixty_month_book(today, **kw), gen=1)
    return CASE_ID

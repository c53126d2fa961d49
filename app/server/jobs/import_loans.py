"""`import loans FILE.csv`: the loan book from the core system, validated, all-or-nothing.

One row per loan with its borrower, main phone, optional emergency contact and vehicle.
The schedule is built with app.domain.schedules.build_schedule (both methods). Every row
is validated first (types, ID-number checksum, dates, a customer reference that always
names the same person, no duplicated contract); one bad row refuses the file with every
error and its line number. A contract already in the database is skipped, so importing the
same file twice adds nothing; a known customer reference reuses that borrower.

Due day (还款日): the optional `due_day` column (1-31; the header may leave it out) is the
contract's due day; the first due date must fall on it (or on the month end before it, e.g.
2027-02-28 for day 31). Without it the due day is the first due date's day, except that a
first due date at the end of a short month before the disbursement day (disbursed 01-31,
first due 02-28) keeps the disbursement day - such rows are imported and named in the
report's warnings (`due_day_inferred`) so the lender can check them or send `due_day`
(app.domain.due_day.contract_due_day). Every later due date is that day, clamped to the
month end; it is stored in `loans.day_of_month`.

Cost cap: a loan whose contract rate alone is above the penalty policy's cost cap (the
server's `penalty_cost_cap`, 24 %/year by default) is imported and named in the warnings
(`rate_above_cost_cap`): no penalty can keep its yearly cost within the cap.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.delinquency import DEFAULT_POLICY, PenaltyPolicy
from app.domain.due_day import contract_due_day
from app.domain.errors import DomainError
from app.domain.masking import mask_id_number, mask_phone, mask_vin
from app.domain.money import Money
from app.domain.schedules import build_schedule
from app.server.audit import audit
from app.server.jobs.bulk import bulk_insert
from app.server.jobs.csv_parsing import (
    Column,
    CsvImportError,
    FieldError,
    RowError,
    annual_rate,
    id_number,
    int_in,
    iso_date,
    mobile,
    one_of,
    parse_rows,
    text,
    yuan_to_fen,
)
from app.server.jobs.import_payments import ImportReport, ImportWarning, _lookup
from app.server.models import Borrower, Installment, Loan, Phone, RelatedParty, Vehicle, new_id
from app.server.models import utcnow as _utcnow


def vin17(value: str) -> str:
    """A 17-character VIN (no I, O, Q)."""
    v = value.strip().upper()
    if len(v) != 17 or any(c in "IOQ" for c in v) or not v.isalnum():
        raise FieldError("not a 17-character VIN")
    return v


LOAN_COLUMNS = (
    Column("contract_no", text(64)),
    Column("customer_ref", text(64)),
    Column("name", text(128)),
    Column("id_number", id_number),
    Column("gender", one_of("M", "F"), required=False),
    Column("phone", mobile),
    Column("address", text(512)),
    Column("employer", text(256), required=False),
    Column("product", text(64), required=False),
    Column("method", one_of("equal_installment", "equal_principal")),
    Column("principal", yuan_to_fen),
    Column("annual_rate", annual_rate),
    Column("term_months", int_in(1, 120)),
    Column("disbursed_on", iso_date),
    Column("first_due_date", iso_date),
    Column("due_day", int_in(1, 31), required=False, may_omit=True),
    Column("brand", text(64)),
    Column("model", text(64)),
    Column("plate", text(16)),
    Column("vin", vin17),
    Column("vehicle_year", int_in(1990, 2100)),
    Column("emergency_name", text(128), required=False),
    Column("emergency_relation", text(32), required=False),
    Column("emergency_phone", mobile, required=False),
)
# The columns every loans file has; LOAN_FULL_HEADER adds those a file may leave out.
LOAN_HEADER = tuple(c.name for c in LOAN_COLUMNS if not c.may_omit)
LOAN_FULL_HEADER = tuple(c.name for c in LOAN_COLUMNS)


def import_loans(
    session: Session, source: str | Path | bytes, *, policy: PenaltyPolicy = DEFAULT_POLICY
) -> ImportReport:
    """Validate and import a loans CSV in one transaction (commits on success). `policy`
    is the server's penalty policy (its cost cap decides the `rate_above_cost_cap` warning)."""
    rows, errors = parse_rows(source, LOAN_COLUMNS)
    contracts: dict[str, int] = {}
    people: dict[str, tuple[str, str, int]] = {}
    for r in rows:
        v = r.values
        if v["contract_no"] in contracts:
            errors.append(
                RowError(r.line, "contract_no", f"duplicate of line {contracts[v['contract_no']]}")
            )
        contracts.setdefault(v["contract_no"], r.line)
        who = people.setdefault(v["customer_ref"], (v["name"], v["id_number"], r.line))
        if who[:2] != (v["name"], v["id_number"]):
            errors.append(
                RowError(r.line, "customer_ref", f"names a different person than line {who[2]}")
            )
        if v["first_due_date"] <= v["disbursed_on"]:
            errors.append(RowError(r.line, "first_due_date", "must be after disbursed_on"))
        emergency = [v["emergency_name"], v["emergency_relation"], v["emergency_phone"]]
        if any(emergency) and not all(emergency):
            errors.append(
                RowError(
                    r.line,
                    "emergency_name",
                    "emergency_name, emergency_relation and emergency_phone go together",
                )
            )
    known_contracts = {
        c for (c,) in _lookup(session, Loan.contract_no, sorted(contracts), Loan.contract_no)
    }
    borrowers = dict(
        _lookup(session, Borrower.external_ref, sorted(people), Borrower.external_ref, Borrower.id)
    )
    out: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in ("borrowers", "related_parties", "phones", "loans", "vehicles", "installments")
    }
    now = _utcnow()
    skipped = 0
    warnings: list[ImportWarning] = []
    for r in rows:
        v = r.values
        if v["contract_no"] in known_contracts:
            skipped += 1
            continue
        try:
            due = contract_due_day(
                v["first_due_date"], disbursed=v["disbursed_on"], due_day=v["due_day"]
            )
            schedule = build_schedule(
                principal=Money(v["principal"]),
                annual_rate=v["annual_rate"],
                months=v["term_months"],
                method=v["method"],
                first_due=v["first_due_date"],
                day_of_month=due.day,
            )
        except DomainError as exc:
            errors.append(RowError(r.line, exc.field, exc.reason))
            continue
        warnings += _row_warnings(r.line, v, due.inferred, due.day, policy)
        borrower_id = borrowers.get(v["customer_ref"])
        if borrower_id is None:
            borrower_id = borrowers[v["customer_ref"]] = new_id()
            _add_borrower(out, borrower_id, v, now)
        loan_id = new_id()
        out["loans"].append(
            {
                "id": loan_id,
                "borrower_id": borrower_id,
                "contract_no": v["contract_no"],
                "product": v["product"] or "auto_loan",
                "method": v["method"],
                "principal": v["principal"],
                "annual_rate": v["annual_rate"],
                "term_months": v["term_months"],
                "disbursed_on": v["disbursed_on"],
                "first_due_date": v["first_due_date"],
                "day_of_month": due.day,
                "extensions_months": 0,
                "outstanding_principal": v["principal"],
                "dpd": 0,
                "bucket": "M0",
                "written_off": False,
                "closed_on": None,
                "created_at": now,
                "updated_at": now,
            }
        )
        out["vehicles"].append(
            {
                "id": new_id(),
                "loan_id": loan_id,
                "brand": v["brand"],
                "model": v["model"],
                "plate": v["plate"],
                "vin": v["vin"],
                "vin_masked": mask_vin(v["vin"]),
                "year": v["vehicle_year"],
            }
        )
        for line in schedule.lines:
            out["installments"].append(
                {
                    "loan_id": loan_id,
                    "n": line.n,
                    "due_date": line.due_date,
                    "payment": line.payment.fen,
                    "principal": line.principal.fen,
                    "interest": line.interest.fen,
                }
            )
    if errors:
        session.rollback()
        raise CsvImportError(sorted(errors, key=lambda e: (e.line, e.column or "")))
    try:
        conn = session.connection()
        for name, model in (
            ("borrowers", Borrower),
            ("related_parties", RelatedParty),
            ("phones", Phone),
            ("loans", Loan),
            ("vehicles", Vehicle),
            ("installments", Installment),
        ):
            bulk_insert(conn, model.__table__, out[name])  # type: ignore[arg-type]
        audit(
            session,
            actor=None,
            action="import_loans",
            entity="job",
            entity_id=None,
            details={
                "rows": len(rows),
                "inserted": len(out["loans"]),
                "skipped": skipped,
                "warnings": {
                    code: [w.contract_no for w in warnings if w.code == code]
                    for code in sorted({w.code for w in warnings})
                },
            },
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return ImportReport(len(rows), len(out["loans"]), skipped, tuple(warnings))


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _row_warnings(
    line: int, v: dict[str, Any], inferred: bool, day: int, policy: PenaltyPolicy
) -> list[ImportWarning]:
    """The warnings of one imported row (see the module docstring)."""
    out: list[ImportWarning] = []
    contract = v["contract_no"]
    if inferred:
        out.append(
            ImportWarning(
                line,
                contract,
                "due_day_inferred",
                f"due day {day} taken from disbursed_on {v['disbursed_on'].isoformat()}: "
                f"first_due_date {v['first_due_date'].isoformat()} is a month end "
                "(give due_day to state it)",
            )
        )
    rate = v["annual_rate"]
    if policy.rate_above_cost_cap(rate):
        cap = policy.cost_cap or Decimal(0)
        out.append(
            ImportWarning(
                line,
                contract,
                "rate_above_cost_cap",
                f"contract rate {_pct(rate)} is above the cost cap {_pct(cap)} "
                "(no penalty can keep its yearly cost within the cap)",
            )
        )
    return out


def _add_borrower(
    out: dict[str, list[dict[str, Any]]], borrower_id: str, v: dict[str, Any], now: Any
) -> None:
    idn = v["id_number"]
    birth: date | None = None
    try:
        birth = date(int(idn[6:10]), int(idn[10:12]), int(idn[12:14]))
    except ValueError:
        birth = None
    gender = v["gender"] or ("M" if int(idn[16]) % 2 else "F")
    out["borrowers"].append(
        {
            "id": borrower_id,
            "external_ref": v["customer_ref"],
            "name": v["name"],
            "id_number": idn,
            "id_number_masked": mask_id_number(idn),
            "gender": gender,
            "birth_date": birth,
            "address": v["address"],
            "employer": v["employer"],
            "timezone": DEFAULT_LENDER_TIMEZONE,
            "bank_card": None,
            "bank_card_masked": None,
            "risk_segment": "medium",
            "created_at": now,
            "updated_at": now,
        }
    )
    out["phones"].append(
        {
            "id": new_id(),
            "borrower_id": borrower_id,
            "related_party_id": None,
            "owner": "borrower",
            "relation": None,
            "name": None,
            "number": v["phone"],
            "number_masked": mask_phone(v["phone"]),
            "timezone": DEFAULT_LENDER_TIMEZONE,
            "valid": True,
            "sort_order": 0,
        }
    )
    if v["emergency_name"]:
        party_id = new_id()
        out["related_parties"].append(
            {
                "id": party_id,
                "borrower_id": borrower_id,
                "kind": "emergency",
                "name": v["emergency_name"],
                "relation": v["emergency_relation"],
                "created_at": now,
            }
        )
        out["phones"].append(
            {
                "id": new_id(),
                "borrower_id": borrower_id,
                "related_party_id": party_id,
                "owner": "emergency",
                "relation": v["emergency_relation"],
                "name": v["emergency_name"],
                "number": v["emergency_phone"],
                "number_masked": mask_phone(v["emergency_phone"]),
                "timezone": DEFAULT_LENDER_TIMEZONE,
                "valid": True,
                "sort_order": 1,
            }
        )

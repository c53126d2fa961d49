"""`import payments FILE.csv`: payments from the core system, validated, all-or-nothing.

Columns: reference, contract_no, paid_on, amount (yuan, e.g. 3042.19), channel (optional).
Every row is checked before anything is written; one bad row refuses the whole file with
every error and its line number. A reference already imported with the same contract,
date and amount is skipped, so re-importing a file is a no-op; the same reference with
different details is an error. Payments are stored unallocated; the next overdue run
applies them to installments (oldest first, fees -> penalty -> interest -> principal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.server.audit import audit
from app.server.changes import record_case_changes_sql
from app.server.jobs.bulk import bulk_insert
from app.server.jobs.csv_parsing import (
    Column,
    CsvImportError,
    RowError,
    iso_date,
    one_of,
    parse_rows,
    text,
    yuan_to_fen,
)
from app.server.models import Case, Loan, Payment, new_id, utcnow

CHANNELS = ("bank_transfer", "auto_debit", "alipay", "wechat_pay", "cash", "other")
PAYMENT_COLUMNS = (
    Column("reference", text(64)),
    Column("contract_no", text(64)),
    Column("paid_on", iso_date),
    Column("amount", yuan_to_fen),
    Column("channel", one_of(*CHANNELS), required=False),
)
_IN_CHUNK = 900


@dataclass(frozen=True, slots=True)
class ImportWarning:
    """A row that was imported but deserves a look: its line, contract, a stable code
    (`due_day_inferred`, `rate_above_cost_cap`) and the reason in words."""

    line: int
    contract_no: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.contract_no}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Rows read, inserted, skipped as already imported, and warnings on inserted rows."""

    rows: int
    inserted: int
    skipped: int
    warnings: tuple[ImportWarning, ...] = ()


def _lookup(session: Session, column: Any, keys: list[str], *cols: Any) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(keys), _IN_CHUNK):
        part = keys[i : i + _IN_CHUNK]
        out.extend(session.execute(select(*cols).where(column.in_(part))).all())
    return out


def import_payments(
    session: Session, source: str | Path | bytes, *, today: date | None = None
) -> ImportReport:
    """Validate and import a payments CSV in one transaction (commits on success)."""
    rows, errors = parse_rows(source, PAYMENT_COLUMNS)
    seen: dict[str, int] = {}
    for r in rows:
        ref = r.values["reference"]
        if ref in seen:
            errors.append(RowError(r.line, "reference", f"duplicate of line {seen[ref]}"))
        seen[ref] = r.line
        if today is not None and r.values["paid_on"] > today:
            errors.append(RowError(r.line, "paid_on", f"is after the business date {today}"))
    contracts = sorted({r.values["contract_no"] for r in rows})
    loan_ids = dict(_lookup(session, Loan.contract_no, contracts, Loan.contract_no, Loan.id))
    existing = {
        ref: (loan_id, paid_on, amount)
        for ref, loan_id, paid_on, amount in _lookup(
            session,
            Payment.external_ref,
            sorted(seen),
            Payment.external_ref,
            Payment.loan_id,
            Payment.paid_on,
            Payment.amount,
        )
    }
    new_rows: list[dict[str, Any]] = []
    skipped = 0
    now = utcnow()
    for r in rows:
        v = r.values
        loan_id = loan_ids.get(v["contract_no"])
        if loan_id is None:
            errors.append(RowError(r.line, "contract_no", f"unknown contract {v['contract_no']!r}"))
            continue
        old = existing.get(v["reference"])
        if old is not None:
            if old != (loan_id, v["paid_on"], v["amount"]):
                errors.append(
                    RowError(
                        r.line,
                        "reference",
                        "already imported with a different contract, date or amount",
                    )
                )
            else:
                skipped += 1
            continue
        new_rows.append(
            {
                "id": new_id(),
                "loan_id": loan_id,
                "external_ref": v["reference"],
                "paid_on": v["paid_on"],
                "amount": v["amount"],
                "channel": v["channel"] or "bank_transfer",
                "reference": v["reference"],
                "allocated": False,
                "unapplied": 0,
                "note": None,
                "created_at": now,
            }
        )
    if errors:
        session.rollback()
        raise CsvImportError(sorted(errors, key=lambda e: (e.line, e.column or "")))
    try:
        bulk_insert(session.connection(), Payment.__table__, new_rows)  # type: ignore[arg-type]
        if new_rows:
            record_case_changes_sql(
                session,
                select(Case.id)
                .join(Payment, Payment.loan_id == Case.loan_id)
                .where(Payment.allocated.is_(False), Case.status != "closed")
                .distinct(),
            )
        audit(
            session,
            actor=None,
            action="import_payments",
            entity="job",
            entity_id=None,
            details={"rows": len(rows), "inserted": len(new_rows), "skipped": skipped},
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return ImportReport(len(rows), len(new_rows), skipped)

"""The worklist's display columns on `cases`: what a page of 50 shows of the borrower (name,
main masked phone), the loan (contract number) and the vehicle (plate), copied onto the case
so the page reads one table instead of four joins and a sub-select per row.

They are written with the case (cases_sql opens cases with them) and refreshed by every
overdue run (only rows whose copy differs are written). The sources are not edited after
import today; a path that ever edits a borrower's name or phones, a contract number or a
plate must call `refresh_case_display` in its transaction.
"""

from __future__ import annotations

from typing import Any

from app.server.jobs.sqlkit import SqlRunner

# one SELECT expression per display column, correlated to a case's loan and borrower ids
# (`{loan}` / `{borrower}`: SQL expressions of the row being written)
_SOURCES = {
    "borrower_name": "(SELECT b.name FROM borrowers b WHERE b.id = {borrower})",
    "contract_no": "(SELECT ln.contract_no FROM loans ln WHERE ln.id = {loan})",
    "plate": "(SELECT v.plate FROM vehicles v WHERE v.loan_id = {loan})",
    "phone_masked": (
        "(SELECT p.number_masked FROM phones p WHERE p.borrower_id = {borrower}"
        " AND p.owner = 'borrower' ORDER BY p.sort_order, p.id LIMIT 1)"
    ),
}
DISPLAY_COLUMNS = tuple(_SOURCES)


def display_values(*, loan: str, borrower: str) -> list[str]:
    """The display columns' SQL expressions (in DISPLAY_COLUMNS order) for an INSERT."""
    return [src.format(loan=loan, borrower=borrower) for src in _SOURCES.values()]


def refresh_case_display(
    run: SqlRunner, *, case_ids_sql: str | None = None, params: dict[str, Any] | None = None
) -> int:
    """Rewrite the copies of the cases that are not closed (or only those whose id is in
    `case_ids_sql`, a SELECT of case ids with bind `params`) where they differ from the
    sources. Returns the number of cases written."""
    values = display_values(loan="cases.loan_id", borrower="cases.borrower_id")
    sets = ", ".join(f"{col} = {src}" for col, src in zip(DISPLAY_COLUMNS, values, strict=True))
    op = "IS DISTINCT FROM" if run.dialect.pg else "IS NOT"
    differs = " OR ".join(
        f"{col} {op} {src}" for col, src in zip(DISPLAY_COLUMNS, values, strict=True)
    )
    where = f"cases.status <> 'closed' AND ({differs})"
    if case_ids_sql:
        where += f" AND cases.id IN ({case_ids_sql})"
    return run.rowcount(f"UPDATE cases SET {sets} WHERE {where}", params)


__all__ = ["DISPLAY_COLUMNS", "display_values", "refresh_case_display"]

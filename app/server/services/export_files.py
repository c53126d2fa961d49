"""Writing a table to CSV or XLSX, and the masks every export applies.

CSV is UTF-8 with a byte-order mark (Excel then reads Chinese correctly) and CRLF line ends;
XLSX is written by openpyxl in write-only mode (rows streamed, constant memory). Amounts
arrive as Decimal yuan and stay numbers in XLSX. A text cell that a spreadsheet would take
for a formula (starting with = + - @ or a tab/CR) is prefixed with an apostrophe.

Masking (PIPL, DOMAIN.md): exports never contain a clear ID number, bank card or phone (no
export has such a column; phones come masked from the case), and names and plates are
masked (app.domain.masking): 张伟 → 张*, 欧阳娜娜 → 欧阳**, 京A3F2K9 → 京A***K9. No role exports clear
values: a clear value is one audited reveal per case with a reason, never a bulk file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

CSV_MEDIA = "text/csv; charset=utf-8"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def yuan(fen: int | None) -> Decimal | None:
    """Fen as exact Decimal yuan (2 places) for a spreadsheet cell."""
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


def _safe_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime | date | Decimal | int):
        return value.isoformat() if isinstance(value, date) else str(value)
    return _safe_text(str(value))


def _xlsx_cell(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | Decimal):
        return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # already local time; Excel has no zones
    if isinstance(value, date):
        return value
    return _safe_text(str(value))


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def write_xlsx(sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    # imported here: openpyxl imports numpy when it is installed (~0.2 s), which the API
    # would otherwise pay at start-up for a rare export
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet[:31])
    ws.append(list(headers))
    for row in rows:
        ws.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write(fmt: str, sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as CSV or XLSX bytes."""
    if fmt == "xlsx":
        return write_xlsx(sheet, headers, rows)
    return write_csv(headers, rows)


def media_type(fmt: str) -> str:
    return XLSX_MEDIA if fmt == "xlsx" else CSV_MEDIA

"""Strict CSV parsing for the imports: exact columns, typed fields, errors with line numbers.

A file is read whole (UTF-8, with or without the BOM Excel writes), its header must hold
exactly the spec's columns (any order; unknown, missing or duplicated columns are errors;
a column marked `may_omit` may be left out of the header, and then reads as empty),
and every row is converted field by field. All problems are collected - not just the
first - as `RowError(line, column, message)`, where `line` is the physical line number in
the file (the header is line 1). Amounts are yuan decimal strings ("3042.19") converted
to integer fen; floats never appear. Numbers must be plain ASCII decimal text
(app.domain.number_text: no exponent, NaN, Infinity, sign or other scripts' digits), and
a converter that fails in any way becomes a RowError, never a traceback. Pure: no
database, no clock.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.number_text import parse_decimal_text, parse_whole_text

MAX_FILE_BYTES = 200 * 1024 * 1024
_PHONE_RE = re.compile(r"1[3-9][0-9]{9}")  # ASCII digits only (\d also matches "１")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class FieldError(ValueError):
    """A value that does not convert; the message says why."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in the file: physical line, column (or None for the whole row/file)."""

    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CsvImportError(Exception):
    """The file was refused; nothing was imported. `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        head = "; ".join(str(e) for e in self.errors[:5])
        more = f" (+{len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
        super().__init__(f"{len(self.errors)} error(s): {head}{more}")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: name, converter, whether an empty value is allowed (-> None), and whether
    the header may leave it out (a column added later: older files stay valid)."""

    name: str
    convert: Callable[[str], Any]
    required: bool = True
    may_omit: bool = False


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """A converted row and the physical line it came from."""

    line: int
    values: dict[str, Any]


# -- converters ---------------------------------------------------------------------------


def yuan_to_fen(value: str) -> int:
    """ "3042.19" -> 304219; more than 2 decimals, signs other than plain digits, or <= 0 fail."""
    text = value.strip().replace(",", "")
    try:
        parse_decimal_text(text, field="amount")  # the precise reason for odd text
    except DomainError as exc:
        raise FieldError(exc.reason) from None
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", text):
        raise FieldError(f"not an amount in yuan with at most 2 decimals: {value!r}")
    try:
        fen = Money.from_yuan(text).fen
    except DomainError as exc:
        raise FieldError(exc.reason) from None
    if fen <= 0:
        raise FieldError("must be greater than zero")
    return fen


def iso_date(value: str) -> date:
    """YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(f"not a date (YYYY-MM-DD): {value!r}") from None


def annual_rate(value: str) -> Decimal:
    """A yearly rate as a decimal fraction, e.g. 0.0899 (0 to 0.36, at most 6 decimals)."""
    try:
        rate = parse_decimal_text(value, field="annual_rate")
    except DomainError as exc:
        raise FieldError(exc.reason) from None
    if not Decimal(0) <= rate <= Decimal("0.36"):
        raise FieldError("annual rate must be a fraction between 0 and 0.36 (e.g. 0.0899)")
    exp = rate.as_tuple().exponent
    if isinstance(exp, int) and exp < -6:
        raise FieldError("at most 6 decimal places")
    return rate


def int_in(low: int, high: int) -> Callable[[str], int]:
    """An integer between low and high inclusive."""

    def convert(value: str) -> int:
        try:
            n = parse_whole_text(value, field="value")
        except DomainError as exc:
            raise FieldError(exc.reason) from None
        if not low <= n <= high:
            raise FieldError(f"must be between {low} and {high}")
        return n

    return convert


def one_of(*choices: str) -> Callable[[str], str]:
    """One of the given words."""

    def convert(value: str) -> str:
        v = value.strip()
        if v not in choices:
            raise FieldError(f"must be one of {', '.join(choices)}; got {value!r}")
        return v

    return convert


def text(max_len: int) -> Callable[[str], str]:
    """Free text, trimmed, at most `max_len` characters."""

    def convert(value: str) -> str:
        v = value.strip()
        if len(v) > max_len:
            raise FieldError(f"longer than {max_len} characters")
        return v

    return convert


def mobile(value: str) -> str:
    """An 11-digit mainland mobile number."""
    v = value.strip().replace(" ", "").replace("-", "")
    if not _PHONE_RE.fullmatch(v):
        raise FieldError("not an 11-digit mobile number")
    return v


def id_number(value: str) -> str:
    """An 18-character resident ID number with a valid check character."""
    v = value.strip().upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", v):
        raise FieldError("not an 18-character ID number")
    total = sum(int(c) * w for c, w in zip(v[:17], _ID_WEIGHTS, strict=True))
    if "10X98765432"[total % 11] != v[17]:
        raise FieldError("ID number check character is wrong")
    return v


# -- the reader ----------------------------------------------------------------------------


def read_text(source: str | Path | bytes) -> str:
    """File contents as text (a path, raw bytes or already-decoded text)."""
    if isinstance(source, Path):
        if source.stat().st_size > MAX_FILE_BYTES:
            raise CsvImportError([RowError(0, None, "file is too large")])
        source = source.read_bytes()
    if isinstance(source, bytes):
        try:
            return source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CsvImportError([RowError(0, None, f"not UTF-8 text: {exc.reason}")]) from None
    return source.removeprefix("\ufeff")


def parse_csv(source: str | Path | bytes, columns: Sequence[Column]) -> list[ParsedRow]:
    """Parse and convert every row; raise CsvImportError listing all problems."""
    rows, errors = parse_rows(source, columns)
    if errors:
        raise CsvImportError(errors)
    return rows


def parse_rows(
    source: str | Path | bytes, columns: Sequence[Column]
) -> tuple[list[ParsedRow], list[RowError]]:
    """Rows that converted cleanly, and the errors of the others (so callers can add their
    own cross-row checks and report everything at once). Header problems raise at once."""
    content = read_text(source)
    reader = csv.reader(io.StringIO(content, newline=""))
    errors: list[RowError] = []
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError([RowError(1, None, "the file is empty (no header)")]) from None
    except csv.Error as exc:
        raise CsvImportError([RowError(1, None, f"malformed CSV: {exc}")]) from None
    header = [h.strip() for h in header]
    expected = {c.name for c in columns}
    seen: set[str] = set()
    for h in header:
        if h in seen:
            errors.append(RowError(1, h, "duplicated column"))
        seen.add(h)
        if h not in expected:
            errors.append(RowError(1, h, "unknown column"))
    omissible = {c.name for c in columns if c.may_omit and not c.required}
    for name in sorted(expected - seen - omissible):
        errors.append(RowError(1, name, "missing column"))
    absent = sorted(expected - seen)
    if errors:
        raise CsvImportError(errors)
    spec = {c.name: c for c in columns}
    rows: list[ParsedRow] = []
    line = reader.line_num
    try:
        for record in reader:
            start = line + 1
            line = reader.line_num
            if not record or all(not v.strip() for v in record):
                continue
            if len(record) != len(header):
                errors.append(
                    RowError(start, None, f"expected {len(header)} fields, found {len(record)}")
                )
                continue
            values: dict[str, Any] = dict.fromkeys(absent)
            before = len(errors)
            for name, raw in zip(header, record, strict=True):
                col = spec[name]
                if not raw.strip():
                    if col.required:
                        errors.append(RowError(start, name, "is required"))
                    values[name] = None
                    continue
                try:
                    values[name] = col.convert(raw)
                except FieldError as exc:
                    errors.append(RowError(start, name, str(exc)))
                except (DomainError, ArithmeticError, ValueError) as exc:
                    # a converter's own checks should have caught it; still a row error
                    reason = exc.reason if isinstance(exc, DomainError) else type(exc).__name__
                    errors.append(RowError(start, name, f"not a valid value ({reason})"))
            if len(errors) == before:
                rows.append(ParsedRow(start, values))
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, None, f"malformed CSV: {exc}"))
    if not rows and not errors:
        raise CsvImportError([RowError(2, None, "no data rows")])
    return rows, errors

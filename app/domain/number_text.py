"""Strict parsing of numbers typed by people or written by other systems (CLI flags, CSV).

`Decimal(text)` and `int(text)` accept far more than an amount or a count should be:
digits of any script ("１００", "١٠٠" are 100), exponents ("1e999999", which overflows the
Decimal context when scaled to fen and ends in a traceback), NaN, Infinity and "-0".
Everything here accepts only plain ASCII decimal text and answers anything else with a
`DomainError(field, reason)` whose reason is one line naming the problem:

- digits 0-9 only (other scripts' digits are refused, not converted);
- an optional leading "-" only where the caller allows a sign ("-0" is refused where it
  is not, like any other negative);
- no exponent, no NaN/Infinity, at most `MAX_TEXT` characters;
- a Decimal given directly must be finite and within `MAX_ADJUSTED` orders of magnitude.

Pure: no I/O. Thousands separators are the caller's business (Money.from_yuan drops ",").
"""

from __future__ import annotations

import re
from decimal import Decimal

from app.domain.errors import DomainError

MAX_TEXT = 40  # longer than any amount in fen or rate we store: refused before parsing
MAX_ADJUSTED = 30  # |value| < 10**31 for Decimals handed in directly (no overflow later)
MIN_EXPONENT = -30  # and no more than 30 decimal places

_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_WHOLE = re.compile(r"[0-9]+")
_SPECIAL = ("nan", "snan", "inf", "infinity", "+inf", "-inf", "+infinity", "-infinity")


def _screen(text: str, field: str) -> str:
    """Common checks on raw text; returns it stripped."""
    if not isinstance(text, str):
        raise DomainError(field, f"expected text, got {type(text).__name__}")
    t = text.strip()
    if not t:
        raise DomainError(field, "is empty")
    if len(t) > MAX_TEXT:
        raise DomainError(field, f"is too long for a number ({len(t)} characters)")
    if any(c.isdigit() and not ("0" <= c <= "9") for c in t):
        raise DomainError(field, f"use the ASCII digits 0-9: {text!r}")
    if t.lower() in _SPECIAL:
        raise DomainError(field, f"must be a finite number, got {text!r}")
    if "e" in t.lower() and any(c.isdigit() for c in t):
        raise DomainError(field, f"no exponent notation, write the plain number: {text!r}")
    return t


def parse_decimal_text(text: str, *, field: str, signed: bool = False) -> Decimal:
    """Plain decimal text ("3042.19", "0.0899") as a Decimal; see the module docstring."""
    t = _screen(text, field)
    if not _PLAIN.fullmatch(t):
        raise DomainError(field, f"not a number: {text!r}")
    if t.startswith("-") and not signed:
        raise DomainError(field, f"must not be negative: {text!r}")
    return Decimal(t)


def parse_whole_text(text: str, *, field: str) -> int:
    """Plain ASCII digits ("36") as an int; no sign, no decimals, no other script."""
    t = _screen(text, field)
    if not _WHOLE.fullmatch(t):
        raise DomainError(field, f"must be a whole number, got {text!r}")
    return int(t)


def check_decimal(value: Decimal, *, field: str, signed: bool = False) -> Decimal:
    """A Decimal handed in directly: finite, of sane magnitude, unsigned unless allowed."""
    if not isinstance(value, Decimal):
        raise DomainError(field, f"expected a Decimal, got {type(value).__name__}")
    if not value.is_finite():
        raise DomainError(field, "must be a finite number")
    if value.is_signed() and not signed:
        raise DomainError(field, "must not be negative")
    if value != 0:
        if value.adjusted() > MAX_ADJUSTED:
            raise DomainError(field, "is too large")
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < MIN_EXPONENT:
            raise DomainError(field, "has too many decimal places")
    return value

"""Limits the product enforces the same way on the desk and on the server (one home each):
the longest note, the largest amount, the window of plausible dates. The wire models
(app.protocol) refuse values outside them; the desk checks them before it writes."""

from __future__ import annotations

from datetime import date

#: The longest note, in characters.
MAX_NOTE_CHARS = 10_000
#: ¥10 billion: above any car loan, far below what BIGINT and SQLite's int64 hold.
MAX_AMOUNT_FEN = 10**12
#: The window of plausible business dates and instants (0001-01-01 and 9999-12-31 are typos).
MIN_DATE = date(2000, 1, 1)
MAX_DATE = date(2100, 12, 31)

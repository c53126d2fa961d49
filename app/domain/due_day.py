"""A loan's contract due day (还款日) and how it survives short months (DOMAIN.md "Due day").

A monthly schedule falls due on one day of the month, its anchor, clamped to the month end
when the month is shorter: day 31 gives 01-31, 02-28 (02-29 in a leap year), 03-31, 04-30.
The clamped date must never become the new anchor - a schedule stepped from 02-28 with
"the same day" drifts to the 28th for good. So every builder carries the anchor itself:

- `contract_due_day(first_due, disbursed=..., due_day=...)` is the one rule of the
  `import loans` file and the `schedule` CLI: an explicit due day wins (the first due date
  must fall on it, or on the month end before it); otherwise the day of the first due date,
  except that a first due date clamped to the end of a short month (02-28 for a loan
  disbursed on 01-31) keeps the disbursement day - that loan is due on the 31st, and the
  answer says the day was inferred so the import can name the row.
- `schedule_due_day(dates)` reads the anchor back from a schedule already booked (the desk
  and the server both have the installments, not the column): two consecutive monthly due
  dates always include a month long enough to show the anchor, so the larger day of the
  last two is it.
- `on_due_day(d, day)`: is `d` that day's due date in its month (clamped)?

Pure: no clock, no I/O.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.errors import DomainError
from app.domain.schedules import add_months


@dataclass(frozen=True, slots=True)
class DueDay:
    """The contract's due day, and whether it was inferred from the disbursement day."""

    day: int
    inferred: bool = False


def on_due_day(d: date, day: int) -> bool:
    """True when `d` is the due date of a day-`day` schedule in d's month (month-end
    clamped): 2027-02-28 is on day 28, 29, 30 and 31; 2027-03-28 only on day 28."""
    return add_months(d, 0, day) == d


def _is_month_end(d: date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def contract_due_day(
    first_due: date, *, disbursed: date | None = None, due_day: int | None = None
) -> DueDay:
    """The due day a loan's schedule is built on (see the module docstring).

    Raises DomainError("due_day", ...) when an explicit `due_day` is out of range or the
    first due date does not fall on it."""
    if due_day is not None:
        if isinstance(due_day, bool) or not isinstance(due_day, int) or not 1 <= due_day <= 31:
            raise DomainError("due_day", "must be a whole number between 1 and 31")
        if not on_due_day(first_due, due_day):
            raise DomainError(
                "due_day",
                f"first due date {first_due.isoformat()} is not on day {due_day} "
                "(nor the month end before it)",
            )
        return DueDay(due_day)
    if disbursed is not None and _is_month_end(first_due) and disbursed.day > first_due.day:
        return DueDay(disbursed.day, inferred=True)
    return DueDay(first_due.day)


def schedule_due_day(dates: Iterable[date]) -> int | None:
    """The anchor day of a monthly schedule from its due dates: the larger day of its last
    two (None for an empty schedule; a one-line schedule gives its own day)."""
    last_two = sorted(dates)[-2:]
    if not last_two:
        return None
    return max(d.day for d in last_two)


def months_after(start: date, end: date, day: int | None = None) -> int:
    """Whole months from `start` until `end`, a part month counting as one: the smallest
    m >= 0 with the date m months after `start`, on `day` (default start's day; clamped to
    the month end), on or after `end`. With `day` the anchor of the schedule `start` ends
    (ignored when `start` is not on it), a maturity clamped to 02-28 counts from the
    contract day: 2027-02-28 on day 31 to 2027-03-31 is one month, not two."""
    anchor = day if day is not None and on_due_day(start, day) else start.day
    m = max(0, (end.year - start.year) * 12 + end.month - start.month - 1)
    while add_months(start, m, anchor) < end:
        m += 1
    return m

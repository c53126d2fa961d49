"""Rules for what a call schedules next: a promise to pay and a callback.

The desk checks them as the agent types (each problem is shown next to its field) and the
server checks them again when the op arrives (a refused op stays visible on the desk with
the server's reason). Pure: `today`/`now` are arguments.

- A promise: an amount above zero and no larger than what the borrower owes in total (the
  overdue amount plus the principal not yet due); a date from the lender's business date
  `today` to `today + horizon_days` (a promise further out is a plan, not a promise).
- A callback: in the future, at most `horizon_days` ahead, and inside the contact policy's
  daily call window in the BORROWER's time zone (no point scheduling a call at 23:00 that
  the dial guard will refuse).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.contact_policy_types import LocalWindow
from app.domain.money import Money

PROMISE_HORIZON_DAYS = 30
CALLBACK_HORIZON_DAYS = 30
#: A callback a little in the past (the agent picked "now") is still accepted.
CALLBACK_SLACK = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A broken rule for one field, with a stable code and the words in zh and en."""

    field: str
    code: str
    message_zh: str
    message_en: str


def check_promise(
    amount_fen: int,
    promised_on: date,
    *,
    today: date,
    owed_fen: int,
    horizon_days: int = PROMISE_HORIZON_DAYS,
) -> list[FieldProblem]:
    """Problems with a promise of `amount_fen` on `promised_on` (empty when fine)."""
    out: list[FieldProblem] = []
    if amount_fen <= 0:
        out.append(
            FieldProblem(
                "promise_amount",
                "amount_not_positive",
                "承诺金额必须大于零",
                "enter an amount above zero",
            )
        )
    elif owed_fen > 0 and amount_fen > owed_fen:
        owed = Money(owed_fen)
        out.append(
            FieldProblem(
                "promise_amount",
                "amount_above_balance",
                f"承诺金额超过客户欠款总额 {owed}",
                f"more than the borrower owes in total ({owed})",
            )
        )
    last = today + timedelta(days=horizon_days)
    if promised_on < today:
        out.append(
            FieldProblem(
                "promise_date",
                "date_in_past",
                f"承诺日期 {promised_on.isoformat()} 早于今天 {today.isoformat()}",
                f"{promised_on.isoformat()} is before today ({today.isoformat()})",
            )
        )
    elif promised_on > last:
        out.append(
            FieldProblem(
                "promise_date",
                "date_beyond_horizon",
                f"承诺日期须在 {horizon_days} 天内（最晚 {last.isoformat()}）；更长请做还款计划",
                f"must be within {horizon_days} days (by {last.isoformat()}); "
                "for longer, build a plan",
            )
        )
    return out


def check_callback(
    due_at: datetime,
    *,
    now: datetime,
    borrower_tz: str,
    window: LocalWindow,
    horizon_days: int = CALLBACK_HORIZON_DAYS,
) -> list[FieldProblem]:
    """Problems with a callback at `due_at` (aware) scheduled at `now` (empty when fine)."""
    if due_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("due_at and now must be timezone-aware")
    try:
        tz = ZoneInfo(borrower_tz)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo(DEFAULT_LENDER_TIMEZONE)
    out: list[FieldProblem] = []
    if due_at < now - CALLBACK_SLACK:
        out.append(
            FieldProblem("callback_at", "in_past", "回拨时间已过", "the callback time has passed")
        )
    elif due_at > now + timedelta(days=horizon_days):
        out.append(
            FieldProblem(
                "callback_at",
                "beyond_horizon",
                f"回拨时间须在 {horizon_days} 天内",
                f"must be within {horizon_days} days",
            )
        )
    local = due_at.astimezone(tz)
    if not window.contains(local.time()):
        hours = f"{window.start:%H:%M}–{window.end:%H:%M}"
        out.append(
            FieldProblem(
                "callback_at",
                "outside_window",
                f"客户当地时间 {local:%H:%M} 不在允许联系时段 {hours} 内",
                f"{local:%H:%M} borrower time is outside the allowed hours {hours}",
            )
        )
    return out

"""Display formatting: money as ¥6,412.37, dates, local times, percentages. No floats."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from app.client import lender_zone
from app.domain.money import Money


def local_zone() -> tzinfo:
    """The zone the desk shows times in: the lender's (its business day; the server's
    `lender_timezone`, app.client.lender_zone)."""
    return lender_zone.zone()


def money(fen: int | Money | None, *, symbol: bool = True) -> str:
    """Integer fen (or Money) as "¥6,412.37"; "" for None."""
    if fen is None:
        return ""
    value = fen if isinstance(fen, Money) else Money(int(fen))
    return value.format(symbol=symbol)


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def short_day(value: date | None, *, today: date) -> str:
    """A calendar date as "11-24" in `today`'s year, else "2025-11-24"."""
    if value is None:
        return ""
    return value.strftime("%m-%d") if value.year == today.year else value.isoformat()


def local_time(value: datetime | None, *, today: date | None = None) -> str:
    """An aware instant in the desk's zone: "14:30" today, "11-28 14:30" this year, else
    "2025-11-28 14:30" (today given), or always the full form when `today` is None."""
    if value is None:
        return ""
    local = value.astimezone(local_zone()) if value.tzinfo else value
    if today is not None:
        if local.date() == today:
            return local.strftime("%H:%M")
        if local.year == today.year:
            return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


def rate_percent(rate: str | None) -> str:
    """A decimal-string annual rate ("0.0600") as "6.00%" (Decimal arithmetic)."""
    if not rate:
        return ""
    return f"{(Decimal(rate) * 100).quantize(Decimal('0.01'))}%"


def parse_money(text: str) -> int:
    """Yuan typed by the agent ("1,500.00", "¥1500", "1500.5") as integer fen, exactly;
    DomainError for anything that is not an amount with at most two decimals."""
    from app.domain.errors import DomainError

    cleaned = text.strip().replace("¥", "").replace("￥", "").replace(",", "").replace(" ", "")
    if not cleaned or len(cleaned) > 20 or not all(c.isdigit() or c == "." for c in cleaned):
        raise DomainError("amount", f"not an amount: {text!r}")
    if not cleaned.isascii():
        raise DomainError("amount", f"not an amount: {text!r}")
    return Money.from_yuan(cleaned).fen


def duration(seconds: int) -> str:
    """A call's length as "3:07" or "1:02:03"."""
    h, rest = divmod(max(0, int(seconds)), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


NO_VALUE = "—"


def percent(rate: Decimal | None, places: int = 1) -> str:
    """A ratio (Decimal "0.1234") as "12.3%"; "—" when there is none (no denominator)."""
    if rate is None:
        return NO_VALUE
    step = Decimal(1).scaleb(-places)
    return f"{(rate * 100).quantize(step, rounding=ROUND_HALF_UP)}%"

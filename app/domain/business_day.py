"""The lender's business day: which calendar date an instant falls on for the lender.

Instants are stored and sent as UTC; dates that decide money and promises (a payment's
date, the day a promise was made, "today" of the daily run) are calendar dates in the
lender's time zone - Asia/Shanghai unless configured (server setting `lender_timezone`).
Between 16:00 and 24:00 UTC the UTC date and the Shanghai date differ, so comparing a UTC
date with a business date is off by a day for a third of every day. Pure: the zone is an
argument; `zone()` validates a name and raises DomainError(field) for an unknown one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.errors import DomainError

DEFAULT_LENDER_TIMEZONE = "Asia/Shanghai"


@cache
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def zone(value: str | tzinfo, *, field: str = "lender_tz") -> tzinfo:
    """A tzinfo from a zone name ("Asia/Shanghai") or an existing tzinfo."""
    if isinstance(value, tzinfo):
        return value
    if not isinstance(value, str) or not value:
        raise DomainError(field, "expected a time zone name such as 'Asia/Shanghai'")
    try:
        return _zone(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise DomainError(field, f"unknown time zone {value!r}") from None


def business_date(
    instant: datetime, tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE, *, field: str = "instant"
) -> date:
    """The lender's calendar date of an aware instant."""
    if not isinstance(instant, datetime):
        raise DomainError(field, "must be a datetime")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise DomainError(field, "must be timezone-aware")
    return instant.astimezone(zone(tz)).date()


def start_of_business_day(day: date, tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE) -> datetime:
    """The aware instant the lender's business day `day` begins (local midnight)."""
    return datetime.combine(day, time(0), zone(tz))


def end_of_business_day(day: date, tz: str | tzinfo = DEFAULT_LENDER_TIMEZONE) -> datetime:
    """The aware instant the lender's business day `day` ends (next local midnight)."""
    return datetime.combine(day + timedelta(days=1), time(0), zone(tz))

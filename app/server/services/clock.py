"""The desk's notion of now: an aware UTC instant and the business date in the lender's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.server.settings import Settings


def business_now(settings: Settings) -> tuple[datetime, date]:
    """(now in UTC, today's business date in `settings.lender_timezone`)."""
    now = datetime.now(UTC)
    return now, now.astimezone(ZoneInfo(settings.lender_timezone)).date()


def end_of_day(settings: Settings, day: date) -> datetime:
    """The instant (UTC) the business day `day` ends: local midnight of the next day."""
    tz = ZoneInfo(settings.lender_timezone)
    return datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)

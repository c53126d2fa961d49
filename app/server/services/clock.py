"""The desk's notion of now: an aware UTC instant and the business date in the lender's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from app.server.settings import Settings


def business_now(settings: Settings) -> tuple[datetime, date]:
    """(now in UTC, today's business date in `settings.lender_timezone`)."""
    now = datetime.now(UTC)
    return now, now.astimezone(ZoneInfo(settings.lender_timezone)).date()

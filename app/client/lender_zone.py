"""The lender's zone on this desk, in one place: business dates ("today" of a promise, a
plan, the worklist's "due today") are the lender's calendar dates, as on the server.

The server says which zone with every token (`TokenResponse.desk.lender_timezone`, its
`lender_timezone` setting); the launcher applies it with `use()` before the desk is built
and remembers it for offline starts. Until then, and with a server that does not say,
`DEFAULT_LENDER_TIMEZONE`. It is process-wide configuration set at start, like the UI
language: the domain stays pure (it takes the zone as an argument); this module is where
the desk's code asks which zone that argument is.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.business_day import zone as _checked_zone

_current: tzinfo = _checked_zone(DEFAULT_LENDER_TIMEZONE)


def zone() -> tzinfo:
    """The lender's zone the desk works in now."""
    return _current


def name() -> str:
    """Its IANA name ("Asia/Shanghai")."""
    return str(getattr(_current, "key", DEFAULT_LENDER_TIMEZONE))


def use(zone_name: str | None) -> tzinfo:
    """Work in `zone_name` from now on (None: the default). DomainError for an unknown
    name, and nothing changes."""
    global _current
    _current = _checked_zone(zone_name or DEFAULT_LENDER_TIMEZONE, field="lender_timezone")
    return _current


def today(now: datetime) -> date:
    """The lender's business date at the aware instant `now`."""
    return now.astimezone(_current).date()

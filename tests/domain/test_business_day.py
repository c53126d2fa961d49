"""The lender's business day: instants to dates in the lender's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.business_day import (
    business_date,
    end_of_business_day,
    start_of_business_day,
    zone,
)
from app.domain.errors import DomainError
from app.domain.promises import promise_due_at


def test_utc_evening_is_the_next_day_in_shanghai() -> None:
    assert business_date(datetime(2026, 3, 1, 15, 59, tzinfo=UTC)) == date(2026, 3, 1)
    assert business_date(datetime(2026, 3, 1, 16, 0, tzinfo=UTC)) == date(2026, 3, 2)
    assert business_date(datetime(2026, 3, 1, 16, 0, tzinfo=UTC), "UTC") == date(2026, 3, 1)


def test_bounds_of_a_business_day_and_promise_due_time() -> None:
    assert start_of_business_day(date(2026, 3, 2)).astimezone(UTC) == datetime(
        2026, 3, 1, 16, 0, tzinfo=UTC
    )
    assert end_of_business_day(date(2026, 3, 2)).astimezone(UTC) == datetime(
        2026, 3, 2, 16, 0, tzinfo=UTC
    )
    assert promise_due_at(date(2026, 3, 2)).astimezone(UTC) == datetime(
        2026, 3, 2, 1, 0, tzinfo=UTC
    )


def test_bad_zone_and_naive_instant_are_domain_errors() -> None:
    with pytest.raises(DomainError) as err:
        zone("Mars/Olympus")
    assert err.value.field == "lender_tz"
    with pytest.raises(DomainError):
        zone("")
    with pytest.raises(DomainError):
        business_date(datetime(2026, 3, 1, 12, 0))


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(-14 * 60, 14 * 60),
    st.sampled_from(["Asia/Shanghai", "UTC", "America/New_York", "Europe/Berlin"]),
)
def test_an_instant_lies_inside_its_business_day(naive: datetime, minutes: int, name: str) -> None:
    instant = naive.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    day = business_date(instant, name)
    assert start_of_business_day(day, name) <= instant < end_of_business_day(day, name)

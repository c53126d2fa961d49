"""Promise-to-pay evaluation: pending / kept / broken with a grace period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.allocation import Payment
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.promises import check_promise, evaluate_promise, promise_deadline

CREATED = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
PROMISED = date(2026, 3, 10)
AMOUNT = Money.from_yuan("3000.00")


def status(payments: list[Payment], today: date, grace: int = 3) -> str:
    return evaluate_promise(AMOUNT, CREATED, PROMISED, payments, today=today, grace_days=grace)


def test_pending_until_deadline_then_broken() -> None:
    assert status([], date(2026, 3, 2)) == "pending"
    assert status([], PROMISED) == "pending"
    assert status([], date(2026, 3, 13)) == "pending"  # last grace day
    assert status([], date(2026, 3, 14)) == "broken"
    assert promise_deadline(PROMISED) == date(2026, 3, 13)


def test_kept_on_time_early_and_within_grace() -> None:
    assert status([Payment(PROMISED, AMOUNT)], date(2026, 3, 20)) == "kept"
    assert status([Payment(date(2026, 3, 3), AMOUNT)], date(2026, 3, 3)) == "kept"
    assert status([Payment(date(2026, 3, 13), AMOUNT)], date(2026, 3, 13)) == "kept"
    assert status([Payment(date(2026, 3, 2), AMOUNT)], date(2026, 3, 2)) == "kept"  # same day


def test_partial_payments_add_up() -> None:
    half = Money.from_yuan("1500.00")
    assert status([Payment(date(2026, 3, 5), half)], date(2026, 3, 12)) == "pending"
    assert status([Payment(date(2026, 3, 5), half)], date(2026, 3, 14)) == "broken"
    two = [Payment(date(2026, 3, 5), half), Payment(date(2026, 3, 11), half)]
    assert status(two, date(2026, 3, 30)) == "kept"
    check = check_promise(AMOUNT, CREATED, PROMISED, two, today=date(2026, 3, 30))
    assert check.paid == AMOUNT and check.window_end == date(2026, 3, 13)


def test_payments_outside_window_do_not_count() -> None:
    before = Payment(date(2026, 3, 1), AMOUNT)
    after = Payment(date(2026, 3, 14), AMOUNT)
    assert status([before, after], date(2026, 3, 20)) == "broken"
    assert status([Payment(date(2026, 3, 11), AMOUNT)], date(2026, 3, 11), grace=0) == "broken"
    assert status([Payment(date(2026, 3, 10), AMOUNT)], date(2026, 3, 11), grace=0) == "kept"


def test_future_dated_payment_not_seen_before_its_date() -> None:
    assert status([Payment(date(2026, 3, 9), AMOUNT)], date(2026, 3, 8)) == "pending"


def test_created_at_local_date_is_used() -> None:
    # 2026-03-01 23:30 in Shanghai is 15:30 UTC: a payment on 03-01 counts
    cst = timezone(timedelta(hours=8))
    created = datetime(2026, 3, 1, 23, 30, tzinfo=cst)
    got = evaluate_promise(
        AMOUNT, created, PROMISED, [Payment(date(2026, 3, 1), AMOUNT)], today=date(2026, 3, 1)
    )
    assert got == "kept"


def test_bad_input() -> None:
    with pytest.raises(DomainError):
        evaluate_promise(Money(0), CREATED, PROMISED, [], today=PROMISED)
    with pytest.raises(DomainError):
        evaluate_promise(AMOUNT, datetime(2026, 3, 2, 10), PROMISED, [], today=PROMISED)
    with pytest.raises(DomainError):
        evaluate_promise(AMOUNT, CREATED, date(2026, 3, 1), [], today=PROMISED)
    with pytest.raises(DomainError):
        evaluate_promise(AMOUNT, CREATED, PROMISED, [], today=PROMISED, grace_days=-1)
    with pytest.raises(DomainError):
        evaluate_promise(AMOUNT, CREATED, PROMISED, [], today=CREATED)


@given(
    st.lists(
        st.tuples(st.integers(-5, 20), st.integers(0, 400_000)).map(
            lambda t: Payment(date(2026, 3, 2) + timedelta(days=t[0]), Money(t[1]))
        ),
        max_size=5,
    ),
    st.integers(-3, 30),
    st.integers(0, 7),
)
def test_deterministic_idempotent_and_monotonic(
    pays: list[Payment], offset: int, grace: int
) -> None:
    today = date(2026, 3, 5) + timedelta(days=offset)
    first = status(pays, today, grace)
    assert first == status(pays, today, grace) == status(list(reversed(pays)), today, grace)
    later = status(pays, today + timedelta(days=30), grace)
    if first != "pending":
        assert later == first  # a resolved promise stays resolved
    else:
        assert later in ("kept", "broken")


SHANGHAI_0030 = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)  # 2026-03-02 00:30 in Shanghai


def test_creation_day_is_the_lenders_business_date() -> None:
    """Stored instants are UTC: a promise made at 00:30 Shanghai time is made on 03-02, so a
    payment dated 03-01 was made before it and never keeps it (issue 10)."""
    before = [Payment(date(2026, 3, 1), AMOUNT)]
    check = check_promise(AMOUNT, SHANGHAI_0030, PROMISED, before, today=date(2026, 3, 20))
    assert check.window_start == date(2026, 3, 2)
    assert check.status == "broken" and check.paid == Money(0)
    same_day = [Payment(date(2026, 3, 2), AMOUNT)]
    assert evaluate_promise(AMOUNT, SHANGHAI_0030, PROMISED, same_day, today=PROMISED) == "kept"


def test_creation_day_in_any_offset_is_converted_to_the_lenders_zone() -> None:
    new_york = timezone(timedelta(hours=-5))
    created = datetime(2026, 3, 1, 12, 0, tzinfo=new_york)  # 2026-03-02 01:00 in Shanghai
    pays = [Payment(date(2026, 3, 1), AMOUNT)]
    assert evaluate_promise(AMOUNT, created, PROMISED, pays, today=date(2026, 3, 20)) == "broken"


def test_lender_timezone_is_configurable() -> None:
    pays = [Payment(date(2026, 3, 1), AMOUNT)]
    # a lender keeping its books in UTC: the promise was made on 03-01, the payment counts
    got = evaluate_promise(
        AMOUNT, SHANGHAI_0030, PROMISED, pays, today=date(2026, 3, 1), lender_tz="UTC"
    )
    assert got == "kept"
    with pytest.raises(DomainError) as err:
        evaluate_promise(AMOUNT, CREATED, PROMISED, [], today=PROMISED, lender_tz="Mars/Olympus")
    assert err.value.field == "lender_tz"


@given(
    st.datetimes(
        min_value=datetime(2026, 2, 25), max_value=datetime(2026, 3, 9), timezones=st.just(UTC)
    ),
    st.lists(
        st.tuples(st.integers(-8, 20), st.integers(1, 400_000)).map(
            lambda t: Payment(date(2026, 3, 2) + timedelta(days=t[0]), Money(t[1]))
        ),
        max_size=6,
    ),
    st.integers(0, 30),
    st.sampled_from(["Asia/Shanghai", "UTC", "America/New_York", "Pacific/Kiritimati"]),
)
def test_payments_before_the_promise_never_count(
    created: datetime, pays: list[Payment], offset: int, zone: str
) -> None:
    from zoneinfo import ZoneInfo

    made_on = created.astimezone(ZoneInfo(zone)).date()
    today = date(2026, 3, 1) + timedelta(days=offset)
    check = check_promise(AMOUNT, created, PROMISED, pays, today=today, lender_tz=zone)
    assert check.window_start == made_on
    counted = [p for p in pays if made_on <= p.paid_on <= min(check.window_end, today)]
    assert check.paid == Money(sum(p.amount.fen for p in counted))
    without_earlier = [p for p in pays if p.paid_on >= made_on]
    again = check_promise(AMOUNT, created, PROMISED, without_earlier, today=today, lender_tz=zone)
    assert again == check

"""The failed-login throttle: counters in the `login_throttle` table (shared by every worker
process), three kinds of row by key:

- `user:<name>|<address>` — the per-user lock: `login_max_failures` failures for one
  username from one address within `login_window_s` lock that pair out for
  `login_lockout_s` (`locked_until`), right password included;
- `addr:<address>` — the address slows down, it never locks: once `login_address_slow_after`
  failures (any usernames) came from it within `login_address_window_s`, each further
  failure makes the next attempt from there wait (`locked_until`): `login_address_delay_s`,
  doubling with each failure, at most `login_address_max_delay_s`;
- `acct:<name>` — the username's failures since its last successful sign-in, from any
  address; `window_start` is the latest of them.

A username with no failure within `login_recent_failure_s` is exempt from the address's
delay: its password is checked at once, so one stranger behind an office's NAT cannot keep
the office's agents out (issue 18 point 7). The price, stated: from a slowed address, each
username still gets one checked guess per `login_recent_failure_s` (a spray of one password
over many accounts is bounded by that and by the per-user lock, no longer by the address).
Waiting attempts are refused before the password is checked and do not count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.server.errors import ApiError
from app.server.metrics import LOGIN_FAILURES
from app.server.models import LoginThrottle
from app.server.settings import Settings

_KEY_MAX = 200  # LoginThrottle.key's length


@dataclass(frozen=True, slots=True)
class Keys:
    """The three counter rows one login attempt reads and writes."""

    user: str
    address: str
    account: str


def keys(username: str, client_ip: str) -> Keys:
    name = username.casefold()
    return Keys(
        f"user:{name}|{client_ip}"[:_KEY_MAX],
        f"addr:{client_ip}"[:_KEY_MAX],
        f"acct:{name}"[:_KEY_MAX],
    )


def _too_many(retry_s: float, scope: str, message: str) -> ApiError:
    retry = max(1, math.ceil(retry_s))
    return ApiError(
        429,
        "too_many_attempts",
        f"{message}; try again in {retry} s",
        {"retry_after_s": retry, "scope": scope},
        headers={"Retry-After": str(retry)},
    )


def _waiting(session: Session, key: str, now: datetime) -> float | None:
    """Seconds until the row's `locked_until`, or None when it is not in force."""
    row = session.get(LoginThrottle, key)
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return (row.locked_until - now).total_seconds()


def _recent_failure(session: Session, settings: Settings, key: str, now: datetime) -> bool:
    row = session.get(LoginThrottle, key)
    recent = timedelta(seconds=settings.login_recent_failure_s)
    return row is not None and row.failures > 0 and now - row.window_start <= recent


def check(session: Session, settings: Settings, k: Keys, now: datetime) -> None:
    """Raise 429 (with Retry-After) when this attempt must wait: the username is locked at
    this address, or the address is slowed and the username has recent failures."""
    locked = _waiting(session, k.user, now)
    if locked is not None:
        raise _too_many(locked, "account", "too many failed logins for this account")
    slowed = _waiting(session, k.address, now)
    if slowed is not None and _recent_failure(session, settings, k.account, now):
        raise _too_many(slowed, "address", "too many failed logins from this address")


def address_delay(settings: Settings, failures: int) -> timedelta | None:
    """How long the next attempt from an address waits after its `failures`-th failure in
    the window (None: not slowed yet)."""
    over = failures - settings.login_address_slow_after
    if over < 0:
        return None
    cap = settings.login_address_max_delay_s
    seconds = cap if over >= 32 else min(cap, settings.login_address_delay_s * 2**over)
    return timedelta(seconds=seconds)


def _row(session: Session, key: str, now: datetime) -> tuple[LoginThrottle, bool]:
    """The counter row (locked for update), created with no failures if missing; (row,
    created)."""
    # populate_existing: `check` loaded the row unlocked; another worker may have counted
    # since, and the locked read must not keep the stale count (a lost update)
    row = session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
    if row is not None:
        return row, False
    row = LoginThrottle(key=key, failures=0, window_start=now)
    session.add(row)
    session.flush()  # a concurrent first failure: IntegrityError, retried by the caller
    return row, True


def _windowed(row: LoginThrottle, window: timedelta, now: datetime) -> None:
    """Count one failure in a fixed window from its first failure."""
    if now - row.window_start > window:
        row.failures = 0
        row.window_start = now
        row.locked_until = None
    row.failures += 1


def _count(session: Session, settings: Settings, k: Keys, now: datetime) -> None:
    user, _ = _row(session, k.user, now)
    _windowed(user, timedelta(seconds=settings.login_window_s), now)
    if user.failures >= settings.login_max_failures:
        user.locked_until = now + timedelta(seconds=settings.login_lockout_s)
    address, _ = _row(session, k.address, now)
    _windowed(address, timedelta(seconds=settings.login_address_window_s), now)
    delay = address_delay(settings, address.failures)
    if delay is not None:
        address.locked_until = now + delay
    account, _ = _row(session, k.account, now)
    account.failures += 1
    account.window_start = now  # the latest failure


def record_failure(session: Session, settings: Settings, k: Keys, now: datetime) -> None:
    """Count the failure on the three counters, in one transaction (committed)."""
    for attempt in range(3):
        try:
            _count(session, settings, k, now)
            session.commit()
            LOGIN_FAILURES.inc()
            return
        except IntegrityError:  # another request created a counter row meanwhile
            session.rollback()
            if attempt == 2:
                raise


def record_success(session: Session, k: Keys) -> None:
    """Clear the username's counts (this address's lock, its recent failures); the address's
    count stands, or a sprayer holding one account could clear it between rounds. Not
    committed (the caller commits with the new tokens)."""
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.key == k.user)
        .values(failures=0, locked_until=None)
    )
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == k.account))


def prune(session: Session, settings: Settings, now: datetime) -> int:
    """Delete counter rows whose window and lock are over (an `acct:` row: its recent-failure
    period); not committed. Returns the rows deleted."""
    window = timedelta(seconds=max(settings.login_window_s, settings.login_address_window_s))
    recent = timedelta(seconds=settings.login_recent_failure_s)
    is_account = LoginThrottle.key.startswith("acct:", autoescape=True)
    result = session.execute(
        delete(LoginThrottle).where(
            or_(
                and_(~is_account, LoginThrottle.window_start < now - window),
                and_(is_account, LoginThrottle.window_start < now - recent),
            ),
            or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)

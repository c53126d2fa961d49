"""KPI functions: ratios as Decimal, None on an empty denominator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.delinquency import BucketRanges
from app.domain.errors import DomainError
from app.domain.kpis import (
    Attempt,
    CollectedPayment,
    LoanBalance,
    Rate,
    amount_collected,
    collected_by,
    contact_rate,
    contact_rate_of,
    coverage,
    cure_rate,
    inbound_calls,
    overdue_rate,
    ptp_kept_rate,
    ptp_rate,
    ptp_rate_of,
    ratio,
    recovery_rate,
    roll_rate,
    roll_rates,
    rpc_rate,
    rpc_rate_of,
)
from app.domain.money import Money

ATTEMPTS = [
    Attempt.from_disposition("c1", "a", "no_answer"),
    Attempt.from_disposition("c1", "a", "right_party", promise=True),
    Attempt.from_disposition("c2", "a", "third_party"),
    Attempt.from_disposition("c2", "b", "busy"),
    Attempt.from_disposition("c3", "b", "right_party"),
    Attempt.from_disposition("c9", "b", "voicemail"),
]


def test_call_ratios() -> None:
    assert coverage(["c1", "c2", "c3", "c4"], ATTEMPTS) == Decimal("0.7500")
    assert contact_rate(ATTEMPTS) == Decimal("0.5000")  # 3 connected / 6
    assert rpc_rate(ATTEMPTS) == Decimal("0.6667")  # 2 / 3
    assert ptp_rate(ATTEMPTS) == Decimal("0.5000")  # 1 / 2


def test_empty_denominators_are_none() -> None:
    assert coverage([], ATTEMPTS) is None
    assert contact_rate([]) is None
    assert rpc_rate([Attempt("c", "a", False)]) is None
    assert ptp_rate([]) is None
    assert ptp_kept_rate(["pending"]) is None
    assert cure_rate([], ["x"]) is None
    assert overdue_rate([]) is None
    assert recovery_rate(Money(5), Money(0)) is None
    assert ratio(0, 0) is None


def test_ptp_kept_rate() -> None:
    assert ptp_kept_rate(["kept", "kept", "broken", "pending"]) == Decimal("0.6667")
    with pytest.raises(DomainError):
        ptp_kept_rate(["lost"])


def test_amount_collected_by_agent_team_bucket() -> None:
    pays = [
        CollectedPayment(Money(1000), date(2026, 3, 1), "a", "t1", "M1"),
        CollectedPayment(Money(2000), date(2026, 3, 15), "b", "t1", "M2"),
        CollectedPayment(Money(500), date(2026, 4, 1), "a", "t2", "M1"),
        CollectedPayment(Money(7), date(2026, 3, 2)),
    ]
    march = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}
    assert amount_collected(pays, **march) == Money(3007)
    assert amount_collected(pays) == Money(3507)
    assert collected_by(pays, "agent", **march) == {
        "": Money(7),
        "a": Money(1000),
        "b": Money(2000),
    }
    assert collected_by(pays, "team") == {"": Money(7), "t1": Money(3000), "t2": Money(500)}
    assert collected_by(pays, "bucket", start=date(2026, 3, 10)) == {
        "M1": Money(500),
        "M2": Money(2000),
    }
    with pytest.raises(DomainError):
        collected_by(pays, "region")  # type: ignore[arg-type]


def test_roll_rates() -> None:
    last = {"M1": Money(100_000), "M2": Money(40_000), "M3": Money(0)}
    now = {"M2": Money(25_000), "M3": Money(10_000), "M3+": Money(9_000)}
    assert roll_rate(last, now, "M1") == Decimal("0.2500")
    assert roll_rate(last, now, "M2") == Decimal("0.2500")
    rates = roll_rates(last, now)
    assert rates == {"M0->M1": None, "M1->M2": Decimal("0.2500"), "M2->M3": Decimal("0.2500"),
                     "M3->M3+": None}  # fmt: skip
    with pytest.raises(DomainError):
        roll_rate(last, now, "M3+")
    with pytest.raises(DomainError):
        roll_rate(last, now, "M9")
    m4 = BucketRanges.from_limits([("M0", 0), ("M1", 30), ("M2", 60), ("M3", 90), ("M4", None)])
    assert roll_rate({"M3": Money(10)}, {"M4": Money(5)}, "M3", ranges=m4) == Decimal("0.5000")


def test_cure_overdue_recovery() -> None:
    assert cure_rate(["a", "b", "c", "d"], ["b", "x"]) == Decimal("0.2500")
    loans = [LoanBalance(Money(100), 0), LoanBalance(Money(300), 5), LoanBalance(Money(600), 45)]
    assert overdue_rate(loans) == Decimal("0.9000")
    assert overdue_rate(loans, min_dpd=31) == Decimal("0.6000")
    assert recovery_rate(Money(1), Money(3)) == Decimal("0.3333")
    with pytest.raises(DomainError):
        overdue_rate([LoanBalance(Money(1), -1)])


def test_bad_records() -> None:
    with pytest.raises(DomainError):
        Attempt("c", "a", connected=False, right_party=True)
    with pytest.raises(DomainError):
        Attempt("c", "a", connected=True, right_party=False, promise=True)
    with pytest.raises(DomainError):
        ratio(-1, 5)


def test_inbound_calls_are_their_own_figure() -> None:
    """The contact, RPC and PTP rates and coverage count outbound attempts; a borrower's
    call in (connected, right party, with a promise) changes none of them."""
    inbound = [
        Attempt.from_disposition("c4", "a", "right_party", promise=True, inbound=True),
        Attempt.from_disposition("c1", "b", "hung_up", inbound=True),
    ]
    both = [*ATTEMPTS, *inbound]
    assert contact_rate(both) == contact_rate(ATTEMPTS) == Decimal("0.5000")
    assert rpc_rate(both) == rpc_rate(ATTEMPTS)
    assert ptp_rate(both) == ptp_rate(ATTEMPTS)
    assert coverage(["c1", "c2", "c3", "c4"], both) == Decimal("0.7500")  # c4 was not dialled
    assert inbound_calls(both) == 2 and inbound_calls(ATTEMPTS) == 0


def test_rates_carry_numerator_and_denominator() -> None:
    one = [Attempt.from_disposition("c1", "a", "right_party")]
    assert contact_rate_of(one) == Rate(1, 1) and contact_rate_of(one).value == Decimal("1")
    assert (rpc_rate_of(ATTEMPTS).numerator, rpc_rate_of(ATTEMPTS).denominator) == (2, 3)
    assert ptp_rate_of(ATTEMPTS) == Rate(1, 2)
    assert Rate(0, 0).value is None
    with pytest.raises(DomainError):
        Rate(-1, 2)

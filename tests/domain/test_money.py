"""Money: integer fen, no floats, explicit rounding, exact splits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.money import Money, parse_rate, round_fen


def test_from_yuan_parses_exactly() -> None:
    assert Money.from_yuan("3042.19").fen == 304219
    assert Money.from_yuan("1,000.5").fen == 100050
    assert Money.from_yuan(Decimal("0.01")).fen == 1
    assert Money.from_yuan(12).fen == 1200


@pytest.mark.parametrize("bad", ["abc", "1.234", "NaN", "Infinity", ""])
def test_from_yuan_rejects_bad_text(bad: str) -> None:
    with pytest.raises(DomainError) as exc:
        Money.from_yuan(bad, field="principal")
    assert exc.value.field == "principal"


def test_floats_are_refused_everywhere() -> None:
    with pytest.raises(DomainError):
        Money.from_yuan(1.5)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        Money(1.0)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        Money(100).times(1.5)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        parse_rate(0.06)  # type: ignore[arg-type]


def test_mixing_currencies_is_an_error() -> None:
    with pytest.raises(DomainError):
        Money(100) + Money(100, "USD")
    with pytest.raises(TypeError):
        Money(100) + 5  # type: ignore[operator]


def test_rounding_is_half_up() -> None:
    assert round_fen(Decimal("2.5")) == 3
    assert round_fen(Decimal("-2.5")) == -3
    assert Money(1).times(Decimal("0.5")).fen == 1
    assert Money(304219).times(Decimal("0.09") / 360 * 30).fen == 2282  # DOMAIN.md penalty example


def test_formatting() -> None:
    assert Money(641237).format() == "¥6,412.37"
    assert Money(-5).format() == "-¥0.05"
    assert Money(304219).to_str() == "3042.19"


def test_split_small_amount_never_goes_negative() -> None:
    parts = Money(5).split(10)
    assert [p.fen for p in parts] == [0] * 9 + [5]


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=1, max_value=500))
def test_split_sums_exactly_and_parts_share_sign(fen: int, parts: int) -> None:
    pieces = Money(fen).split(parts)
    assert len(pieces) == parts
    assert sum(p.fen for p in pieces) == fen
    assert all((p.fen >= 0) if fen >= 0 else (p.fen <= 0) for p in pieces)
    assert max(p.fen for p in pieces) - min(p.fen for p in pieces) < parts

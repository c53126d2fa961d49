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


EDGE_TEXT = [
    "1e999999",  # overflows the Decimal context when scaled to fen
    "1e-999999",
    "1E5",
    "１００",  # full-width digits
    "١٠٠",  # Arabic-Indic digits
    "१००",  # Devanagari digits
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "9" * 500,
    "",
    " ",
    "1.2.3",
    "+-1",
]


@pytest.mark.parametrize("text", EDGE_TEXT)
def test_from_yuan_edge_text_is_a_domain_error_naming_the_field(text: str) -> None:
    with pytest.raises(DomainError) as exc:
        Money.from_yuan(text, field="principal")
    assert exc.value.field == "principal"
    assert "\n" not in str(exc.value) and exc.value.reason


@pytest.mark.parametrize("text", [*EDGE_TEXT, "-0", "-0.00", "-0.06", "6%"])
def test_parse_rate_edge_text_is_a_domain_error(text: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse_rate(text, field="annual_rate")
    assert exc.value.field == "annual_rate" and "\n" not in str(exc.value)


@pytest.mark.parametrize(
    "value",
    [Decimal("1e999999"), Decimal("-1e999999"), Decimal("1e-999999"), Decimal("NaN")],
)
def test_from_yuan_edge_decimals(value: Decimal) -> None:
    with pytest.raises(DomainError):
        Money.from_yuan(value)


def test_parse_rate_refuses_negative_zero_decimal() -> None:
    with pytest.raises(DomainError):
        parse_rate(Decimal("-0"))
    assert parse_rate("0") == Decimal(0) and parse_rate(" 0.06 ") == Decimal("0.06")


def test_non_ascii_digits_name_the_problem() -> None:
    with pytest.raises(DomainError) as exc:
        Money.from_yuan("１００")
    assert "0-9" in exc.value.reason


@given(st.text(max_size=30))
def test_from_yuan_any_text_parses_or_is_a_domain_error(text: str) -> None:
    try:
        money = Money.from_yuan(text)
    except DomainError:
        return
    # what parses is plain ASCII decimal text with at most two decimals
    plain = text.strip().replace(",", "")
    assert plain.isascii() and all(c in "0123456789.-" for c in plain)
    assert Money.from_yuan(money.to_str()) == money


@given(st.text(max_size=30))
def test_parse_rate_any_text_parses_or_is_a_domain_error(text: str) -> None:
    try:
        rate = parse_rate(text)
    except DomainError:
        return
    assert rate.is_finite() and not rate.is_signed()
    assert text.strip().isascii()


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_from_yuan_any_decimal_parses_or_is_a_domain_error(value: Decimal) -> None:
    try:
        money = Money.from_yuan(value)
    except DomainError:
        return
    assert Decimal(money.fen) == value * 100


def test_digits_beyond_the_decimal_precision_are_not_rounded_away() -> None:
    # 37 significant digits: scaling in the default 28-digit context would round the 1 off
    with pytest.raises(DomainError) as exc:
        Money.from_yuan("123456789012345.0000000000000000000001")
    assert "decimal places" in exc.value.reason
    assert Money.from_yuan("3042.190").fen == 304219  # trailing zeros are fine
    assert Money.from_yuan("-5").fen == -500  # Money is signed; callers check the range

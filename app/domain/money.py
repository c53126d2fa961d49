"""Money as an immutable integer number of fen, and explicit Decimal rounding helpers.

Floats are refused everywhere: construct from int fen, from a Decimal/str in yuan, or by
arithmetic on other Money values. Rounding is always explicit (ROUND_HALF_UP to the fen).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import total_ordering

from app.domain.errors import DomainError
from app.domain.number_text import check_decimal, parse_decimal_text

FEN_PER_YUAN = 100
CURRENCY = "CNY"
MAX_YUAN_DIGITS = 16  # |amount| < 10**16 yuan (10**18 fen fits a BIGINT column)
_CENT = Decimal("0.01")


def round_fen(value: Decimal) -> int:
    """Round a Decimal amount of fen to an integer fen, half up."""
    if not isinstance(value, Decimal):
        raise DomainError("amount", f"expected Decimal, got {type(value).__name__}")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_rate(value: str | Decimal, *, field: str = "annual_rate") -> Decimal:
    """Parse a rate such as "0.06" into a Decimal; floats are refused.

    Text must be plain ASCII decimal (app.domain.number_text): no sign (a rate is never
    negative, so "-0" is refused too), no exponent, NaN or Infinity.
    """
    if isinstance(value, float) or isinstance(value, bool):
        raise DomainError(field, "rates must be Decimal or a decimal string, never float")
    if isinstance(value, str):
        return parse_decimal_text(value, field=field)
    if isinstance(value, Decimal):
        return check_decimal(value, field=field)
    raise DomainError(field, f"not a number: {value!r}")


@total_ordering
@dataclass(frozen=True, slots=True)
class Money:
    """An amount in fen (1/100 yuan). Immutable; arithmetic with floats is an error."""

    fen: int
    currency: str = CURRENCY

    def __post_init__(self) -> None:
        if isinstance(self.fen, bool) or not isinstance(self.fen, int):
            raise DomainError("amount", f"Money needs integer fen, got {type(self.fen).__name__}")

    # -- construction -------------------------------------------------------------
    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def from_yuan(cls, value: str | Decimal | int, *, field: str = "amount") -> Money:
        """Parse yuan ("3042.19", "1,000.50", Decimal or int) exactly.

        Text must be plain ASCII decimal with an optional "-" (app.domain.number_text);
        more than 2 decimals, more than MAX_YUAN_DIGITS integer digits, exponents,
        NaN/Infinity and other scripts' digits are DomainErrors naming `field`.
        """
        if isinstance(value, float) or isinstance(value, bool):
            raise DomainError(field, "amounts must be decimal strings or Decimal, never float")
        if isinstance(value, str):
            dec = parse_decimal_text(value.replace(",", ""), field=field, signed=True)
        elif isinstance(value, int):
            dec = Decimal(value)
        elif isinstance(value, Decimal):
            dec = check_decimal(value, field=field, signed=True)
        else:
            raise DomainError(field, f"not an amount: {value!r}")
        if dec != 0 and dec.adjusted() >= MAX_YUAN_DIGITS:
            raise DomainError(field, "is too large")
        # quantize is exact here (at most 18 digits); comparing with the input is exact too
        cents = dec.quantize(_CENT, rounding=ROUND_HALF_UP)
        if cents != dec:
            raise DomainError(field, f"more than two decimal places: {value!r}")
        return cls(int(cents * FEN_PER_YUAN))

    # -- arithmetic -----------------------------------------------------------------
    def _check(self, other: object) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise DomainError("currency", f"cannot mix {self.currency} and {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + self._check(other).fen, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - self._check(other).fen, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.fen, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.fen < self._check(other).fen

    def __bool__(self) -> bool:
        return self.fen != 0

    def times(self, factor: Decimal) -> Money:
        """Multiply by a Decimal factor and round half up to the fen."""
        if not isinstance(factor, Decimal):
            raise DomainError("factor", "multiply Money only by Decimal")
        return Money(round_fen(Decimal(self.fen) * factor), self.currency)

    def split(self, parts: int) -> list[Money]:
        """Split into `parts` amounts that sum exactly; the last absorbs the residue."""
        if parts <= 0:
            raise DomainError("parts", "must be positive")
        if isinstance(parts, bool) or not isinstance(parts, int):
            raise DomainError("parts", "must be an integer")
        sign = -1 if self.fen < 0 else 1
        base = sign * (abs(self.fen) // parts)  # truncate, so the last part is never smaller
        head = [Money(base, self.currency)] * (parts - 1)
        return [*head, Money(self.fen - base * (parts - 1), self.currency)]

    @staticmethod
    def sum(items: list[Money] | tuple[Money, ...]) -> Money:
        total = 0
        for m in items:
            total += m.fen
        return Money(total)

    # -- presentation ---------------------------------------------------------------
    @property
    def yuan(self) -> Decimal:
        return (Decimal(self.fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))

    def to_str(self) -> str:
        """Plain decimal string in yuan, e.g. "3042.19" (the JSON/CLI format)."""
        return format(self.yuan, "f")

    def format(self, *, symbol: bool = True) -> str:
        """Human format with thousands separators, e.g. "¥3,042.19"."""
        sign = "-" if self.fen < 0 else ""
        text = f"{abs(self.yuan):,.2f}"
        return f"{sign}{'¥' if symbol else ''}{text}"

    def __str__(self) -> str:
        return self.format()

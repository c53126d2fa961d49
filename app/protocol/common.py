"""Base model, the one error shape, and the bounded value types every request model uses.

Bounds (issue 10 point 7): an amount is a whole number of fen above zero and at most
``MAX_AMOUNT_FEN``; business dates lie in ``[MIN_DATE, MAX_DATE]``; instants are
timezone-aware and lie in the same window; text never carries a NUL character. A value
outside the bounds is a 422 with the field named — on SQLite and PostgreSQL alike, before
any database sees it (an unbounded integer of 2^63 used to reach SQLite and answer 500).

Wire strictness (issue 10 point 12): `ApiModel` refuses a JSON string for an integer and
0/1 for a boolean; query strings use `QueryModel`, which parses text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from app.domain.limits import MAX_AMOUNT_FEN, MAX_DATE, MIN_DATE


def _strict_scalars(schema: Any) -> None:
    """Mark every int and bool schema inside `schema` strict (in place)."""
    if isinstance(schema, dict):
        if schema.get("type") in ("int", "bool"):
            schema["strict"] = True
        for value in schema.values():
            _strict_scalars(value)
    elif isinstance(schema, list):
        for value in schema:
            _strict_scalars(value)


class ApiModel(BaseModel):
    """Base for wire models: unknown fields are an error, instances are immutable, and
    integers and booleans are strict — a JSON string "100" is not an integer (nor is 100.0),
    0/1 are not booleans — from JSON (the server) and from Python objects (the desk checks
    its outgoing payloads with these models) alike. Every other type keeps pydantic's
    JSON-compatible parsing (dates, instants and UUIDs from their strings).

    The strictness is applied to the model's core schema when the class is built (no
    per-field annotation, no validation-time cost)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        _strict_scalars(schema)
        return schema


class QueryModel(BaseModel):
    """Base for query-string models: unknown parameters are an error, instances are
    immutable; values arrive as text, so numbers and flags are parsed from their strings."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ErrorBody(ApiModel):
    code: str = Field(
        description="Stable machine-readable code, e.g. 'not_found', 'validation_error'"
    )
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(ApiModel):
    """`{"error": {"code", "message", "details"}}` — every non-2xx answer has this shape."""

    error: ErrorBody


Fen = int  # integer number of fen on the wire (responses; requests use Amount / NonNegAmount)


def _date_in_window(value: date) -> date:
    if not MIN_DATE <= value <= MAX_DATE:
        raise ValueError(f"date must be between {MIN_DATE} and {MAX_DATE}")
    return value


def _instant_in_window(value: datetime) -> datetime:
    if not MIN_DATE <= value.astimezone(UTC).date() <= MAX_DATE:
        raise ValueError(f"instant must be between {MIN_DATE} and {MAX_DATE}")
    return value


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("NUL characters are not allowed")
    return value


class _StatedWindow:
    """States a date window in the JSON schema (the validator enforces it): `formatMinimum`
    / `formatMaximum` (the bounds of a `format: date` or `date-time` string, as JSON Schema
    validators such as ajv read them) and a sentence in the description. Works where the
    type sits inside `X | None` too, unlike a Field's description."""

    def __init__(self, low: str, high: str, description: str) -> None:
        self.low, self.high, self.description = low, high, description

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["formatMinimum"], schema["formatMaximum"] = self.low, self.high
        schema.setdefault("description", self.description)
        return schema


Amount = Annotated[int, Field(gt=0, le=MAX_AMOUNT_FEN, description="fen, > 0")]
NonNegAmount = Annotated[int, Field(ge=0, le=MAX_AMOUNT_FEN, description="fen, >= 0")]
BizDate = Annotated[
    date,
    AfterValidator(_date_in_window),
    _StatedWindow(
        MIN_DATE.isoformat(),
        MAX_DATE.isoformat(),
        f"a business date from {MIN_DATE} to {MAX_DATE} (else 422)",
    ),
]
Instant = Annotated[
    AwareDatetime,
    AfterValidator(_instant_in_window),
    _StatedWindow(
        f"{MIN_DATE.isoformat()}T00:00:00Z",
        f"{MAX_DATE.isoformat()}T23:59:59.999999Z",
        f"an instant with its UTC offset; its UTC date from {MIN_DATE} to {MAX_DATE} (else 422)",
    ),
]
CleanText = Annotated[str, AfterValidator(_no_nul)]


def rate_text(rate: Decimal) -> str:
    """An annual rate as the wire writes it: at least 4 decimals ("0.0600"), and every
    further decimal the stored rate has ("0.058750" -> "0.05875"), so a desk calculates with
    exactly the server's rate."""
    four = rate.quantize(Decimal("0.0001"))
    if four == rate:
        return f"{four:f}"
    return f"{rate.normalize():f}"


WINDOW_DOC = (
    "`since` (inclusive) and `until` (exclusive) bound the instants; each is optional, "
    f"each an instant whose UTC date lies from {MIN_DATE} to {MAX_DATE}, and `since` must "
    "come before `until` (else 422)"
)


def ordered_window(since: datetime | None, until: datetime | None) -> None:
    """Refuse a window whose start is not before its end (ValueError: 422 naming both)."""
    if since is not None and until is not None and since >= until:
        raise ValueError("since must be before until")

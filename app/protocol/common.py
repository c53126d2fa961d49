"""Base model and the one error shape used by every route."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    """Base for wire models: unknown fields are an error, instances are immutable."""

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


Fen = int  # integer number of fen on the wire


def rate_text(rate: Decimal) -> str:
    """An annual rate as the wire writes it: at least 4 decimals ("0.0600"), and every
    further decimal the stored rate has ("0.058750" -> "0.05875"), so a desk calculates with
    exactly the server's rate."""
    four = rate.quantize(Decimal("0.0001"))
    if four == rate:
        return f"{four:f}"
    return f"{rate.normalize():f}"

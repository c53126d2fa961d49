"""Base model and the one error shape used by every route."""

from __future__ import annotations

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

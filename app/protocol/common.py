"""Base models and the one error shape used by every route."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema


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


Fen = int  # integer number of fen on the wire

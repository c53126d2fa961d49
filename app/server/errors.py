"""The one error shape: `{"error": {"code", "message", "details"}}` for every non-2xx answer."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from app.domain.errors import DomainError
from app.protocol.common import ErrorResponse
from app.server.access_log import route_template

log = logging.getLogger(__name__)

_DEFAULT_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    499: "client_disconnected",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raise from routes and services: becomes the one error shape with this status and code."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers


def not_found(what: str = "object") -> ApiError:
    return ApiError(404, "not_found", f"{what} not found")


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content=jsonable_encoder(error_body(code, message, details)),
        headers=headers,
    )


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)


MALFORMED_JSON = "malformed_json"


# nginx's "client closed request": the client went away before the body was read. Nobody
# receives the answer; the status is for the access log.
CLIENT_CLOSED_REQUEST = 499


async def _client_disconnect(request: Request, _exc: Exception) -> JSONResponse:
    """The client dropped the connection while its body was read: the client's doing, not
    the server's fault — one INFO line (no traceback) and 499 for the access log."""
    log.info(
        "client disconnected before its request body was read: %s %s",
        request.method,
        route_template(request.scope),
    )
    return _response(
        CLIENT_CLOSED_REQUEST,
        "client_disconnected",
        "the client closed the connection before sending the whole body",
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, ClientDisconnect):
        # FastAPI's own body reading wraps every failure in a 400 "error parsing the body"
        return await _client_disconnect(request, exc.__cause__)
    status = exc.status_code
    code = _DEFAULT_CODES.get(status, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    details: dict[str, Any] = {}
    if status == 400 and isinstance(exc.detail, str):
        # FastAPI answers a bare 400 only when it cannot decode the body (e.g. not UTF-8)
        code, message = MALFORMED_JSON, "the request body is not valid JSON"
    if isinstance(exc.detail, dict):
        code = str(exc.detail.get("code", code))
        message = str(exc.detail.get("message", message))
        details = dict(exc.detail.get("details", {}))
    return _response(status, code, message, details, getattr(exc, "headers", None))


def _clean_errors(errors: Any) -> list[dict[str, Any]]:
    out = []
    for err in errors:
        item = {
            "loc": [str(p) for p in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        out.append(item)
    return out


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    if raw and all(e.get("type") == "json_invalid" for e in raw):
        # not JSON at all: a malformed request (400), not an invalid value (422)
        err = raw[0]
        reason = str((err.get("ctx") or {}).get("error", "JSON decode error"))
        position = err.get("loc", ("body", None))[-1]
        return _response(
            400,
            MALFORMED_JSON,
            f"the request body is not valid JSON: {reason} (at character {position})",
            {"position": position},
        )
    errors = _clean_errors(raw)
    fields = sorted({".".join(e["loc"]) for e in errors})
    return _response(
        422,
        "validation_error",
        "invalid request: " + ", ".join(fields) if fields else "invalid request",
        {"errors": errors},
    )


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return _response(
        422,
        "validation_error",
        str(exc),
        {"errors": [{"loc": ["body", exc.field], "msg": exc.reason, "type": "domain"}]},
    )


async def _data_error(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("database refused a value: %s", type(getattr(exc, "orig", exc)).__name__)
    return _response(422, "validation_error", "a value is not acceptable for storage")


async def _unhandled(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error: %s", type(exc).__name__)
    return _response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(ClientDisconnect, _client_disconnect)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(Exception, _unhandled)


def document_error_responses(app: FastAPI) -> None:
    """Complete the OpenAPI document with what FastAPI cannot infer: every route that takes
    a JSON body may answer 400 malformed_json (the error shape). 413 (POST /sync/push) and
    429 (POST /auth/token) are declared by their routes."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "requestBody" in operation:
                    operation["responses"].setdefault(
                        "400",
                        {
                            "description": "malformed_json: the body is not valid JSON",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ErrorResponse"}
                                }
                            },
                        },
                    )
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# Documented on every route (the one error shape); routes add their specific ones.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (401, "unauthorized: missing, invalid or expired token"),
        (403, "forbidden: role not allowed"),
        (404, "not_found"),
        (422, "validation_error (details.errors lists the field locations)"),
        (500, "internal_error"),
    )
}

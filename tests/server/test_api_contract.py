"""The wire contract: strict types on every wire model (a JSON string "100" is not an
integer, 0/1 are not booleans), query strings still parsed from text, and an OpenAPI
document that lists what each route can answer (400 malformed JSON, 413, 429) in the one
error shape."""

from __future__ import annotations

import importlib
import inspect
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

from app.protocol.common import ApiModel, QueryModel
from app.server.models import User
from tests.server.conftest import SmallBook, business_today
from tests.server.sync_helpers import note_op

PROTOCOL_MODULES = ("app.protocol.auth", "app.protocol.desk", "app.protocol.sync")


def _wire_models() -> Iterator[type[ApiModel]]:
    seen: set[type[ApiModel]] = set()
    for name in (*PROTOCOL_MODULES, "app.protocol.entities", "app.protocol.common"):
        for _n, obj in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(obj, ApiModel) and not issubclass(obj, QueryModel) and obj not in seen:
                seen.add(obj)
                yield obj


def _scalar(annotation: Any) -> tuple[str, bool] | None:
    """('int' | 'bool', inside a list) for a field typed int/bool, optional or in a list."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not NoneType]
        if len(args) != 1:
            return None
        return _scalar(args[0])
    if get_origin(annotation) is list:
        inner = _scalar(get_args(annotation)[0])
        return (inner[0], True) if inner else None
    if annotation is bool:
        return ("bool", False)
    if annotation is int:
        return ("int", False)
    return None


def _strict_cases() -> list[tuple[type[BaseModel], str, str, bool]]:
    cases = []
    for model in _wire_models():
        for field, info in model.model_fields.items():
            found = _scalar(info.annotation)
            if found:
                cases.append((model, field, *found))
    return cases


STRICT_CASES = _strict_cases()


def test_the_walk_finds_the_request_fields() -> None:
    names = {(m.__name__, f) for m, f, _k, _l in STRICT_CASES}
    for expected in (
        ("PromisePayload", "amount"),
        ("PlanPayload", "payments"),
        ("ContactPayload", "duration_s"),
        ("CaseUpdatePayload", "debtor_unreachable"),
        ("CaseUpdateOp", "base_version"),
    ):
        assert expected in names


@pytest.mark.parametrize(
    ("model", "field", "kind", "in_list"),
    STRICT_CASES,
    ids=[f"{m.__name__}.{f}" for m, f, _k, _l in STRICT_CASES],
)
def test_wire_models_refuse_lookalike_scalars(
    model: type[BaseModel], field: str, kind: str, in_list: bool
) -> None:
    """From JSON (the server) and from Python objects (the desk's own payload check)."""
    lookalikes: list[Any] = ["100", 100.0, True] if kind == "int" else [0, 1, "true", "1"]
    for bad in lookalikes:
        value = [bad] if in_list else bad
        loc = (field, 0) if in_list else (field,)
        for validate in (
            lambda v: model.model_validate_json(json.dumps({field: v})),
            lambda v: model.model_validate({field: v}),
        ):
            with pytest.raises(ValidationError) as err:
                validate(value)
            errors = {e["loc"]: e["type"] for e in err.value.errors()}
            assert errors.get(loc) == f"{kind}_type", (bad, errors)


def _promise(amount: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "amount": amount,
        "promised_on": (business_today() + timedelta(days=3)).isoformat(),
        "created_at": datetime.now(UTC).isoformat(),
    }


def test_a_string_amount_or_a_numeric_flag_is_refused_over_http(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    h = auth_headers(agent)
    url = f"/cases/{case_id}/promises"
    resp = client.post(url, json=_promise("100"), headers=h)
    assert resp.status_code == 422 and "body.amount" in resp.json()["error"]["message"]
    assert client.post(url, json=_promise(100.0), headers=h).status_code == 422
    assert client.post(url, json=_promise(100), headers=h).status_code == 201
    edit = {
        "op_id": str(uuid.uuid4()),
        "kind": "case.update",
        "case_id": case_id,
        "entity_id": case_id,
        "base_version": 0,
        "payload": {"debtor_unreachable": 1},
    }
    resp = client.post("/sync/push", json={"ops": [edit]}, headers=h)
    assert resp.status_code == 422, resp.text
    edit["payload"] = {"debtor_unreachable": True}
    edit["base_version"] = "0"
    assert client.post("/sync/push", json={"ops": [edit]}, headers=h).status_code == 422


def test_query_strings_are_still_parsed_from_text(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    admin = auth_headers(small_book.admin)
    page = client.get("/worklist", params={"limit": "2", "offset": "1"}, headers=admin)
    assert page.status_code == 200 and len(page.json()["rows"]) == 2
    assert client.get("/audit", params={"limit": "5"}, headers=admin).status_code == 200
    assert client.get("/sync/changes", params={"limit": "3"}, headers=admin).status_code == 200
    assert client.get("/worklist", params={"limit": "two"}, headers=admin).status_code == 422


@pytest.mark.parametrize(
    "body",
    [b'{"ops": [', b"not json", b'{"ops": [}]', b'{"ops": "\xff"}'],
    ids=["cut", "text", "broken", "not-utf8"],
)
def test_malformed_json_answers_400_in_the_error_shape(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    body: bytes,
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    headers = {"Content-Type": "application/json", **auth_headers(agent)}
    for url in ("/sync/push", f"/cases/{case_id}/notes", "/auth/token"):
        resp = client.post(url, content=body, headers=headers)
        assert resp.status_code == 400, (url, resp.text)
        error = resp.json()["error"]
        assert error["code"] == "malformed_json" and error["message"], error


def _error_schema_ref(response: dict[str, Any]) -> str | None:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref")


def test_openapi_documents_what_each_route_answers(app: FastAPI) -> None:
    doc = app.openapi()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            codes = set(op["responses"])
            where = f"{method.upper()} {path}"
            if "requestBody" in op:
                assert "400" in codes, f"{where}: malformed JSON (400) not documented"
            for code, response in op["responses"].items():
                if int(code) >= 400:
                    assert _error_schema_ref(response) == "#/components/schemas/ErrorResponse", (
                        where,
                        code,
                    )
    assert "413" in doc["paths"]["/sync/push"]["post"]["responses"]
    assert "429" in doc["paths"]["/auth/token"]["post"]["responses"]
    assert "429" in doc["paths"]["/cases/{case_id}/dial"]["post"]["responses"]  # #18 point 2
    # 413 and 429 only where they can occur
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            if (method, path) != ("post", "/sync/push"):
                assert "413" not in op["responses"], path
            if (method, path) not in (("post", "/auth/token"), ("post", "/cases/{case_id}/dial")):
                assert "429" not in op["responses"], path


def test_a_valid_push_still_works(
    client: TestClient, small_book: SmallBook, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    agent = small_book.agents["team-a"][0]
    case_id = small_book.cases[agent.username][0].case_id
    resp = client.post(
        "/sync/push", json={"ops": [note_op(case_id, "仍然可以")]}, headers=auth_headers(agent)
    )
    assert resp.status_code == 200 and resp.json()["results"][0]["status"] == "applied"

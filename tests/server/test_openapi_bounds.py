"""The OpenAPI document states every bound and every answer (issue 18 point 6): the date
windows, the 410 of an unusable cursor, the required reject reason, the one-of rules of
/reassign and of the reveal, UUID case ids in moves, and the error shape of every 4xx.

The one-of rules are checked both ways: for a set of bodies, the document's schema (run by a
JSON Schema validator) and the server's models give the same verdict."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema_rs
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

from app.domain.limits import MAX_DATE, MIN_DATE
from app.protocol.desk import ReassignRequest, RevealRequest
from app.server.app_factory import create_app
from app.server.models import User
from app.server.settings import Settings
from tests.server.conftest import SmallBook

ERROR_REF = "#/components/schemas/ErrorResponse"


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # the document does not depend on the database's content: one app for the module
    url = f"sqlite:///{tmp_path_factory.mktemp('openapi') / 'doc.db'}"
    app = create_app(Settings(database_url=url, check_migrations=False))
    return app.openapi()


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            yield method, path, op


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _date_leaves(doc: dict[str, Any], schema: Any, seen: set[str]) -> Iterator[dict[str, Any]]:
    """Every date / date-time schema reachable from `schema` (through $refs)."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            if ref not in seen:
                seen.add(ref)
                yield from _date_leaves(doc, _resolve(doc, schema), seen)
            return
        if schema.get("format") in ("date", "date-time"):
            yield schema
        for value in schema.values():
            yield from _date_leaves(doc, value, seen)
    elif isinstance(schema, list):
        for value in schema:
            yield from _date_leaves(doc, value, seen)


def test_every_request_date_states_its_window(doc: dict[str, Any]) -> None:
    """Each date or instant a request carries (body or query) has its bounds in the
    schema; the audit window's parameters say that since comes before until."""
    found = 0
    for method, path, op in _operations(doc):
        sources: list[Any] = [p["schema"] for p in op.get("parameters", [])]
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
        sources.append(body.get("schema", {}))
        for leaf in _date_leaves(doc, sources, set()):
            found += 1
            low, high = leaf.get("formatMinimum", ""), leaf.get("formatMaximum", "")
            assert low.startswith(MIN_DATE.isoformat()), (method, path, leaf)
            assert high.startswith(MAX_DATE.isoformat()), (method, path, leaf)
    assert found >= 10  # promises, plans, callbacks, notes, the audit window ...
    for path in ("/audit", "/audit/export"):
        params = {p["name"]: p for p in doc["paths"][path]["get"]["parameters"]}
        for name in ("since", "until"):
            assert "before `until`" in params[name]["description"], (path, name)


def test_every_error_answer_is_documented_in_the_error_shape(doc: dict[str, Any]) -> None:
    for method, path, op in _operations(doc):
        for code in ("401", "403", "404", "422", "500"):
            assert code in op["responses"], (method, path, code)
        for code, response in op["responses"].items():
            if int(code) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_REF}, (method, path, code)
                assert response["description"], (method, path, code)


def test_the_expired_cursor_answer_is_stated(doc: dict[str, Any]) -> None:
    gone = doc["paths"]["/sync/changes"]["get"]["responses"]["410"]
    assert gone["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}
    text = gone["description"]
    assert "cursor_expired" in text and "unknown" in text and "without a cursor" in text


def _body_schema(doc: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    op = doc["paths"][path][method]
    return _resolve(doc, op["requestBody"]["content"]["application/json"]["schema"])


def test_a_reject_reason_is_required_and_an_approve_reason_is_not(doc: dict[str, Any]) -> None:
    reject = _body_schema(doc, "post", "/plans/{plan_id}/reject")
    assert reject["required"] == ["reason"]
    assert reject["properties"]["reason"]["type"] == "string"
    assert reject["properties"]["reason"]["minLength"] == 1
    assert reject["properties"]["reason"]["pattern"] == r"\S"  # not blank
    assert "422" in doc["paths"]["/plans/{plan_id}/reject"]["post"]["responses"]
    approve = _body_schema(doc, "post", "/plans/{plan_id}/approve")
    assert "reason" not in approve.get("required", [])


def test_case_ids_in_moves_are_uuids(doc: dict[str, Any]) -> None:
    move = _resolve(doc, {"$ref": "#/components/schemas/CaseMove"})
    assert move["properties"]["case_id"] == {
        "type": "string",
        "format": "uuid",
        "title": "Case Id",
        "description": move["properties"]["case_id"]["description"],
    }
    reassign = _body_schema(doc, "post", "/reassign")
    ids = next(s for s in reassign["properties"]["case_ids"]["anyOf"] if s["type"] == "array")
    assert ids["items"] == {"type": "string", "format": "uuid"}


def _verdicts(
    doc: dict[str, Any], name: str, model: type[BaseModel], bodies: list[dict[str, Any]]
) -> list[tuple[bool, bool]]:
    """(schema says valid, server model says valid) for each body."""
    validator = jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    )
    out = []
    for body in bodies:
        try:
            model.model_validate(body)
            accepted = True
        except ValidationError:
            accepted = False
        out.append((validator.is_valid(body), accepted))
    return out


def test_the_reassign_one_of_rule_is_in_the_schema_and_enforced(doc: dict[str, Any]) -> None:
    some = [str(uuid.uuid4())]
    bodies: list[dict[str, Any]] = [
        {"to_agent": "b", "case_ids": some},
        {"to_agent": "b", "from_agent": "a"},
        {"to_agent": "b", "case_ids": None, "from_agent": "a"},
        {"to_agent": "b", "case_ids": some, "from_agent": None},
        {"to_agent": "b", "case_ids": some, "from_agent": "a"},
        {"to_agent": "b"},
        {"to_agent": "b", "case_ids": None, "from_agent": None},
    ]
    verdicts = _verdicts(doc, "ReassignRequest", ReassignRequest, bodies)
    assert [s for s, _ in verdicts] == [True, True, True, True, False, False, False]
    assert [s for s, _ in verdicts] == [m for _, m in verdicts]


def test_the_reveal_conditional_fields_are_in_the_schema_and_enforced(
    doc: dict[str, Any],
) -> None:
    note = "borrower asked to confirm the number on file"
    bodies: list[dict[str, Any]] = [
        {"field": "phone", "phone_id": "p1", "reason": "verify_identity"},
        {"field": "phone", "reason": "verify_identity"},
        {"field": "phone", "phone_id": None, "reason": "verify_identity"},
        {"field": "id_number", "reason": "verify_identity"},
        {"field": "id_number", "phone_id": "p1", "reason": "verify_identity"},
        {"field": "bank_card", "reason": "other", "note": note},
        {"field": "bank_card", "reason": "other"},
        {"field": "bank_card", "reason": "other", "note": None},
        {"field": "id_number", "reason": "legal_proceedings", "note": note},
    ]
    verdicts = _verdicts(doc, "RevealRequest", RevealRequest, bodies)
    expected = [True, False, False, True, False, True, False, False, True]
    assert [s for s, _ in verdicts] == expected
    assert [m for _, m in verdicts] == expected


def test_the_server_refuses_what_the_document_forbids(
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    app: FastAPI,
) -> None:
    """A malformed case id in a move, a reject without a reason, an audit window backwards:
    each a 422 naming the field, nothing changed."""
    lead = small_book.leads["team-a"]
    agents = small_book.agents["team-a"]
    h = auth_headers(lead)
    move = {
        "case_id": "not-a-uuid",
        "from_agent": agents[0].username,
        "to_agent": agents[1].username,
    }
    resp = client.post("/team/reassign/apply", json={"moves": [move]}, headers=h)
    assert resp.status_code == 422, resp.text
    assert resp.json()["error"]["details"]["errors"][0]["loc"] == ["body", "moves", "0", "case_id"]
    resp = client.post(f"/plans/{uuid.uuid4()}/reject", json={"reason": "   "}, headers=h)
    assert resp.status_code == 422 and "body.reason" in resp.json()["error"]["message"]
    resp = client.get(
        "/audit",
        params={"since": "2026-02-01T00:00:00+00:00", "until": "2026-01-01T00:00:00+00:00"},
        headers=h,
    )
    assert resp.status_code == 422, resp.text

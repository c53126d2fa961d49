"""Helpers for sync tests: a dict-backed fake client store, op builders, pulling to the end."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

Store = dict[tuple[str, str], dict[str, Any]]


def apply_page(store: Store, page: dict[str, Any]) -> None:
    """Apply one /sync/changes page the way a client must."""
    for t in page["tombstones"]:
        assert t["entity"] == "case"
        case = store.pop(("case", t["id"]), None)
        for key in [k for k, v in store.items() if v.get("case_id") == t["id"]]:
            del store[key]
        if case is not None:
            _gc(store, case)
    for u in page["upserts"]:
        store[(u["entity"], u["id"])] = u["data"]


def _gc(store: Store, case: dict[str, Any]) -> None:
    cases = [v for (e, _), v in store.items() if e == "case"]
    if not any(c["loan_id"] == case["loan_id"] for c in cases):
        store.pop(("loan", case["loan_id"]), None)
    if not any(c["borrower_id"] == case["borrower_id"] for c in cases):
        store.pop(("borrower", case["borrower_id"]), None)


def pull_all(
    client: TestClient,
    headers: dict[str, str],
    store: Store,
    cursor: str | None = None,
    limit: int = 200,
) -> str:
    """Pull pages until has_more is false; returns the final cursor."""
    for _ in range(10_000):
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        resp = client.get("/sync/changes", params=params, headers=headers)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        apply_page(store, page)
        cursor = page["cursor"]
        if not page["has_more"]:
            return str(cursor)
    raise AssertionError("feed never ended")


def full_state(client: TestClient, headers: dict[str, str]) -> Store:
    store: Store = {}
    pull_all(client, headers, store)
    return store


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def note_op(case_id: str, text: str = "客户说下周还款", **kw: Any) -> dict[str, Any]:
    return {
        "op_id": str(kw.pop("op_id", uuid.uuid4())),
        "kind": "note.create",
        "case_id": case_id,
        "entity_id": str(kw.pop("entity_id", uuid.uuid4())),
        "payload": {"text": text, "created_at": now_iso(), **kw},
    }


def agreement_export_op(case_id: str, **payload: Any) -> dict[str, Any]:
    """An `agreement.export` op (a restructure agreement by default); `payload` overrides."""
    body: dict[str, Any] = {
        "language": "zh_CN",
        "plan_kind": "restructure",
        "payments": 61,
        "total": 18_000_000,
        "exported_at": "2026-11-30T02:00:00Z",
        **payload,
    }
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "agreement.export",
        "case_id": case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": body,
    }


def case_update_op(case_id: str, base_version: int, **payload: Any) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "case.update",
        "case_id": case_id,
        "entity_id": case_id,
        "base_version": base_version,
        "payload": payload,
    }


def push(client: TestClient, headers: dict[str, str], *ops: dict[str, Any]) -> list[dict[str, Any]]:
    resp = client.post("/sync/push", json={"ops": list(ops)}, headers=headers)
    assert resp.status_code == 200, resp.text
    results: list[dict[str, Any]] = resp.json()["results"]
    return results

"""Authorization matrix: EVERY route of the OpenAPI document x every role x own / other-agent
/ other-team objects. Nothing is readable or writable outside the caller's scope (404, not
403, for objects; 403 for a role that may never call the route), and nothing but login and
health answers without a token.

Routes come from `app.openapi()`: a route that is not classified in `ROUTES` below fails the
test, so a new route cannot slip past it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.server.models import ContactAttempt, Plan, User
from tests.server.conftest import SmallBook, business_today
from tests.server.reviewed_call import reviewed_call

ROLES = ("agent", "team_lead", "admin")
RELATIONS = ("own", "other_agent", "other_team")
VISIBLE = {
    "agent": {"own"},
    "team_lead": {"own", "other_agent"},
    "admin": {"own", "other_agent", "other_team"},
}
NOW = datetime.now(UTC)


@dataclass
class World:
    """The callers, their objects (by relation) and helpers to make fresh ones."""

    client: TestClient
    book: SmallBook
    headers: Callable[[User], dict[str, str]]
    session_factory: sessionmaker[Session]

    def caller(self, role: str) -> User:
        if role == "agent":
            return self.book.agents["team-a"][0]
        if role == "team_lead":
            return self.book.leads["team-a"]
        return self.book.admin

    def case(self, rel: str) -> Any:
        agent = {
            "own": self.book.agents["team-a"][0],
            "other_agent": self.book.agents["team-a"][1],
            "other_team": self.book.agents["team-b"][0],
        }[rel]
        return self.book.cases[agent.username][0]

    def visible_case_ids(self, role: str) -> set[str]:
        return {self.case(rel).case_id for rel in VISIBLE[role]}

    def all_case_ids(self) -> set[str]:
        return {c.case_id for cs in self.book.cases.values() for c in cs}

    def pending_plan(self, rel: str) -> str:
        seeded = self.case(rel)
        with self.session_factory() as s:
            plan = Plan(
                case_id=seeded.case_id,
                author_id=seeded.agent_id,
                kind="catch_up",
                status="pending_approval",
                payments=3,
                first_date=business_today() + timedelta(days=7),
                inputs={
                    "kind": "catch_up",
                    "payments": 3,
                    "first_date": (business_today() + timedelta(days=7)).isoformat(),
                    "created_at": NOW.isoformat(),
                },
                created_at=NOW,
            )
            s.add(plan)
            s.commit()
            return plan.id

    def transcript(self, rel: str) -> tuple[str, int]:
        """A reviewed call of the case `rel` (its transcript id, one finding's id)."""
        return reviewed_call(self.session_factory, self.case(rel), call_date=business_today())


# --- request builders --------------------------------------------------------------------

Request = tuple[str, dict[str, Any]]  # (url, kwargs for client.request)


def _record_body(kind: str, seeded: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": str(uuid.uuid4())}
    if kind == "notes":
        return {**base, "text": "matrix", "created_at": NOW.isoformat()}
    if kind == "contacts":
        return {
            **base,
            "channel": "outbound_call",
            "disposition": "no_answer",
            "phone_id": seeded.phone_ids[0],
            "started_at": NOW.isoformat(),
        }
    if kind == "promises":
        day = (business_today() + timedelta(days=3)).isoformat()
        return {**base, "amount": 1000, "promised_on": day, "created_at": NOW.isoformat()}
    if kind == "plans":
        first = (business_today() + timedelta(days=7)).isoformat()
        return {
            **base,
            "kind": "catch_up",
            "payments": 3,
            "first_date": first,
            "created_at": NOW.isoformat(),
        }
    if kind == "callbacks":  # inside the borrower's allowed hours (08:00-22:00 Shanghai)
        tomorrow = business_today() + timedelta(days=1)
        due = datetime.combine(tomorrow, time(10), ZoneInfo("Asia/Shanghai"))
        return {**base, "due_at": due.isoformat()}
    raise AssertionError(kind)


def case_request(path: str, method: str, w: World, rel: str) -> Request:
    seeded = w.case(rel)
    url = path.replace("{case_id}", seeded.case_id)
    if path.endswith("/contact-check"):
        return url, {"params": {"phone_id": seeded.phone_ids[0]}}
    if path.endswith("/dial"):
        return url, {"json": {"phone_id": seeded.phone_ids[0]}}
    if path.endswith("/reveal"):
        return url, {"json": {"field": "id_number", "reason": "verify_identity"}}
    if method == "post":
        return url, {"json": _record_body(path.rsplit("/", 1)[-1], seeded)}
    return url, {}


def dial_end_request(path: str, _method: str, w: World, rel: str) -> Request:
    """The phone's end of a call the case's holder dialled (a provisional attempt)."""
    seeded = w.case(rel)
    with w.session_factory() as s:
        attempt = ContactAttempt(case_id=seeded.case_id, agent_id=seeded.agent_id,
                                 phone_id=seeded.phone_ids[0], channel="outbound_call",
                                 disposition="no_answer", started_at=NOW,
                                 dial_state="provisional")  # fmt: skip
        s.add(attempt)
        s.commit()
        aid = attempt.id
    url = path.replace("{case_id}", seeded.case_id).replace("{attempt_id}", aid)
    body = {"answered": False, "disposition": "busy", "ended_at": NOW.isoformat()}
    return url, {"json": body}


def plan_request(path: str, _method: str, w: World, rel: str) -> Request:
    url = path.replace("{plan_id}", w.pending_plan(rel))
    return url, {"json": {"reason": "matrix check"}}


def reassign_request(_path: str, _method: str, w: World, rel: str) -> Request:
    seeded = w.case(rel)
    holder = next(
        a for team in w.book.agents.values() for a in team if a.id == seeded.agent_id
    )  # to its current holder: in scope it is a no-op, out of scope a 404
    return "/reassign", {"json": {"case_ids": [seeded.case_id], "to_agent": holder.username}}


def quality_call_request(path: str, _method: str, w: World, rel: str) -> Request:
    return path.replace("{transcript_id}", w.transcript(rel)[0]), {}


def verdict_request(path: str, _method: str, w: World, rel: str) -> Request:
    finding = w.transcript(rel)[1]
    return path.replace("{finding_id}", str(finding)), {"json": {"verdict": "agree"}}


def leave_request(_path: str, _method: str, w: World, rel: str) -> Request:
    agent = {
        "own": w.book.agents["team-a"][0],
        "other_agent": w.book.agents["team-a"][1],
        "other_team": w.book.agents["team-b"][0],
    }[rel]
    return f"/team/agents/{agent.username}/leave", {"json": {"on_leave": False}}


def preview_request(_path: str, _method: str, w: World, rel: str) -> Request:
    team = "team-b" if rel == "other_team" else "team-a"
    return "/team/reassign/preview", {"json": {"team": team, "balance": "count"}}


def apply_request(_path: str, _method: str, w: World, rel: str) -> Request:
    seeded = w.case(rel)
    holder = next(a for team in w.book.agents.values() for a in team if a.id == seeded.agent_id)
    move = {"case_id": seeded.case_id, "from_agent": holder.username, "to_agent": holder.username}
    return "/team/reassign/apply", {"json": {"moves": [move]}}


# --- checks of list routes (no object in the path): results stay inside the scope -------


def check_worklist(w: World, role: str, resp: Any) -> str | None:
    got = {r["case_id"] for r in resp.json()["rows"]} & w.all_case_ids()
    allowed = {c.case_id for c in _scope_cases(w, role)}
    return None if got and got <= allowed else f"worklist rows {got} outside {allowed}"


def check_changes(w: World, role: str, resp: Any) -> str | None:
    ids = {u["data"].get("case_id", u["id"]) for u in resp.json()["upserts"]}
    ids = {i for i in ids if i in w.all_case_ids()}
    allowed = {c.case_id for c in _scope_cases(w, role)}
    return None if ids and ids <= allowed else f"feed cases {ids} outside {allowed}"


def check_plans(w: World, role: str, resp: Any) -> str | None:
    allowed = {c.case_id for c in _scope_cases(w, role)}
    got = {p["case_id"] for p in resp.json()["plans"]}
    return None if got <= allowed else f"plans on {got - allowed}"


def check_reveals(w: World, role: str, resp: Any) -> str | None:
    team = {u.username for u in (*w.book.agents["team-a"], w.book.leads["team-a"])}
    body = resp.json()
    who = {a["username"] for a in body["agents"]} | {e["username"] for e in body["entries"]}
    if role == "team_lead" and not who <= team:
        return f"reveals by {who - team} outside the team"
    return None


def check_audit(w: World, role: str, resp: Any) -> str | None:
    team = {u.username for u in (*w.book.agents["team-a"], w.book.leads["team-a"])}
    actors = {e["actor"] for e in resp.json()["entries"]}
    if role == "team_lead" and not actors <= team:
        return f"audit actors {actors - team} outside the team"
    return None


def check_team(w: World, role: str, resp: Any) -> str | None:
    names = {a["username"] for a in resp.json()["agents"]}
    team_a = {a.username for a in w.book.agents["team-a"]}
    if role == "team_lead" and names != team_a:
        return f"team agents {names} != {team_a}"
    return None


def check_team_cases(w: World, role: str, resp: Any) -> str | None:
    got = {r["case_id"] for r in resp.json()["rows"]}
    allowed = {c.case_id for c in _scope_cases(w, role)}
    return None if got and got <= allowed else f"team cases {got} outside {allowed}"


def check_approvals(w: World, role: str, resp: Any) -> str | None:
    allowed = {c.case_id for c in _scope_cases(w, role)}
    got = {i["case"]["case_id"] for i in resp.json()["items"]}
    return None if got <= allowed else f"approvals on {got - allowed}"


def check_dashboard(w: World, role: str, resp: Any) -> str | None:
    names = {a["username"] for a in resp.json()["by_agent"]}
    team_a = {a.username for a in w.book.agents["team-a"]}
    if role == "team_lead" and not names <= team_a:
        return f"dashboard agents {names - team_a} outside the team"
    return None


def check_case_export(w: World, role: str, resp: Any) -> str | None:
    text = resp.content.decode("utf-8-sig")
    got = {line.split(",")[0] for line in text.splitlines()[1:]}
    allowed = {c.case_id for c in _scope_cases(w, role)}
    return None if got and got <= allowed else f"exported cases {got} outside {allowed}"


def check_any(_w: World, _role: str, _resp: Any) -> str | None:
    return None


def _scope_cases(w: World, role: str) -> list[Any]:
    if role == "admin":
        return [c for cs in w.book.cases.values() for c in cs]
    if role == "team_lead":
        return [c for a in w.book.agents["team-a"] for c in w.book.cases[a.username]]
    return list(w.book.cases[w.caller("agent").username])


def push_request(w: World, rel: str) -> Request:
    seeded = w.case(rel)
    op = {
        "op_id": str(uuid.uuid4()),
        "case_id": seeded.case_id,
        "entity_id": str(uuid.uuid4()),
        "kind": "note.create",
        "payload": {"text": "matrix", "created_at": NOW.isoformat()},
    }
    return "/sync/push", {"json": {"ops": [op]}}


@dataclass(frozen=True)
class Route:
    """How to exercise a route and who may call it at all."""

    kind: str  # public | token | object | list | push
    roles: tuple[str, ...] = ROLES  # roles allowed to call it (others: 403)
    build: Callable[[str, str, World, str], Request] | None = None
    check: Callable[[World, str, Any], str | None] = check_any
    params: dict[str, Any] | None = None
    ok: tuple[int, ...] = (200, 201)  # answers that mean "allowed" for a visible object


LEADS = ("team_lead", "admin")
ROUTES: dict[tuple[str, str], Route] = {
    ("get", "/health"): Route("public"),
    ("get", "/metrics"): Route("public"),
    ("post", "/auth/token"): Route("public"),
    ("post", "/auth/refresh"): Route("refresh"),
    ("post", "/auth/logout"): Route("token"),
    ("get", "/auth/me"): Route("token"),
    ("get", "/sync/changes"): Route("list", check=check_changes),
    ("post", "/sync/push"): Route("push"),
    ("get", "/worklist"): Route("list", check=check_worklist),
    ("get", "/cases/{case_id}"): Route("object", build=case_request),
    ("get", "/cases/{case_id}/contact-check"): Route("object", build=case_request),
    ("post", "/cases/{case_id}/reveal"): Route("object", build=case_request),
    # a visible number may still be blocked by the contact policy at this hour (409)
    ("post", "/cases/{case_id}/dial"): Route("object", build=case_request, ok=(200, 409)),
    ("post", "/cases/{case_id}/notes"): Route("object", build=case_request),
    ("post", "/cases/{case_id}/contacts"): Route("object", build=case_request),
    # only the agent who dialled ends the call: a lead who sees the case gets 409
    ("post", "/cases/{case_id}/contacts/{attempt_id}/end"): Route(
        "object", build=dial_end_request, ok=(200, 409)
    ),
    ("post", "/cases/{case_id}/promises"): Route("object", build=case_request),
    ("post", "/cases/{case_id}/plans"): Route("object", build=case_request),
    ("post", "/cases/{case_id}/callbacks"): Route("object", build=case_request),
    ("get", "/plans"): Route("list", check=check_plans),
    ("post", "/plans/{plan_id}/approve"): Route("object", LEADS, build=plan_request),
    ("post", "/plans/{plan_id}/reject"): Route("object", LEADS, build=plan_request),
    ("post", "/reassign"): Route("object", LEADS, build=reassign_request),
    ("get", "/audit"): Route("list", LEADS, check=check_audit),
    ("get", "/team/reveals"): Route("list", LEADS, check=check_reveals),
    ("get", "/team/quality"): Route("list", LEADS),
    ("get", "/team/quality/{transcript_id}"): Route("object", LEADS, build=quality_call_request),
    ("post", "/team/quality/findings/{finding_id}/verdict"): Route(
        "object", LEADS, build=verdict_request
    ),
    ("get", "/team/agents"): Route("list", LEADS, check=check_team),
    ("put", "/team/agents/{username}/leave"): Route("object", LEADS, build=leave_request),
    ("get", "/team/cases"): Route("list", LEADS, check=check_team_cases),
    ("post", "/team/reassign/preview"): Route("object", LEADS, build=preview_request),
    ("post", "/team/reassign/apply"): Route("object", LEADS, build=apply_request),
    ("get", "/team/approvals"): Route("list", LEADS, check=check_approvals),
    ("get", "/team/dashboard"): Route("list", LEADS, check=check_dashboard),
    ("get", "/team/cases/export"): Route("list", LEADS, check=check_case_export),
    ("get", "/team/agents/export"): Route("list", LEADS, params={"format": "xlsx"}),
    ("get", "/team/approvals/export"): Route("list", LEADS),
    ("get", "/team/write-offs/export"): Route("list", LEADS),
    ("get", "/team/dashboard/export"): Route("list", LEADS, params={"period": "month"}),
    ("get", "/audit/export"): Route("list", LEADS),
}


def _openapi_routes(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, ops in app.openapi()["paths"].items()
        for method in ops
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_route_is_classified(app: FastAPI) -> None:
    routes = _openapi_routes(app)
    assert routes - ROUTES.keys() == set(), "classify these routes in ROUTES"
    assert ROUTES.keys() - routes == set(), "ROUTES lists routes the API does not have"


def _no_token(w: World, method: str, path: str, route: Route) -> str | None:
    if route.kind == "public":
        return None
    url, kwargs = (path, {})
    if route.build is not None:
        url, kwargs = route.build(path, method, w, "own")
    elif route.kind == "push":
        url, kwargs = push_request(w, "own")
    elif route.kind == "refresh":
        kwargs = {"json": {"refresh_token": "x" * 43}}
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}):
        resp = w.client.request(method.upper(), url, headers=headers, **kwargs)
        if resp.status_code != 401:
            return f"{method.upper()} {path} without a valid token -> {resp.status_code}"
        if not resp.json().get("error", {}).get("code"):
            return f"{method.upper()} {path}: 401 without the error shape"
    return None


def _as_role(w: World, method: str, path: str, route: Route, role: str) -> list[str]:
    label = f"{method.upper()} {path} as {role}"
    h = w.headers(w.caller(role))
    if route.kind in ("public", "refresh", "token"):
        return []
    if route.kind == "list":
        resp = w.client.request(method.upper(), path, headers=h, params=route.params)
        if role not in route.roles:
            return [] if resp.status_code == 403 else [f"{label}: {resp.status_code} != 403"]
        if resp.status_code != 200:
            return [f"{label}: {resp.status_code} {resp.text[:200]}"]
        problem = route.check(w, role, resp)
        return [f"{label}: {problem}"] if problem else []
    problems = []
    for rel in RELATIONS:
        if route.kind == "push":
            url, kwargs = push_request(w, rel)
        else:
            assert route.build is not None
            url, kwargs = route.build(path, method, w, rel)
        resp = w.client.request(method.upper(), url, headers=h, **kwargs)
        where = f"{label} on {rel}'s object"
        if role not in route.roles:
            if resp.status_code != 403:
                problems.append(f"{where}: {resp.status_code} != 403")
            continue
        visible = rel in VISIBLE[role]
        if route.kind == "push":
            result = resp.json()["results"][0] if resp.status_code == 200 else {}
            expected = "applied" if visible else "rejected"
            if result.get("status") != expected:
                problems.append(f"{where}: push {result} (expected {expected})")
            continue
        if visible and resp.status_code not in route.ok:
            problems.append(f"{where}: {resp.status_code} {resp.text[:200]}")
        if not visible and resp.status_code != 404:
            problems.append(f"{where}: {resp.status_code} != 404 (scope leak)")
    return problems


def test_authorization_matrix(
    app: FastAPI,
    client: TestClient,
    small_book: SmallBook,
    auth_headers: Callable[[User], dict[str, str]],
    session_factory: sessionmaker[Session],
) -> None:
    w = World(client, small_book, auth_headers, session_factory)
    routes = sorted(_openapi_routes(app))
    unclassified = [r for r in routes if r not in ROUTES]
    assert not unclassified, f"unclassified routes: {unclassified}"
    problems: list[str] = []
    for method, path in routes:
        route = ROUTES[(method, path)]
        if (p := _no_token(w, method, path, route)) is not None:
            problems.append(p)
        for role in ROLES:
            problems.extend(_as_role(w, method, path, route, role))
    assert not problems, "\n".join(problems)

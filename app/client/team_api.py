"""The team console's calls to the server (team lead: their team; admin: any team).

Online only, like `online.py`: the team's lists, the KPIs and the rule reassignment are
answered by the server, which sees every agent's facts and holds the assignment. Each
method is one blocking request; the UI runs it off the GUI thread (ui.background.run_task).
Answers are validated with the wire models of `app.protocol` and returned as the frozen
values of `team_views`. Errors are the http client's (`ServerUnreachable`, `Forbidden`,
`Conflict`, `ClientError` ...), plus:

* `ReassignRefused` — an apply (or preview) the server refused as a whole: `case_moved`
  (a case changed holder or closed since it was listed: `cases`), `invalid_target` (an
  agent outside the team, disabled or on leave: `agents`), `duplicate_case`, `not_found`,
  `no_eligible_agent`. Nothing was moved.
* `ValueError` — a request the desk refuses before sending (a rejection without comment).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.client.http_client import ApiClient, ApiError, BadResponse, ClientError, Conflict
from app.client.reveal_views import RevealPeriod, RevealsView, fetch_reveals
from app.client.team_convert import (
    agent_load,
    apply_outcome,
    approval_queue,
    audit_page,
    dashboard,
    plan_decision,
    rule_preview,
    team_case_page,
)
from app.client.team_views import (
    AgentLoadView,
    ApplyOutcome,
    ApprovalQueueView,
    AuditPageView,
    AuditQuerySpec,
    CaseMoveSpec,
    DashboardView,
    ExportFile,
    ExportFormat,
    ExportTable,
    MovedCase,
    Period,
    PlanDecisionView,
    ReassignRuleSpec,
    RefusedAgent,
    RulePreviewView,
    TeamCasePage,
    TeamCaseQuery,
)

MAX_COMMENT = 1000  # protocol.desk.PlanDecision.reason
REFUSAL_CODES = frozenset(
    {"case_moved", "invalid_target", "duplicate_case", "not_found", "no_eligible_agent"}
)
EXPORT_PATHS: dict[str, str] = {
    "team_cases": "/team/cases/export",
    "agents": "/team/agents/export",
    "approvals": "/team/approvals/export",
    "dashboard": "/team/dashboard/export",
    "audit": "/audit/export",
}


class ReassignRefused(Exception):
    """The server refused a reassignment whole (see the module docstring)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        cases: Sequence[MovedCase] = (),
        agents: Sequence[RefusedAgent] = (),
        count: int | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.cases = tuple(cases)
        self.agents = tuple(agents)
        self.count = count if count is not None else len(self.cases)


def _validated(model: Any, body: dict[str, Any]) -> Any:
    """`body` checked against the wire model (a bad answer is BadResponse, not a crash)."""
    from pydantic import ValidationError

    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise BadResponse(f"unexpected answer: {exc.error_count()} invalid field(s)") from exc


def _refusal(exc: ApiError) -> ReassignRefused | None:
    if exc.code not in REFUSAL_CODES or not isinstance(exc, Conflict | ClientError):
        return None
    d = exc.details or {}
    cases = [
        MovedCase(
            str(c.get("case_id", "")),
            c.get("expected"),
            c.get("actual"),
            c.get("status"),
        )
        for c in d.get("cases") or []
        if isinstance(c, dict)
    ]
    cases += [MovedCase(str(cid), None, None, None) for cid in d.get("case_ids") or []]
    agents = [
        RefusedAgent(str(a.get("username", "")), str(a.get("reason", "")))
        for a in d.get("agents") or []
        if isinstance(a, dict)
    ]
    count = d.get("count")
    return ReassignRefused(
        str(exc.code),
        str(exc),
        cases=cases,
        agents=agents,
        count=count if isinstance(count, int) else None,
    )


class TeamApi:
    """The team console's requests through the signed-in API client."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    # --- cases and agents ------------------------------------------------------------------
    def team_cases(self, query: TeamCaseQuery) -> TeamCasePage:
        from app.protocol.team import TeamCasePage as Wire

        return team_case_page(
            _validated(Wire, self.api.get("/team/cases", **query.params())), query
        )

    def agents(self, team: str | None = None) -> tuple[AgentLoadView, ...]:
        from app.protocol.desk import TeamAgents

        answer = _validated(TeamAgents, self.api.get("/team/agents", **_team(team)))
        return tuple(agent_load(a) for a in answer.agents)

    def set_leave(self, username: str, on_leave: bool, reason: str | None = None) -> bool:
        """Mark `username` on leave (or back); True when that changed anything."""
        from app.protocol.team import AgentLeave

        body: dict[str, Any] = {"on_leave": on_leave}
        if reason and reason.strip():
            body["reason"] = reason.strip()
        answer = _validated(AgentLeave, self.api.put(f"/team/agents/{username}/leave", body))
        return bool(answer.changed)

    # --- reassignment ----------------------------------------------------------------------
    def preview(self, rule: ReassignRuleSpec) -> RulePreviewView:
        from app.protocol.team import RulePreview

        try:
            answer = self.api.post("/team/reassign/preview", rule.body())
        except ApiError as exc:
            refused = _refusal(exc)
            if refused is not None:
                raise refused from None
            raise
        return rule_preview(_validated(RulePreview, answer), rule)

    def apply(
        self,
        moves: Sequence[CaseMoveSpec],
        *,
        reason: str | None = None,
        rule: ReassignRuleSpec | None = None,
    ) -> ApplyOutcome:
        """Apply every move or none (ReassignRefused says why none)."""
        from app.protocol.team import ApplyResult

        if not moves:
            raise ValueError("no case to move")
        body: dict[str, Any] = {
            "moves": [
                {"case_id": m.case_id, "from_agent": m.from_agent, "to_agent": m.to_agent}
                for m in moves
            ]
        }
        if reason and reason.strip():
            body["reason"] = reason.strip()
        if rule is not None:
            body["rule"] = rule.body()
        try:
            answer = self.api.post("/team/reassign/apply", body)
        except ApiError as exc:
            refused = _refusal(exc)
            if refused is not None:
                raise refused from None
            raise
        return apply_outcome(_validated(ApplyResult, answer))

    # --- approvals -------------------------------------------------------------------------
    def approvals(
        self, team: str | None = None, *, limit: int = 200, offset: int = 0
    ) -> ApprovalQueueView:
        from app.protocol.team import ApprovalQueue

        params = _team(team) | {"limit": limit, "offset": offset}
        return approval_queue(_validated(ApprovalQueue, self.api.get("/team/approvals", **params)))

    def approve(self, plan_id: str, comment: str = "") -> PlanDecisionView:
        return self._decide(plan_id, "approve", comment)

    def reject(self, plan_id: str, comment: str) -> PlanDecisionView:
        """Reject with a comment (required: the agent reads it on their desk)."""
        if not comment.strip():
            raise ValueError("a comment is required to reject a plan")
        return self._decide(plan_id, "reject", comment)

    def _decide(self, plan_id: str, verb: str, comment: str) -> PlanDecisionView:
        from app.protocol.entities import PlanData

        text = comment.strip()
        if len(text) > MAX_COMMENT:
            raise ValueError(f"the comment is longer than {MAX_COMMENT} characters")
        body = {"reason": text} if text else {}
        answer = self.api.post(f"/plans/{plan_id}/{verb}", body)
        return plan_decision(_validated(PlanData, answer))

    # --- dashboard and audit ---------------------------------------------------------------
    def dashboard(self, period: Period, team: str | None = None) -> DashboardView:
        from app.protocol.team import Dashboard

        params = _team(team) | {"period": period}
        return dashboard(_validated(Dashboard, self.api.get("/team/dashboard", **params)))

    def reveals(self, period: RevealPeriod = "today", team: str | None = None) -> RevealsView:
        """Who revealed what and why, today or this week (app.client.reveal_views)."""
        return fetch_reveals(self.api, period, team)

    def audit(self, query: AuditQuerySpec) -> AuditPageView:
        from app.protocol.desk import AuditPage

        return audit_page(_validated(AuditPage, self.api.get("/audit", **query.params())))

    # --- exports ---------------------------------------------------------------------------
    def export(
        self,
        table: ExportTable,
        fmt: ExportFormat,
        *,
        language: str,
        params: dict[str, Any] | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ExportFile:
        """The table as the server exports it (masked; the server audits the export).
        `params`: the list's filter (e.g. TeamCaseQuery.filter_params()); `progress` and
        `cancelled` as HttpClient.download's (DownloadCancelled when cancelled)."""
        if fmt not in ("csv", "xlsx"):
            raise ValueError(f"unknown export format {fmt!r}")
        lang = "zh" if language.startswith("zh") else "en"
        query = dict(params or {}) | {"format": fmt, "lang": lang}
        got = self.api.download(
            EXPORT_PATHS[table], progress=progress, cancelled=cancelled, **query
        )
        if not got.content:
            raise BadResponse("the export came back empty")
        return ExportFile(
            filename=got.filename or f"{table}.{fmt}",
            content=got.content,
            rows=got.rows,
            media_type=got.media_type,
        )


def _team(team: str | None) -> dict[str, Any]:
    return {"team": team} if team else {}

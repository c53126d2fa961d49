"""Request and response models of the team console (team lead / admin): the team's cases,
agents on leave, rule reassignment (preview, apply), the approval queue, the KPI dashboard
and the export parameters.

Amounts are integer fen; rates are decimal strings with 4 places ("0.1234" = 12.34 %) or
null when the denominator is 0; every model rejects unknown fields (ApiModel).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from app.protocol.common import WINDOW_DOC, ApiModel, Fen, Instant, QueryModel, ordered_window
from app.protocol.entities import Bucket, CaseFlag, CaseKind, CaseStatus, PlanData, PromiseStatus

MAX_TEAM_CASES_LIMIT = 200
MAX_RULE_MOVES = 25_000
MAX_APPROVALS_LIMIT = 200

Balance = Literal["count", "amount"]
Period = Literal["today", "week", "month"]
ExportFormat = Literal["csv", "xlsx"]
ExportLang = Literal["zh", "en"]
TeamCaseSort = Literal["next_action", "dpd", "amount", "name", "agent", "last_contact"]
PromiseFilter = Literal["pending", "kept", "broken", "none"]


# --- the team's cases ----------------------------------------------------------------------


class TeamCaseQuery(QueryModel):
    """Query string of GET /team/cases (a lead: own team; an admin: `team` or all)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=64)
    unassigned: bool = Field(default=False, description="only cases without an agent")
    bucket: list[Bucket] = Field(default_factory=list, max_length=5)
    status: Literal["active", "open", "recovery", "closed", "all"] = "active"
    promise: PromiseFilter | None = Field(
        default=None, description="status of the case's latest promise; 'none': no promise"
    )
    search: str | None = Field(default=None, min_length=1, max_length=64)
    sort: TeamCaseSort = "next_action"
    order: Literal["asc", "desc"] | None = None
    limit: int = Field(default=50, ge=1, le=MAX_TEAM_CASES_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class TeamCaseRow(ApiModel):
    """One case of the team: who works it, how late, how much, last contact, promise."""

    case_id: str
    borrower_name: str
    status: CaseStatus
    bucket: Bucket
    dpd: int
    overdue_total: Fen
    priority: int
    assigned_to: str | None = Field(description="the agent's username")
    agent_name: str | None = Field(description="the agent's display name")
    team: str | None
    last_contact_at: datetime | None = None
    next_action_kind: Literal["promise_due", "callback", "broken_promise", "none"] = "none"
    next_action_at: datetime | None = None
    promise_status: PromiseStatus | None = Field(
        default=None, description="the latest promise of the case (by creation)"
    )
    promise_amount: Fen | None = None
    promise_date: date | None = None
    phone_masked: str | None = None
    contract_no: str
    plate: str | None = None
    flags: list[CaseFlag] = Field(default_factory=list)
    kind: CaseKind = "collection"


class TeamCasePage(ApiModel):
    """A page of the team's cases, the filter's total and its per-bucket counts."""

    rows: list[TeamCaseRow]
    total: int
    limit: int
    offset: int
    bucket_counts: dict[str, int] = Field(default_factory=dict)


# --- agents on leave -------------------------------------------------------------------------


class LeaveRequest(ApiModel):
    """Mark an agent on leave (rule reassignment and the daily allocation skip them) or back."""

    on_leave: bool
    reason: str | None = Field(default=None, max_length=500)


class AgentLeave(ApiModel):
    username: str
    team: str | None
    on_leave: bool
    changed: bool = Field(description="false when the agent was already in that state")


# --- reassignment by rule --------------------------------------------------------------------


class ReassignRule(ApiModel):
    """Balance a team's active cases between its agents who are active and not on leave.

    Cases of agents on leave or disabled, and the team's unassigned cases, always move.
    `per_bucket`: balance each bucket on its own (else the buckets together)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    balance: Balance = "count"
    buckets: list[Bucket] = Field(
        default_factory=list, max_length=5, description="empty: every bucket"
    )
    per_bucket: bool = True


class CaseMove(ApiModel):
    """Move a case from the agent who holds it now (`from_agent`, null: unassigned) to
    `to_agent`; refused (409 case_moved) if the case's holder is no longer `from_agent`."""

    case_id: UUID = Field(description="the case's id (a UUID; else 422)")
    from_agent: str | None = Field(max_length=64)
    to_agent: str = Field(min_length=1, max_length=64)


class PlannedMove(CaseMove):
    """A move of the preview with what the lead needs to judge it."""

    bucket: Bucket
    dpd: int
    overdue_total: Fen
    borrower_name: str = Field(default="", description="so a refusal can name the case")


class AgentShare(ApiModel):
    """An agent's share of the rule's cases before and after the preview's moves."""

    username: str
    display_name: str
    eligible: bool = Field(description="receives cases (active and not on leave)")
    on_leave: bool
    cases_before: int
    amount_before: Fen
    cases_after: int
    amount_after: Fen


class RulePreview(ApiModel):
    """Who gets what: deterministic (the same book and rule give the same moves)."""

    rule: ReassignRule
    team: str
    pool_cases: int
    pool_amount: Fen
    moves: list[PlannedMove]
    agents: list[AgentShare]


class ApplyMoves(ApiModel):
    """Apply moves (a rule's preview, a selection or one case): all or nothing."""

    moves: list[CaseMove] = Field(min_length=1, max_length=MAX_RULE_MOVES)
    reason: str | None = Field(default=None, max_length=500)
    rule: ReassignRule | None = Field(
        default=None, description="the rule the moves come from (recorded in the audit)"
    )


class AgentReceived(ApiModel):
    username: str
    received: int
    given: int


class ApplyResult(ApiModel):
    batch_id: str = Field(description="audit entries of this apply carry it in details")
    moved: int
    unchanged: int = Field(description="moves whose case already sat with to_agent")
    agents: list[AgentReceived]


# --- the approval queue ----------------------------------------------------------------------


class ApprovalQuery(QueryModel):
    """Query string of GET /team/approvals (plans pending approval, oldest first)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    limit: int = Field(default=50, ge=1, le=MAX_APPROVALS_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class RuleBreach(ApiModel):
    """A plan rule the plan breaks, in words (app.domain.plan_checks codes)."""

    code: str
    message_zh: str
    message_en: str


class PlanLineFigure(ApiModel):
    n: int
    due_date: date
    amount: Fen
    interest: Fen = 0


class PlanFigures(ApiModel):
    """The calculator's figures for the plan on today's arrears."""

    kind: str
    amount_due: Fen = Field(description="owed after waivers")
    total_payment: Fen
    total_interest: Fen
    down_payment: Fen
    payments: int
    first_date: date
    waived_principal: Fen
    waived_interest: Fen
    waived_penalty: Fen
    waived_fees: Fen
    new_principal: Fen | None = None
    extension_months: int = 0
    lines: list[PlanLineFigure]


class ApprovalCase(ApiModel):
    case_id: str
    borrower_name: str
    bucket: Bucket
    dpd: int
    overdue_principal: Fen
    overdue_interest: Fen
    overdue_penalty: Fen
    overdue_fees: Fen
    overdue_total: Fen
    assigned_to: str | None
    team: str | None


class ApprovalItem(ApiModel):
    """A plan awaiting approval, recomputed now with its author's role."""

    plan: PlanData
    case: ApprovalCase
    figures: PlanFigures | None = Field(description="null when the plan no longer computes")
    exceeds: list[RuleBreach] = Field(description="authority rules the plan exceeds")
    invalid: list[RuleBreach] = Field(
        description="other rules it breaks now (approving it is refused until fixed)"
    )
    within_your_authority: bool = Field(description="the caller may approve it")
    error: str | None = Field(default=None, description="why the plan no longer computes")


class ApprovalQueue(ApiModel):
    items: list[ApprovalItem]
    total: int
    limit: int
    offset: int


# --- the dashboard ---------------------------------------------------------------------------


class DashboardQuery(QueryModel):
    """Query string of GET /team/dashboard."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    period: Period = "today"


class RollRate(ApiModel):
    """Balance that rolled from `from_bucket` into `to_bucket` over the period, of the
    balance in `from_bucket` at its start (both: the loans' outstanding principal)."""

    from_bucket: Bucket
    to_bucket: Bucket
    start_balance: Fen
    rolled_balance: Fen
    rate: Decimal | None


class Rate(ApiModel):
    """A rate with what it is made of, so "100 %" from one call reads as 1 of 1."""

    value: Decimal | None = Field(description="numerator / denominator; null when it is 0")
    numerator: int = Field(ge=0)
    denominator: int = Field(ge=0)


class KpiFigures(ApiModel):
    """The KPIs of one group (DOMAIN.md definitions). The contact, RPC and PTP rates count
    outbound call attempts; inbound calls are their own figure. Calls count in the bucket
    their case was in when they were made (a cured case's in the bucket it was cured from)."""

    attempts: int = Field(description="outbound call attempts")
    connected: int = Field(description="outbound calls answered")
    right_party: int = Field(description="outbound calls that reached the borrower")
    promise_contacts: int = Field(description="right-party contacts ending in a promise")
    inbound_calls: int = Field(description="calls the borrower (or others) made to the desk")
    inbound_right_party: int = Field(description="inbound calls from the borrower")
    contact_rate: Rate = Field(description="connected of outbound attempts")
    rpc_rate: Rate = Field(description="right-party contacts of connected calls")
    ptp_rate: Rate = Field(description="contacts ending in a promise of right-party contacts")
    promises_due: int = Field(description="promises due in the period and judged")
    promises_kept: int
    ptp_kept_rate: Rate = Field(description="kept of the promises due and judged")
    amount_collected: Fen
    cases_at_start: int
    cured: int
    cure_rate: Rate = Field(description="cured of the cases open at the start")
    roll: list[RollRate]


class AgentKpis(KpiFigures):
    username: str
    display_name: str


class BucketKpis(KpiFigures):
    bucket: Bucket


class Dashboard(ApiModel):
    """The team's numbers for a period (days in the lender's time zone, inclusive)."""

    period: Period
    start: date
    end: date
    baseline: date | None = Field(
        description="date of the snapshot taken as the start of the period (null: no history)"
    )
    team: str | None = Field(description="null: every team (admin)")
    total: KpiFigures
    by_agent: list[AgentKpis]
    by_bucket: list[BucketKpis] = Field(
        description="M1..M3+ always, M0 only when something counted there (a call on a case"
        " that was not overdue then); the rows' counts and amounts add up to the total"
    )


# --- exports ---------------------------------------------------------------------------------


class ExportOptions(QueryModel):
    format: ExportFormat = "csv"
    lang: ExportLang = "zh"


class TeamCaseExportQuery(ExportOptions):
    """GET /team/cases/export: the filter of GET /team/cases, every matching row."""

    team: str | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=64)
    unassigned: bool = False
    bucket: list[Bucket] = Field(default_factory=list, max_length=5)
    status: Literal["active", "open", "recovery", "closed", "all"] = "active"
    promise: PromiseFilter | None = None
    search: str | None = Field(default=None, min_length=1, max_length=64)
    sort: TeamCaseSort = "next_action"
    order: Literal["asc", "desc"] | None = None


class TeamExportQuery(ExportOptions):
    """GET /team/agents/export and /team/approvals/export."""

    team: str | None = Field(default=None, min_length=1, max_length=64)


class DashboardExportQuery(ExportOptions):
    team: str | None = Field(default=None, min_length=1, max_length=64)
    period: Period = "today"


class AuditExportQuery(ExportOptions):
    """GET /audit/export: the filter of GET /audit, every matching entry."""

    actor: str | None = Field(default=None, max_length=64)
    action: str | None = Field(default=None, max_length=48)
    entity: str | None = Field(default=None, max_length=32)
    entity_id: str | None = Field(default=None, max_length=64)
    case_id: str | None = Field(default=None, max_length=64)
    since: Instant | None = Field(default=None, description=WINDOW_DOC)
    until: Instant | None = Field(default=None, description=WINDOW_DOC)

    @model_validator(mode="after")
    def _window(self) -> AuditExportQuery:
        ordered_window(self.since, self.until)
        return self

"""Frozen values of the team console (a lead's or an admin's view of a team), built by
`team_api.TeamApi` from the server's answers (validated by the wire models of
`app.protocol.team` first).

Like `views.py`: immutable dataclasses, tuples for collections, amounts in integer fen
(`*_fen`), rates as `Decimal` or None ("no denominator"), instants tz-aware. Queries carry
the filters of a list and know their query string, which the list and its export share, so
an export holds exactly the rows the lead could page through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

TeamCaseSort = Literal["next_action", "dpd", "amount", "name", "agent", "last_contact"]
CaseStatusFilter = Literal["active", "open", "recovery", "closed", "all"]
PromiseFilter = Literal["pending", "kept", "broken", "none"]
Period = Literal["today", "week", "month"]
Balance = Literal["count", "amount"]
ExportFormat = Literal["csv", "xlsx"]
ExportTable = Literal["team_cases", "agents", "approvals", "dashboard", "audit"]

TEAM_ROLES: frozenset[str] = frozenset({"team_lead", "admin"})
TEAM_PAGE_LIMIT = 200  # the server's MAX_TEAM_CASES_LIMIT
AUDIT_PAGE_LIMIT = 200


# --- the team's cases ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamCaseQuery:
    """The team worklist's filter, sort and page (GET /team/cases).

    `team` None: the lead's own team (an admin: every team). `agent` and `unassigned`
    narrow to one agent's cases or to the cases nobody holds. `order` None: the sort key's
    natural order (the server's default)."""

    team: str | None = None
    agent: str | None = None
    unassigned: bool = False
    buckets: tuple[str, ...] = ()
    status: CaseStatusFilter = "active"
    promise: PromiseFilter | None = None
    search: str = ""
    sort: TeamCaseSort = "next_action"
    order: Literal["asc", "desc"] | None = None
    limit: int = TEAM_PAGE_LIMIT
    offset: int = 0

    def filter_params(self) -> dict[str, Any]:
        """The query string without the page (what the export takes too)."""
        p: dict[str, Any] = {"status": self.status, "sort": self.sort}
        if self.team:
            p["team"] = self.team
        if self.agent:
            p["agent"] = self.agent
        if self.unassigned:
            p["unassigned"] = "true"
        if self.buckets:
            p["bucket"] = list(self.buckets)
        if self.promise:
            p["promise"] = self.promise
        if self.search.strip():
            p["search"] = self.search.strip()
        if self.order:
            p["order"] = self.order
        return p

    def params(self) -> dict[str, Any]:
        return self.filter_params() | {"limit": self.limit, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class TeamCaseRow:
    """One case of the team: who works it, how late, how much, last contact, promise."""

    case_id: str
    borrower_name: str
    status: str
    bucket: str
    dpd: int
    overdue_total_fen: int
    priority: int
    assigned_to: str | None
    agent_name: str | None
    team: str | None
    last_contact_at: datetime | None
    next_action_kind: str
    next_action_at: datetime | None
    promise_status: str | None
    promise_amount_fen: int | None
    promise_date: date | None
    phone_masked: str | None
    contract_no: str
    plate: str | None
    flags: tuple[str, ...] = ()
    kind: str = "collection"  # "care": an early-warning call on a current loan


@dataclass(frozen=True, slots=True)
class TeamCasePage:
    rows: tuple[TeamCaseRow, ...]
    total: int
    bucket_counts: dict[str, int] = field(default_factory=dict)
    query: TeamCaseQuery = field(default_factory=TeamCaseQuery)


# --- agents ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgentLoadView:
    """An agent's load: open cases, overdue amount, contacts today, what is due."""

    username: str
    display_name: str
    team: str | None
    open_cases: int
    overdue_total_fen: int
    broken_promises: int
    promises_due_today: int
    callbacks_due: int
    contacts_today: int
    on_leave: bool


# --- reassignment ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReassignRuleSpec:
    """Balance the team's active cases between its agents who are not on leave."""

    team: str | None = None
    balance: Balance = "count"
    buckets: tuple[str, ...] = ()
    per_bucket: bool = True

    def body(self) -> dict[str, Any]:
        b: dict[str, Any] = {
            "balance": self.balance,
            "buckets": list(self.buckets),
            "per_bucket": self.per_bucket,
        }
        if self.team:
            b["team"] = self.team
        return b


@dataclass(frozen=True, slots=True)
class CaseMoveSpec:
    """Move a case from the holder the lead saw (`from_agent`, None: nobody) to `to_agent`."""

    case_id: str
    from_agent: str | None
    to_agent: str


@dataclass(frozen=True, slots=True)
class PlannedMoveView:
    case_id: str
    from_agent: str | None
    to_agent: str
    bucket: str
    dpd: int
    overdue_total_fen: int
    borrower_name: str = ""

    def spec(self) -> CaseMoveSpec:
        return CaseMoveSpec(self.case_id, self.from_agent, self.to_agent)


@dataclass(frozen=True, slots=True)
class AgentShareView:
    """An agent's cases and amount before and after the preview's moves."""

    username: str
    display_name: str
    eligible: bool
    on_leave: bool
    cases_before: int
    amount_before_fen: int
    cases_after: int
    amount_after_fen: int


@dataclass(frozen=True, slots=True)
class RulePreviewView:
    rule: ReassignRuleSpec
    team: str
    pool_cases: int
    pool_amount_fen: int
    moves: tuple[PlannedMoveView, ...]
    agents: tuple[AgentShareView, ...]

    @property
    def moved_amount_fen(self) -> int:
        return sum(m.overdue_total_fen for m in self.moves)


@dataclass(frozen=True, slots=True)
class AgentReceivedView:
    username: str
    received: int
    given: int


@dataclass(frozen=True, slots=True)
class ApplyOutcome:
    batch_id: str
    moved: int
    unchanged: int
    agents: tuple[AgentReceivedView, ...]


@dataclass(frozen=True, slots=True)
class MovedCase:
    """A case whose holder changed (or that closed) after the lead listed it."""

    case_id: str
    expected: str | None
    actual: str | None
    status: str | None


@dataclass(frozen=True, slots=True)
class RefusedAgent:
    """A target the server refused, and why (not_in_team, disabled, on_leave, ...)."""

    username: str
    reason: str


# --- approvals -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleBreachView:
    code: str
    message_zh: str
    message_en: str

    def message(self, language: str) -> str:
        return self.message_zh if language.startswith("zh") else self.message_en


@dataclass(frozen=True, slots=True)
class PlanLineView:
    n: int
    due_date: date
    amount_fen: int
    interest_fen: int


@dataclass(frozen=True, slots=True)
class PlanFiguresView:
    """The calculator's figures for a plan on today's arrears."""

    kind: str
    amount_due_fen: int
    total_payment_fen: int
    total_interest_fen: int
    down_payment_fen: int
    payments: int
    first_date: date
    waived_principal_fen: int
    waived_interest_fen: int
    waived_penalty_fen: int
    waived_fees_fen: int
    new_principal_fen: int | None
    extension_months: int
    lines: tuple[PlanLineView, ...]

    @property
    def waived_total_fen(self) -> int:
        return (
            self.waived_principal_fen
            + self.waived_interest_fen
            + self.waived_penalty_fen
            + self.waived_fees_fen
        )


@dataclass(frozen=True, slots=True)
class ApprovalCaseView:
    case_id: str
    borrower_name: str
    bucket: str
    dpd: int
    overdue_principal_fen: int
    overdue_interest_fen: int
    overdue_penalty_fen: int
    overdue_fees_fen: int
    overdue_total_fen: int
    assigned_to: str | None
    team: str | None


@dataclass(frozen=True, slots=True)
class ApprovalView:
    """A plan awaiting approval, recomputed by the server now with its author's role."""

    plan_id: str
    author: str
    kind: str
    frequency: str
    created_at: datetime
    total_fen: int
    case: ApprovalCaseView
    figures: PlanFiguresView | None
    exceeds: tuple[RuleBreachView, ...]
    invalid: tuple[RuleBreachView, ...]
    within_your_authority: bool
    error: str | None

    @property
    def approvable(self) -> bool:
        """The caller may approve it now (within authority, nothing else broken)."""
        return self.within_your_authority and not self.invalid and self.error is None


@dataclass(frozen=True, slots=True)
class ApprovalQueueView:
    items: tuple[ApprovalView, ...]
    total: int


@dataclass(frozen=True, slots=True)
class PlanDecisionView:
    """The plan after the decision (what the agent's desk receives at its next sync)."""

    plan_id: str
    case_id: str
    status: str
    decided_by: str | None
    decision_note: str | None


# --- the dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RollView:
    from_bucket: str
    to_bucket: str
    start_balance_fen: int
    rolled_balance_fen: int
    rate: Decimal | None


@dataclass(frozen=True, slots=True)
class RateView:
    """A rate and what it is made of: `value` (None: no denominator) = numerator of
    denominator, so a screen can say "100.0% (1/1)"."""

    value: Decimal | None
    numerator: int
    denominator: int


@dataclass(frozen=True, slots=True)
class KpiView:
    """One group's KPIs (DOMAIN.md definitions). `key` is the agent's username or the
    bucket ("" for the team's total); `label` what to show for it. `attempts` and the
    contact, RPC and PTP rates are outbound calls; inbound calls are counted apart."""

    key: str
    label: str
    attempts: int
    connected: int
    right_party: int
    promise_contacts: int
    inbound_calls: int
    inbound_right_party: int
    contact_rate: RateView
    rpc_rate: RateView
    ptp_rate: RateView
    promises_due: int
    promises_kept: int
    ptp_kept_rate: RateView
    amount_collected_fen: int
    cases_at_start: int
    cured: int
    cure_rate: RateView
    roll: tuple[RollView, ...]

    def roll_from(self, bucket: str) -> RollView | None:
        return next((r for r in self.roll if r.from_bucket == bucket), None)


@dataclass(frozen=True, slots=True)
class DashboardView:
    period: Period
    start: date
    end: date
    baseline: date | None
    team: str | None
    total: KpiView
    by_agent: tuple[KpiView, ...]
    by_bucket: tuple[KpiView, ...]


# --- the audit log ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditQuerySpec:
    """Filters of the audit viewer (GET /audit): exact, except an `action` ending in "."
    which matches a prefix ("export."); `since` inclusive, `until` exclusive."""

    actor: str = ""
    action: str = ""
    entity: str = ""
    entity_id: str = ""
    case_id: str = ""
    since: datetime | None = None
    until: datetime | None = None
    limit: int = AUDIT_PAGE_LIMIT
    offset: int = 0

    def filter_params(self) -> dict[str, Any]:
        p: dict[str, Any] = {}
        for key in ("actor", "action", "entity", "entity_id", "case_id"):
            value = str(getattr(self, key)).strip()
            if value:
                p[key] = value
        if self.since is not None:
            p["since"] = self.since.isoformat()
        if self.until is not None:
            p["until"] = self.until.isoformat()
        return p

    def params(self) -> dict[str, Any]:
        return self.filter_params() | {"limit": self.limit, "offset": self.offset}


@dataclass(frozen=True, slots=True)
class AuditEntryView:
    """One audit entry; `details` as (key, text) pairs, sorted by key."""

    id: str
    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: str | None
    details: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class AuditPageView:
    rows: tuple[AuditEntryView, ...]
    total: int


# --- exports ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A table exported by the server (masked, audited there): the bytes to save."""

    filename: str
    content: bytes
    rows: int | None
    media_type: str

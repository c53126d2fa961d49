"""Request and response models of the desk API: worklist, case detail, contact check,
record routes, plan approval, reassignment, PII reveal, audit search and team load.

Amounts are integer fen; every model rejects unknown fields (ApiModel).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import Field, model_validator

from app.protocol.common import ApiModel, Fen
from app.protocol.entities import (
    BorrowerData,
    Bucket,
    CallbackData,
    CaseData,
    CaseStatus,
    ContactAttemptData,
    LoanData,
    NoteData,
    PlanData,
    PromiseData,
)
from app.protocol.sync import (
    CallbackPayload,
    ContactPayload,
    NotePayload,
    PlanPayload,
    PromisePayload,
)

MAX_WORKLIST_LIMIT = 200
MAX_REASSIGN_CASES = 1000
MAX_AUDIT_LIMIT = 500

WorklistSort = Literal["next_action", "dpd", "amount", "name"]
NextActionKind = Literal["promise_due", "callback", "broken_promise", "none"]


# --- worklist ----------------------------------------------------------------------------


class WorklistRow(ApiModel):
    """One case in the worklist (what the agent needs to choose whom to call next)."""

    case_id: str
    borrower_name: str
    status: CaseStatus
    bucket: Bucket
    dpd: int
    overdue_total: Fen
    priority: int
    assigned_to: str | None
    last_contact_at: datetime | None = None
    next_action_at: datetime | None = None
    next_action_kind: NextActionKind = "none"
    callable_now: bool | None = Field(
        default=None, description="not computed by the list route; use contact-check"
    )
    phone_masked: str | None = None
    contract_no: str
    plate: str | None = None
    flags: list[str] = Field(default_factory=list)


class WorklistPage(ApiModel):
    """A page of the worklist with the total count and per-bucket counts of the filter."""

    rows: list[WorklistRow]
    total: int
    limit: int
    offset: int
    bucket_counts: dict[str, int] = Field(default_factory=dict)


# --- case detail -------------------------------------------------------------------------


class OverdueLine(ApiModel):
    """Overdue breakdown of one installment as of the last overdue run."""

    n: int
    due_date: date
    days_overdue: int
    principal: Fen
    interest: Fen
    penalty: Fen
    fees: Fen
    total: Fen


class OverdueBreakdown(ApiModel):
    """Current overdue amounts of the case, per installment and in total."""

    dpd: int
    bucket: Bucket
    lines: list[OverdueLine]
    principal: Fen
    interest: Fen
    penalty: Fen
    fees: Fen
    total: Fen


class CaseDetail(ApiModel):
    """Everything about one case the desk shows (PII masked)."""

    case: CaseData
    borrower: BorrowerData
    loan: LoanData
    overdue: OverdueBreakdown
    contacts: list[ContactAttemptData]
    notes: list[NoteData]
    promises: list[PromiseData]
    plans: list[PlanData]
    callbacks: list[CallbackData]


# --- contact policy ----------------------------------------------------------------------


class PolicyReason(ApiModel):
    code: str
    message_zh: str
    message_en: str


class ContactCheck(ApiModel):
    """The contact policy's answer for one number of the case, now."""

    case_id: str
    phone_id: str
    allowed: bool
    reasons: list[PolicyReason]
    next_allowed_at: datetime | None = None
    checked_at: datetime
    profile: str


# --- record routes (client-generated ids, idempotent by id) ---------------------------


class NoteCreate(NotePayload):
    id: UUID = Field(description="client-generated note id; resending it is a no-op")


class ContactCreate(ContactPayload):
    id: UUID = Field(description="client-generated contact-attempt id")


class PromiseCreate(PromisePayload):
    id: UUID = Field(description="client-generated promise id")


class PlanCreate(PlanPayload):
    id: UUID = Field(description="client-generated plan id")


class CallbackCreate(CallbackPayload):
    id: UUID = Field(description="client-generated callback id")


# --- plans -------------------------------------------------------------------------------


class PlanDecision(ApiModel):
    """Approve or reject a pending plan; a reason is required to reject."""

    reason: str | None = Field(default=None, max_length=1000)


class PlanList(ApiModel):
    plans: list[PlanData]
    total: int


# --- reassignment ------------------------------------------------------------------------


class ReassignRequest(ApiModel):
    """Move cases to another agent: given ids, or every open case of `from_agent`."""

    to_agent: str = Field(min_length=1, max_length=64)
    case_ids: list[UUID] | None = Field(default=None, min_length=1, max_length=MAX_REASSIGN_CASES)
    from_agent: str | None = Field(default=None, min_length=1, max_length=64)
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_selector(self) -> ReassignRequest:
        if (self.case_ids is None) == (self.from_agent is None):
            raise ValueError("give exactly one of case_ids or from_agent")
        return self


class ReassignResult(ApiModel):
    to_agent: str
    moved: int
    unchanged: int = Field(description="cases already assigned to to_agent")
    case_ids: list[str]


# --- PII reveal and audit ----------------------------------------------------------------


class RevealRequest(ApiModel):
    field: Literal["id_number", "phone", "bank_card"]
    phone_id: str | None = Field(default=None, max_length=64)
    reason: str = Field(min_length=5, max_length=500)

    @model_validator(mode="after")
    def _phone_needs_id(self) -> RevealRequest:
        if self.field == "phone" and not self.phone_id:
            raise ValueError("phone_id is required to reveal a phone number")
        return self


class RevealResponse(ApiModel):
    field: Literal["id_number", "phone", "bank_card"]
    phone_id: str | None = None
    value: str


class AuditEntry(ApiModel):
    id: str
    at: datetime
    actor: str | None
    action: str
    entity: str
    entity_id: str | None
    details: dict[str, Any] = Field(default_factory=dict)


class AuditPage(ApiModel):
    entries: list[AuditEntry]
    total: int
    limit: int
    offset: int


# --- team --------------------------------------------------------------------------------


class AgentLoad(ApiModel):
    username: str
    display_name: str
    team: str | None
    open_cases: int
    overdue_total: Fen
    broken_promises: int
    promises_due_today: int
    callbacks_due: int
    contacts_today: int = Field(default=0, description="contact attempts recorded today")
    on_leave: bool = False


class TeamAgents(ApiModel):
    agents: list[AgentLoad]


# --- query-string models (unknown parameters are refused) ---------------------------------


class WorklistQuery(ApiModel):
    """Query string of GET /worklist."""

    limit: int = Field(default=50, ge=1, le=MAX_WORKLIST_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    sort: WorklistSort = "next_action"
    order: Literal["asc", "desc"] | None = None
    bucket: list[Bucket] = Field(default_factory=list, max_length=5)
    status: Literal["active", "open", "recovery", "closed", "all"] = "active"
    search: str | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=64)


class AuditQuery(ApiModel):
    """Query string of GET /audit."""

    actor: str | None = Field(default=None, max_length=64)
    action: str | None = Field(default=None, max_length=48)
    entity: str | None = Field(default=None, max_length=32)
    entity_id: str | None = Field(default=None, max_length=64)
    case_id: str | None = Field(
        default=None, max_length=64, description="entries about this case (any entity)"
    )
    since: datetime | None = None
    until: datetime | None = None
    limit: int = Field(default=100, ge=1, le=MAX_AUDIT_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class PlanQuery(ApiModel):
    """Query string of GET /plans."""

    status: Literal["draft", "pending_approval", "approved", "rejected", "active", "broken"] = (
        "pending_approval"
    )
    limit: int = Field(default=100, ge=1, le=MAX_WORKLIST_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class TeamQuery(ApiModel):
    """Query string of GET /team/agents (admin may pick a team; a lead sees their own)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)


class ContactCheckQuery(ApiModel):
    """Query string of GET /cases/{case_id}/contact-check."""

    phone_id: str = Field(min_length=1, max_length=64)

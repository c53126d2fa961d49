"""Request and response models of the desk API: worklist, case detail, contact check,
record routes, plan approval, reassignment, PII reveal, audit search and team load.

Amounts are integer fen; every model rejects unknown fields; body models are strict about
integers and booleans (ApiModel), query-string models parse them from text (QueryModel).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, get_args
from uuid import UUID

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.domain.reveal_note import MESSAGES as NOTE_MESSAGES
from app.domain.reveal_note import judge_reveal_note
from app.protocol.common import (
    WINDOW_DOC,
    ApiModel,
    CleanText,
    Fen,
    Instant,
    QueryModel,
    ordered_window,
)
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
    PlanStatus,
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


class DialRequest(ApiModel):
    """Ask to dial one number of the case: the server checks the contact policy again and
    answers the clear number for the softphone (audited). A team lead or admin may dial a
    blocked number with `override_reason` (audited as an override)."""

    phone_id: str = Field(min_length=1, max_length=64)
    override_reason: CleanText | None = Field(default=None, min_length=5, max_length=500)
    attempt_id: UUID | None = Field(
        default=None,
        description="client-generated id of the contact attempt this dial opens (the desk's "
        "wrap-up sends its contact with this id); the server makes one when absent",
    )


class DialAnswer(ApiModel):
    """The number to hand to the softphone; `overridden` when a block was overridden.
    `attempt_id`: the provisional contact attempt the dial recorded (it counts against the
    contact caps until the wrap-up or the phone's end event completes it)."""

    case_id: str
    phone_id: str
    number: str
    allowed: bool
    overridden: bool
    reasons: list[PolicyReason]
    checked_at: datetime
    attempt_id: str


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
    """Approve a pending plan; the reason (a note for the author) is optional."""

    reason: CleanText | None = Field(default=None, max_length=1000)


class PlanRejection(ApiModel):
    """Reject a pending plan: the reason is required, words the author reads (422 when it
    is missing or blank)."""

    reason: CleanText = Field(
        min_length=1,
        max_length=1000,
        pattern=r"\S",
        description="required: why the plan is refused (not blank)",
    )


class PlanList(ApiModel):
    plans: list[PlanData]
    total: int


# --- reassignment ------------------------------------------------------------------------


class ReassignRequest(ApiModel):
    """Move cases to another agent: given ids, or every open case of `from_agent`. Exactly
    one of `case_ids` and `from_agent` (the schema's oneOf; else 422)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "title": "by case ids",
                    "required": ["case_ids"],
                    "properties": {"case_ids": {"type": "array"}, "from_agent": {"type": "null"}},
                },
                {
                    "title": "every open case of from_agent",
                    "required": ["from_agent"],
                    "properties": {"from_agent": {"type": "string"}, "case_ids": {"type": "null"}},
                },
            ]
        }
    )

    to_agent: str = Field(min_length=1, max_length=64)
    case_ids: list[UUID] | None = Field(default=None, min_length=1, max_length=MAX_REASSIGN_CASES)
    from_agent: str | None = Field(default=None, min_length=1, max_length=64)
    reason: CleanText | None = Field(default=None, max_length=500)

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


RevealReason = Literal[
    "verify_identity",
    "confirm_contact_number",
    "payment_reconciliation",
    "complaint_or_dispute",
    "legal_proceedings",
    "other",
]
REVEAL_REASONS: tuple[str, ...] = get_args(RevealReason)
MAX_REVEAL_NOTE = 500


def _reveal_one_of(schema: dict[str, Any]) -> None:
    """The conditional fields of RevealRequest in its JSON schema: `phone_id` with a phone
    and only then; a `note` when the reason is "other"."""
    reasons = [r for r in REVEAL_REASONS if r != "other"]
    schema["allOf"] = [
        {
            "oneOf": [
                {
                    "properties": {
                        "field": {"const": "phone"},
                        "phone_id": {"type": "string", "minLength": 1},
                    },
                    "required": ["field", "phone_id"],
                },
                {
                    "properties": {
                        "field": {"enum": ["id_number", "bank_card"]},
                        "phone_id": {"type": "null"},
                    },
                    "required": ["field"],
                },
            ]
        },
        {
            "oneOf": [
                {
                    "properties": {"reason": {"const": "other"}, "note": {"type": "string"}},
                    "required": ["reason", "note"],
                },
                {"properties": {"reason": {"enum": reasons}}, "required": ["reason"]},
            ]
        },
    ]


class RevealRequest(ApiModel):
    """Reveal one clear PII value of the case's borrower (audited with reason and note).

    `reason` is a code from REVEAL_REASONS; `note` says more, and is required when the
    reason is "other". A note is judged by app.domain.reveal_note (the desk's dialog asks
    the same function): invisible (format, zero-width) characters are dropped, then it is
    refused (422, naming `note`) when blank, padded with whitespace, or not at least two
    words / four Chinese characters ("asdf", "a.b.c.d.", "好好好好", "four letters" padded
    with zero-width characters). The note kept is the visible text."""

    model_config = ConfigDict(json_schema_extra=_reveal_one_of)

    field: Literal["id_number", "phone", "bank_card"]
    phone_id: str | None = Field(
        default=None,
        max_length=64,
        validate_default=True,
        description='required when `field` is "phone", absent otherwise',
    )
    reason: RevealReason
    note: str | None = Field(default=None, max_length=MAX_REVEAL_NOTE, validate_default=True)

    @field_validator("phone_id")
    @classmethod
    def _phone_needs_id(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("field") == "phone" and not value:
            raise ValueError("phone_id is required to reveal a phone number")
        if info.data.get("field") not in (None, "phone") and value is not None:
            raise ValueError("phone_id is only for revealing a phone number")
        return value

    @field_validator("note")
    @classmethod
    def _meaningful_note(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            if info.data.get("reason") == "other":
                raise ValueError('a note is required when the reason is "other"')
            return None
        judged = judge_reveal_note(value)
        if judged.problem is not None:
            raise ValueError(NOTE_MESSAGES[judged.problem])
        return judged.visible


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


class WorklistQuery(QueryModel):
    """Query string of GET /worklist."""

    limit: int = Field(default=50, ge=1, le=MAX_WORKLIST_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    sort: WorklistSort = "next_action"
    order: Literal["asc", "desc"] | None = None
    bucket: list[Bucket] = Field(default_factory=list, max_length=5)
    status: Literal["active", "open", "recovery", "closed", "all"] = "active"
    search: CleanText | None = Field(default=None, min_length=1, max_length=64)
    agent: str | None = Field(default=None, min_length=1, max_length=64)


class AuditQuery(QueryModel):
    """Query string of GET /audit."""

    actor: str | None = Field(default=None, max_length=64)
    action: str | None = Field(default=None, max_length=48)
    entity: str | None = Field(default=None, max_length=32)
    entity_id: str | None = Field(default=None, max_length=64)
    case_id: str | None = Field(
        default=None, max_length=64, description="entries about this case (any entity)"
    )
    since: Instant | None = Field(default=None, description=WINDOW_DOC)
    until: Instant | None = Field(default=None, description=WINDOW_DOC)
    limit: int = Field(default=100, ge=1, le=MAX_AUDIT_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)

    @model_validator(mode="after")
    def _window(self) -> AuditQuery:
        ordered_window(self.since, self.until)
        return self


class PlanQuery(QueryModel):
    """Query string of GET /plans."""

    status: PlanStatus = "pending_approval"
    limit: int = Field(default=100, ge=1, le=MAX_WORKLIST_LIMIT)
    offset: int = Field(default=0, ge=0, le=1_000_000)


class TeamQuery(QueryModel):
    """Query string of GET /team/agents (admin may pick a team; a lead sees their own)."""

    team: str | None = Field(default=None, min_length=1, max_length=64)


class ContactCheckQuery(QueryModel):
    """Query string of GET /cases/{case_id}/contact-check."""

    phone_id: str = Field(min_length=1, max_length=64)

"""The sync protocol (DESIGN.md §4): pull changes by cursor, push a batch of ops."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field, model_validator

from app.domain.limits import MAX_NOTE_CHARS
from app.protocol.common import (
    Amount,
    ApiModel,
    BizDate,
    CleanText,
    Instant,
    NonNegAmount,
)
from app.protocol.entities import (
    CaseFlag,
    Channel,
    ContactResult,
    Disposition,
    NonPaymentReason,
    PlanKind,
)

EntityKind = Literal[
    "case",
    "borrower",
    "loan",
    "contact_attempt",
    "note",
    "promise",
    "plan",
    "callback",
]

MAX_PULL_LIMIT = 1000
MAX_PUSH_BATCH = 500


class Upsert(ApiModel):
    entity: EntityKind
    id: str
    data: dict[str, Any] = Field(description="the entity payload (app.protocol.entities.*Data)")


class Tombstone(ApiModel):
    entity: EntityKind
    id: str
    reason: Literal["deleted", "reassigned", "closed"] = "deleted"


class ChangesResponse(ApiModel):
    upserts: list[Upsert]
    tombstones: list[Tombstone]
    cursor: str = Field(description="opaque; pass back as ?cursor= for the next page")
    has_more: bool


# --- push ------------------------------------------------------------------------------


MAX_BANNED_HITS = 50


class NotePayload(ApiModel):
    text: CleanText = Field(min_length=1, max_length=MAX_NOTE_CHARS)
    disposition: Disposition | None = None
    next_action_on: BizDate | None = None
    amends: UUID | None = None
    contact_id: UUID | None = Field(
        default=None, description="the contact attempt this note wraps up, if any"
    )
    banned_phrases: list[Annotated[CleanText, Field(max_length=100)]] = Field(
        default_factory=list,
        max_length=MAX_BANNED_HITS,
        description="banned phrases the desk found as violations (severity 'block', the "
        "agent's own words) and the agent saved anyway (a flag; the server checks the text "
        "again)",
    )
    created_at: Instant


class ContactPayload(ApiModel):
    phone_id: str | None = Field(default=None, max_length=64)
    channel: Channel
    disposition: Disposition
    reason: NonPaymentReason | None = None
    result: ContactResult | None = None
    started_at: Instant
    duration_s: int = Field(default=0, ge=0, le=24 * 3600)
    recording_ref: CleanText | None = Field(default=None, max_length=200)
    override_reason: CleanText | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="a team lead dialled although the contact policy blocked: why (audited)",
    )


#: what the phone can tell about a call nobody answered (the rest needs the agent)
PHONE_UNANSWERED: frozenset[str] = frozenset({"no_answer", "busy", "voicemail", "number_invalid"})


class ContactEndPayload(ApiModel):
    """The phone's end of a dialled call (`contact.end`; the op's entity id is the attempt
    id the dial answered). Not answered: the phone's outcome (no answer, busy, voicemail,
    invalid number). Answered: who it was is left to the wrap-up."""

    answered: bool
    disposition: Disposition | None = Field(
        default=None,
        description="required when not answered: no_answer, busy, voicemail or "
        "number_invalid; none when answered",
    )
    duration_s: int = Field(default=0, ge=0, le=24 * 3600, description="talk time, seconds")
    ended_at: Instant
    recording_ref: CleanText | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _outcome(self) -> ContactEndPayload:
        if self.answered and self.disposition is not None:
            raise ValueError("an answered call's disposition comes from the wrap-up")
        if not self.answered and self.disposition not in PHONE_UNANSWERED:
            raise ValueError(
                "a call nobody answered ends as no_answer, busy, voicemail or number_invalid"
            )
        return self


class PromisePayload(ApiModel):
    amount: Amount
    promised_on: BizDate = Field(
        description="a business date (lender's zone) from today to today + the server's "
        "promise_horizon_days (default 30); outside it the promise is refused"
    )
    created_at: Instant
    contact_id: UUID | None = None


class PlanPayload(ApiModel):
    kind: PlanKind
    down_payment: NonNegAmount = 0
    payments: int = Field(ge=1, le=120)
    frequency: Literal["monthly", "biweekly", "weekly"] = "monthly"
    first_date: BizDate = Field(
        description="first payment: a business date from today to today + the plan rules' "
        "first_payment_within_days (default 15); outside it the plan is refused"
    )
    waive_penalty: NonNegAmount = 0
    waive_fees: NonNegAmount = 0
    waive_interest: NonNegAmount = 0
    new_term_months: int | None = Field(default=None, ge=1, le=120)
    created_at: Instant


class CallbackPayload(ApiModel):
    due_at: Instant = Field(
        description="in the future (5 minutes' slack), at most the server's "
        "callback_horizon_days (default 30) ahead, inside the borrower's daily call window"
    )
    note: CleanText | None = Field(default=None, max_length=2000)
    created_at: Instant | None = Field(
        default=None, description="when the agent scheduled it (the server checks against it)"
    )


class CaseUpdatePayload(ApiModel):
    flags: list[CaseFlag] | None = None
    debtor_unreachable: bool | None = None


class AgreementExportPayload(ApiModel):
    """An agreement PDF the desk wrote for a plan on the case (audited on arrival: the file
    holds the borrower's name and figures). What was exported, not the document."""

    language: Literal["zh_CN", "en"]
    plan_kind: PlanKind
    payments: int = Field(ge=1, le=121, description="lines of the plan, the down payment included")
    total: NonNegAmount = Field(description="what the borrower pays under the plan, fen")
    exported_at: Instant


class _OpBase(ApiModel):
    op_id: UUID
    case_id: UUID
    entity_id: UUID = Field(description="client-generated id of the entity the op creates/edits")


class NoteOp(_OpBase):
    kind: Literal["note.create"]
    payload: NotePayload


class ContactOp(_OpBase):
    kind: Literal["contact.create"]
    payload: ContactPayload


class ContactEndOp(_OpBase):
    """The phone's end event of the dialled attempt `entity_id` (see ContactEndPayload)."""

    kind: Literal["contact.end"]
    payload: ContactEndPayload


class PromiseOp(_OpBase):
    kind: Literal["promise.create"]
    payload: PromisePayload


class PlanOp(_OpBase):
    kind: Literal["plan.propose"]
    payload: PlanPayload


class CallbackOp(_OpBase):
    kind: Literal["callback.create"]
    payload: CallbackPayload


class CaseUpdateOp(_OpBase):
    kind: Literal["case.update"]
    base_version: int = Field(ge=0)
    payload: CaseUpdatePayload


class AgreementExportOp(_OpBase):
    """`entity_id` is the export's own id (nothing is stored but the audit row)."""

    kind: Literal["agreement.export"]
    payload: AgreementExportPayload


PushOp = Annotated[
    NoteOp
    | ContactOp
    | ContactEndOp
    | PromiseOp
    | PlanOp
    | CallbackOp
    | CaseUpdateOp
    | AgreementExportOp,
    Field(discriminator="kind"),
]


class PushRequest(ApiModel):
    ops: list[PushOp] = Field(min_length=1)


class OpResult(ApiModel):
    op_id: UUID
    status: Literal["applied", "duplicate", "rejected"]
    code: str | None = Field(default=None, description="rejection code, e.g. 'stale_version'")
    message: str | None = None
    entity: EntityKind | None = None
    entity_id: str | None = None
    current: dict[str, Any] | None = Field(
        default=None, description="for stale edits: the server's current value"
    )


class PushResponse(ApiModel):
    results: list[OpResult]


__all__ = [
    "MAX_PULL_LIMIT",
    "MAX_PUSH_BATCH",
    "AgreementExportOp",
    "AgreementExportPayload",
    "CallbackOp",
    "CaseUpdateOp",
    "ChangesResponse",
    "ContactOp",
    "NoteOp",
    "OpResult",
    "PlanOp",
    "PromiseOp",
    "PushOp",
    "PushRequest",
    "PushResponse",
    "Tombstone",
    "Upsert",
]

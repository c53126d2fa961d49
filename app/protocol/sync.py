"""The sync protocol (DESIGN.md §4): pull changes by cursor, push a batch of ops."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field

from app.protocol.common import ApiModel, Fen
from app.protocol.entities import (
    CaseFlag,
    Channel,
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


class NotePayload(ApiModel):
    text: str = Field(min_length=1, max_length=10_000)
    disposition: Disposition | None = None
    next_action_on: date | None = None
    amends: UUID | None = None
    created_at: datetime


class ContactPayload(ApiModel):
    phone_id: str | None = None
    channel: Channel
    disposition: Disposition
    reason: NonPaymentReason | None = None
    started_at: datetime
    duration_s: int = Field(default=0, ge=0, le=24 * 3600)
    recording_ref: str | None = Field(default=None, max_length=200)


class PromisePayload(ApiModel):
    amount: Fen = Field(gt=0)
    promised_on: date
    created_at: datetime


class PlanPayload(ApiModel):
    kind: PlanKind
    down_payment: Fen = Field(default=0, ge=0)
    payments: int = Field(ge=1, le=120)
    frequency: Literal["monthly", "biweekly", "weekly"] = "monthly"
    first_date: date
    waive_penalty: Fen = Field(default=0, ge=0)
    waive_fees: Fen = Field(default=0, ge=0)
    waive_interest: Fen = Field(default=0, ge=0)
    new_term_months: int | None = Field(default=None, ge=1, le=120)
    created_at: datetime


class CallbackPayload(ApiModel):
    due_at: datetime
    note: str | None = Field(default=None, max_length=2000)


class CaseUpdatePayload(ApiModel):
    flags: list[CaseFlag] | None = None
    debtor_unreachable: bool | None = None


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


PushOp = Annotated[
    NoteOp | ContactOp | PromiseOp | PlanOp | CallbackOp | CaseUpdateOp,
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

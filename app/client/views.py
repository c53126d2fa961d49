"""Frozen view values the UI consumes (DESIGN.md §2, §8 "what changed").

The desk's services return only these immutable dataclasses: never an ORM object, a
database row or a dict the UI could mutate. Amounts are integer fen (`*_fen`), instants
are timezone-aware UTC datetimes, business dates are `date`s. Collections are tuples.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

SortKey = Literal["next_action", "priority", "dpd", "overdue", "name", "last_contact"]
SyncState = Literal["online", "offline", "syncing", "error"]
NextActionKind = Literal["promise_due", "callback", "broken_promise", "none"]

ALL_BUCKETS: tuple[str, ...] = ("M0", "M1", "M2", "M3", "M3+")


# --- worklist ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorklistQuery:
    """What the worklist shows: free-text search, bucket/status filters, sort and page.

    `search` matches borrower name (substring), phone last 4 digits, contract number and
    plate (substring, case-insensitive). Empty `buckets` means all buckets; `status`
    None means every status.
    """

    search: str = ""
    buckets: tuple[str, ...] = ()
    status: str | None = "open"
    sort: SortKey = "next_action"
    descending: bool = False
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True, slots=True)
class WorklistRow:
    """One case in the worklist (a row of the worklist table model)."""

    case_id: str
    borrower_name: str
    bucket: str
    dpd: int
    overdue_total_fen: int
    last_contact_at: datetime | None
    next_action_at: datetime | None
    next_action_kind: NextActionKind
    callable_now: bool | None  # None: not evaluated (no policy available / no phone)
    priority: int
    phone_masked: str | None
    contract_no: str
    plate: str
    status: str = "open"
    pending_ops: int = 0  # local changes on this case not yet acknowledged by the server
    promised_on: date | None = None  # the promise's date for promise_due / broken_promise
    kind: str = "collection"  # or "care": a care call on a current loan at high risk


@dataclass(frozen=True, slots=True)
class WorklistPage:
    """A page of worklist rows plus the total matching and the count per bucket."""

    rows: tuple[WorklistRow, ...]
    total: int
    bucket_counts: dict[str, int] = field(default_factory=dict)
    query: WorklistQuery = field(default_factory=WorklistQuery)


# --- case detail ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhoneView:
    """A phone number of the borrower or of a related person / emergency contact (masked)."""

    id: str
    number_masked: str
    owner: str  # borrower | related | emergency
    relation: str | None
    name: str | None
    timezone: str


@dataclass(frozen=True, slots=True)
class BorrowerView:
    """The borrower's profile (PII masked)."""

    id: str
    name: str
    id_number_masked: str
    gender: str | None
    birth_date: date | None
    address: str
    employer: str | None
    timezone: str
    phones: tuple[PhoneView, ...]
    bank_card_masked: str | None
    risk_segment: str
    language: Literal["zh_CN", "en"] = "zh_CN"  # the borrower's language: script, agreement


@dataclass(frozen=True, slots=True)
class InstallmentView:
    """One scheduled installment with what was paid and its state."""

    n: int
    due_date: date
    payment_fen: int
    principal_fen: int
    interest_fen: int
    paid_principal_fen: int
    paid_interest_fen: int
    paid_penalty_fen: int
    paid_fees_fen: int
    penalty_fen: int
    fees_fen: int
    state: str  # paid | partly_paid | overdue | due | future
    paid_on: date | None


@dataclass(frozen=True, slots=True)
class PaymentView:
    """A payment received on the loan."""

    id: str
    paid_on: date
    amount_fen: int
    channel: str
    reference: str | None


@dataclass(frozen=True, slots=True)
class RiskFactor:
    """One of the top factors behind a loan's risk score (weight > 0 raises the risk)."""

    code: str
    label_zh: str
    label_en: str
    weight: float


@dataclass(frozen=True, slots=True)
class LoanRisk:
    """The loan's default-risk score: probability (0-1), segment and top factors."""

    score: float
    segment: str
    factors: tuple[RiskFactor, ...]
    model_version: int


@dataclass(frozen=True, slots=True)
class LoanView:
    """The loan contract and its vehicle."""

    id: str
    contract_no: str
    product: str
    method: str
    principal_fen: int
    annual_rate: str  # decimal string, e.g. "0.0600"
    term_months: int
    disbursed_on: date
    first_due_date: date
    outstanding_principal_fen: int
    written_off: bool
    vehicle_brand: str
    vehicle_model: str
    plate: str
    vin_masked: str
    vehicle_year: int
    extensions_months: int = 0  # term extension (展期) already granted
    risk: LoanRisk | None = None  # the latest default-risk score, when a model has run


@dataclass(frozen=True, slots=True)
class ContactView:
    """A contact attempt (call, SMS, visit...) on the case."""

    id: str
    agent: str
    phone_id: str | None
    channel: str
    disposition: str
    reason: str | None
    started_at: datetime
    duration_s: int
    recording_ref: str | None
    policy_violation: str | None
    pending: bool = False  # True while only local (not yet acknowledged by the server)
    result: str | None = None
    override_reason: str | None = None


@dataclass(frozen=True, slots=True)
class NoteView:
    """A note on the case; `pending` while it waits in the outbox."""

    id: str
    case_id: str
    author: str
    text: str
    disposition: str | None
    next_action_on: date | None
    amends: str | None
    created_at: datetime
    pending: bool = False
    rejected: bool = False
    contact_id: str | None = None
    banned_phrases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PromiseView:
    """A promise to pay."""

    id: str
    agent: str
    amount_fen: int
    promised_on: date
    created_at: datetime
    status: str
    pending: bool = False


@dataclass(frozen=True, slots=True)
class PlanView:
    """A repayment plan (proposal or agreement) and where it stands.

    `status`: pending_approval | approved | rejected | active | kept | broken (a plan made on
    this desk carries the local calculation's status until the server's answer is pulled).
    `pending` while the proposal is only local; `rejected` when the server refused the op,
    with the server's reason in `rejection_reason` (the op stays in "needs attention").
    `decision_note` is the approver's note (a lead's reason for rejecting)."""

    id: str
    author: str
    kind: str
    status: str
    down_payment_fen: int
    lines: tuple[tuple[int, date, int], ...]  # (n, due_date, amount_fen)
    waived_penalty_fen: int
    waived_fees_fen: int
    waived_interest_fen: int
    violations: tuple[str, ...]
    approved_by: str | None  # who decided (approved or rejected)
    created_at: datetime
    pending: bool = False
    total_fen: int = 0
    payments: int = 1
    frequency: str = "monthly"
    first_date: date | None = None
    new_term_months: int | None = None
    decision_note: str | None = None  # the approver's comment
    evaluated_on: date | None = None
    rejected: bool = False
    rejection_reason: str | None = None
    booked_on: date | None = None  # a restructure rebooked onto the loan that day
    broken_due: date | None = None  # a broken plan: the earliest payment missed ...
    broken_short_fen: int | None = None  # ... and what was short by its deadline


@dataclass(frozen=True, slots=True)
class CallbackView:
    """A scheduled callback."""

    id: str
    agent: str
    due_at: datetime
    note: str | None
    done: bool
    pending: bool = False


@dataclass(frozen=True, slots=True)
class OverdueBreakdown:
    """What is overdue on the case as of the last overdue run (server figures)."""

    dpd: int
    bucket: str
    principal_fen: int
    interest_fen: int
    penalty_fen: int
    fees_fen: int
    total_fen: int


@dataclass(frozen=True, slots=True)
class PolicyView:
    """The contact-policy answer for one phone number, evaluated locally."""

    phone_id: str
    allowed: bool
    reasons: tuple[str, ...]  # reason codes
    messages_zh: tuple[str, ...]
    messages_en: tuple[str, ...]
    next_allowed_at: datetime | None


@dataclass(frozen=True, slots=True)
class CaseView:
    """The case itself: assignment, status, overdue headline, flags, version."""

    id: str
    loan_id: str
    borrower_id: str
    status: str
    assigned_to: str | None
    team: str | None
    dpd: int
    bucket: str
    overdue_total_fen: int
    priority: int
    flags: tuple[str, ...]
    debtor_unreachable: bool
    opened_on: date
    closed_on: date | None
    last_contact_at: datetime | None
    next_action_at: datetime | None
    next_action_kind: str
    version: int
    kind: str = "collection"  # or "care": a care call on a current loan at high risk
    # the agreed plan whose break returned the case to collection (issue 14), if any
    plan_return: PlanReturnView | None = None


@dataclass(frozen=True, slots=True)
class PlanReturnView:
    """Why a case is back in collection: which plan broke, when, and on which payment."""

    plan_id: str
    kind: str
    broken_on: date | None
    due_date: date | None  # the earliest plan payment missed
    shortfall_fen: int  # short of what was due by that payment's deadline


@dataclass(frozen=True, slots=True)
class CaseDetail:
    """Everything the profile, history and right pane show for one case."""

    case: CaseView
    borrower: BorrowerView
    loan: LoanView
    installments: tuple[InstallmentView, ...]
    payments: tuple[PaymentView, ...]
    contacts: tuple[ContactView, ...]
    notes: tuple[NoteView, ...]
    promises: tuple[PromiseView, ...]
    plans: tuple[PlanView, ...]
    callbacks: tuple[CallbackView, ...]
    overdue: OverdueBreakdown
    policy: tuple[PolicyView, ...]  # one per phone; empty when no policy is available
    draft: str | None = None


# --- sync -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows."""

    state: SyncState
    pending_ops: int
    rejected_ops: int
    last_success_at: datetime | None
    last_error: str | None
    user: str | None
    keyring_available: bool = True
    paused_mass_removal: int = 0  # >0: a pull wants to remove this many cases; confirm first


@dataclass(frozen=True, slots=True)
class RejectedOp:
    """An op the server refused; stays in "needs attention" until the agent acts."""

    op_id: str
    kind: str
    case_id: str
    entity_id: str
    code: str | None
    message: str | None
    created_at: datetime
    payload: dict[str, object] = field(default_factory=dict)
    current: dict[str, object] | None = None  # server's current value for stale edits


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What changed: returned by every mutation and sync so panels know what to refresh."""

    case_ids: frozenset[str] = frozenset()
    worklist: bool = False  # membership/order of the worklist may have changed
    notes: bool = False
    sync_status: bool = False
    full_reload: bool = False  # e.g. after a full resync

    def merge(self, other: ChangeSet) -> ChangeSet:
        return ChangeSet(
            case_ids=self.case_ids | other.case_ids,
            worklist=self.worklist or other.worklist,
            notes=self.notes or other.notes,
            sync_status=self.sync_status or other.sync_status,
            full_reload=self.full_reload or other.full_reload,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.case_ids or self.worklist or self.notes or self.sync_status or self.full_reload
        )


SyncOutcome = Literal["ok", "offline", "unauthorized", "disabled", "error", "cancelled", "paused"]


@dataclass(frozen=True, slots=True)
class SyncReport:
    """The result of one sync cycle (`SyncEngine.run_once`)."""

    outcome: SyncOutcome
    pulled_upserts: int = 0
    pulled_tombstones: int = 0
    pages: int = 0
    pushed_applied: int = 0
    pushed_duplicate: int = 0
    pushed_rejected: int = 0
    full_resync: bool = False
    pending_removal: int = 0  # outcome "paused": cases the pull would remove
    error: str | None = None
    elapsed_s: float = 0.0
    changes: ChangeSet = field(default_factory=ChangeSet)

    def summary(self) -> str:
        """One line for logs and the CLI (no PII)."""
        parts = [
            f"outcome={self.outcome}",
            f"pulled={self.pulled_upserts} upserts/{self.pulled_tombstones} tombstones"
            f" in {self.pages} pages",
            f"pushed applied={self.pushed_applied} duplicate={self.pushed_duplicate}"
            f" rejected={self.pushed_rejected}",
        ]
        if self.full_resync:
            parts.append("full resync")
        if self.pending_removal:
            parts.append(f"paused: would remove {self.pending_removal} cases")
        if self.error:
            parts.append(f"error={self.error}")
        parts.append(f"{self.elapsed_s:.2f}s")
        return "; ".join(parts)


ProgressCallback = Callable[[str, int, "int | None"], None]
"""Progress of a sync: (phase "pull"|"push", done, total or None when unknown)."""


class CancelToken:
    """Thread-safe cancellation flag a UI hands to a long-running sync."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

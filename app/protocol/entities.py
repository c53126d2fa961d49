"""Entity payloads carried by the sync feed (`GET /sync/changes`) and the desk API.

PII fields (ID number, phone numbers, bank card) are always masked here; the clear value
is only returned by the audited reveal route.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.protocol.common import ApiModel, Fen

Bucket = Literal["M0", "M1", "M2", "M3", "M3+"]
CaseStatus = Literal["open", "closed", "recovery"]
CaseKind = Literal["collection", "care"]  # care: an early-warning call on a current loan
CaseFlag = Literal["do_not_call", "cease", "dispute", "hardship", "complaint", "legal_hold"]
PhoneOwner = Literal["borrower", "related", "emergency"]
Channel = Literal["outbound_call", "inbound_call", "sms", "letter", "visit"]
Disposition = Literal[
    "right_party",
    "third_party",
    "no_answer",
    "busy",
    "voicemail",
    "wrong_number",
    "number_invalid",
    "refused",
    "hung_up",
]
NonPaymentReason = Literal[
    "temporary_hardship",
    "unemployment",
    "illness",
    "forgot",
    "amount_dispute",
    "vehicle_problem",
    "vehicle_sold",
    "fraud_claim",
    "refuses",
    "other",
]
ContactResult = Literal[
    "promise_to_pay",
    "plan_proposed",
    "paid_already",
    "callback_scheduled",
    "escalate",
    "no_result",
]
Language = Literal["zh_CN", "en"]
PromiseStatus = Literal["pending", "kept", "broken"]
PlanStatus = Literal[
    "draft", "pending_approval", "approved", "rejected", "active", "kept", "broken"
]
PlanKind = Literal["catch_up", "restructure", "settlement"]
InstallmentState = Literal["paid", "partly_paid", "overdue", "due", "future"]


class Phone(ApiModel):
    id: str
    number_masked: str
    owner: PhoneOwner
    relation: str | None = None  # e.g. "spouse", "colleague" for related/emergency
    name: str | None = None  # contact person's name for related/emergency numbers
    timezone: str = DEFAULT_LENDER_TIMEZONE


class Vehicle(ApiModel):
    brand: str
    model: str
    plate: str
    vin_masked: str
    year: int


class BorrowerData(ApiModel):
    id: str
    name: str
    id_number_masked: str
    gender: Literal["M", "F"] | None = None
    birth_date: date | None = None
    address: str
    employer: str | None = None
    timezone: str = DEFAULT_LENDER_TIMEZONE
    phones: list[Phone]
    bank_card_masked: str | None = None
    risk_segment: Literal["low", "medium", "high"] = "medium"
    language: Language = "zh_CN"  # the borrower's language: call script, agreement


class InstallmentData(ApiModel):
    n: int
    due_date: date
    payment: Fen
    principal: Fen
    interest: Fen
    paid_principal: Fen = 0
    paid_interest: Fen = 0
    paid_penalty: Fen = 0
    paid_fees: Fen = 0
    penalty: Fen = 0  # accrued penalty interest as of the last overdue run
    fees: Fen = 0
    state: InstallmentState
    paid_on: date | None = None


class PaymentData(ApiModel):
    id: str
    paid_on: date
    amount: Fen
    channel: str = "bank_transfer"
    reference: str | None = None


class RiskFactorData(ApiModel):
    """One of the loan's top risk factors (app.domain.risk.top_factors)."""

    code: str = Field(description="feature code, e.g. 'max_dpd_12m'")
    label_zh: str
    label_en: str
    weight: float = Field(description="contribution to the log-odds; > 0 raises the risk")


class LoanRiskData(ApiModel):
    """The loan's latest default-risk score (`risk score`): probability, segment, factors."""

    score: float = Field(description="probability of reaching 30+ DPD within the horizon")
    segment: Literal["low", "medium", "high"]
    factors: list[RiskFactorData] = Field(default_factory=list)
    model_version: int


class LoanData(ApiModel):
    id: str
    borrower_id: str
    contract_no: str
    product: str
    method: Literal["equal_installment", "equal_principal"]
    principal: Fen
    annual_rate: str = Field(description="decimal string, e.g. '0.0600'")
    term_months: int
    disbursed_on: date
    first_due_date: date
    vehicle: Vehicle
    installments: list[InstallmentData]
    payments: list[PaymentData]
    outstanding_principal: Fen
    written_off: bool = False
    extensions_months: int = Field(
        default=0, ge=0, description="months of term extension (展期) already granted"
    )
    risk: LoanRiskData | None = None  # None until a risk model has scored the loan


class PlanReturnData(ApiModel):
    """Why a case is back in collection: the agreed plan that broke (issue 14)."""

    plan_id: str
    kind: PlanKind
    broken_on: date | None = Field(default=None, description="the run that found it broken")
    due_date: date | None = Field(default=None, description="the earliest payment missed")
    shortfall: Fen = Field(default=0, description="short of what was due by its deadline")


class CaseData(ApiModel):
    id: str
    loan_id: str
    borrower_id: str
    status: CaseStatus
    assigned_to: str | None  # username
    team: str | None
    dpd: int
    bucket: Bucket
    overdue_principal: Fen
    overdue_interest: Fen
    overdue_penalty: Fen
    overdue_fees: Fen
    overdue_total: Fen
    priority: int = Field(description="higher = call sooner")
    flags: list[CaseFlag] = Field(default_factory=list)
    debtor_unreachable: bool = False
    opened_on: date
    closed_on: date | None = None
    last_contact_at: datetime | None = None
    next_action_at: datetime | None = None
    next_action_kind: Literal["promise_due", "callback", "broken_promise", "none"] = "none"
    version: int = Field(description="version of the editable fields (flags, debtor_unreachable)")
    kind: CaseKind = Field(
        default="collection",
        description="'care': an early-warning call on a current loan whose risk is high",
    )
    plan_return: PlanReturnData | None = Field(
        default=None,
        description="the broken plan that returned the case to collection, if any",
    )
    plan_quiet: bool = Field(
        default=False,
        description="off the calling queue today: a catch-up plan performs, no due date near",
    )


class ContactAttemptData(ApiModel):
    id: str
    case_id: str
    agent: str
    phone_id: str | None
    channel: Channel
    disposition: Disposition
    reason: NonPaymentReason | None = None
    result: ContactResult | None = None
    started_at: datetime
    duration_s: int = 0
    recording_ref: str | None = None
    policy_violation: str | None = None  # set by the server when the contact broke the policy
    override_reason: str | None = None  # a lead dialled despite the block, and why
    # dialled through the server: provisional / answered / ended / completed / no_outcome
    dial_state: str | None = None


class NoteData(ApiModel):
    id: str
    case_id: str
    author: str
    text: str
    disposition: Disposition | None = None
    next_action_on: date | None = None
    amends: str | None = None  # id of the note this one corrects
    contact_id: str | None = None  # the contact attempt this note wraps up
    banned_phrases: list[str] = Field(default_factory=list)  # found by the server's check
    created_at: datetime


class PromiseData(ApiModel):
    id: str
    case_id: str
    agent: str
    amount: Fen
    promised_on: date
    created_at: datetime
    status: PromiseStatus = "pending"


class PlanLineData(ApiModel):
    n: int
    due_date: date
    amount: Fen


class PlanData(ApiModel):
    id: str
    case_id: str
    author: str
    kind: PlanKind
    status: PlanStatus
    down_payment: Fen
    lines: list[PlanLineData]
    waived_penalty: Fen = 0
    waived_fees: Fen = 0
    waived_interest: Fen = 0
    violations: list[str] = Field(default_factory=list)
    approved_by: str | None = None  # who decided (approved or rejected)
    created_at: datetime
    # the terms as proposed, the total to pay, the decision's note and when the daily run
    # last moved the status (active / kept / broken)
    payments: int = 1
    frequency: Literal["monthly", "biweekly", "weekly"] = "monthly"
    first_date: date | None = None
    new_term_months: int | None = None
    total: Fen = 0
    decided_at: datetime | None = None
    decision_note: str | None = None  # the approver's comment (required to reject)
    evaluated_on: date | None = None
    # a restructure booked onto the loan (its lines are the loan's schedule) and, for a
    # broken plan, the earliest payment missed and what was short by its deadline
    booked_on: date | None = None
    broken_due: date | None = None
    broken_short: Fen | None = None


class CallbackData(ApiModel):
    id: str
    case_id: str
    agent: str
    due_at: datetime
    note: str | None = None
    done: bool = False
    # when it was scheduled: a callback scheduled after a promise broke follows it up
    # (app.domain.next_action); None from servers before issue 16
    created_at: datetime | None = None

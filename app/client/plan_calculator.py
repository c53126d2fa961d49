"""The desk's repayment-plan calculator: the agent's form in, the plan and its issues out.

Pure (no Qt, no store, no clock): `PlanCalculator(detail, today=..., role=...)` takes the
case's live figures once (app.domain.plan_inputs, the same function the server uses, on the
figures the sync feed carries) and `calculate(form)` answers a `PlanOutcome` per keystroke:
the lines, the totals, what the borrower saves, and every issue mapped to the FORM FIELD it
concerns, in Chinese and English:

- input errors (a negative or too large amount, a count or date out of range, a waiver above
  what is owed, a down payment that pays everything...) — the plan is not calculated;
- broken plan rules (app.domain.plan_checks codes), e.g. `first_date_too_late` on
  `first_date`, `extension_limit` on `new_term_months`;
- authority rules (`authority_*`): not blocking — the plan can be sent for approval.

`ok` means nothing blocks: within authority it can be offered, beyond it (`needs_approval`)
sent for approval. Form fields: see `FIELDS`; issues that concern no single field use
`GENERAL`. Amounts are integer fen; `parse_amount` turns typed yuan into fen exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from app.client.lender_zone import today as lender_today
from app.client.plan_messages import (
    FREQUENCIES,
    GENERAL,
    KINDS,
    FieldIssue,
    input_issues,
    violation_field,
)
from app.client.views import CaseDetail
from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.plan_inputs import (
    LoanFigures,
    PlanTerms,
    ScheduledInstallment,
    cost_without_plan,
    loan_figures,
    plan_input,
)
from app.domain.plan_types import Arrears, Waivers
from app.domain.plans import calculate_plan
from app.domain.schedules import MAX_PRINCIPAL_FEN

__all__ = [
    "FIELDS",
    "FREQUENCIES",
    "GENERAL",
    "KINDS",
    "AmountError",
    "FieldIssue",
    "PlanCalculator",
    "PlanForm",
    "PlanOutcome",
    "PlanRefused",
    "calculate",
    "case_figures",
    "default_form",
    "lender_today",
    "parse_amount",
]

FIELDS = (
    "kind",
    "down_payment",
    "payments",
    "new_term_months",
    "frequency",
    "first_date",
    "waive_penalty",
    "waive_fees",
    "waive_interest",
)
DEFAULT_FIRST_DAYS = 7  # a week to arrange the first payment (rules allow 15 days)
DEFAULT_PAYMENTS = 3


class PlanRefused(DomainError):
    """An invalid plan was not saved; `issues` holds every field's problem."""

    def __init__(self, issues: tuple[FieldIssue, ...]) -> None:
        self.issues = issues
        first = next((i for i in issues if i.blocking), None)
        super().__init__(
            first.field if first else GENERAL, first.message_en if first else "invalid plan"
        )


@dataclass(frozen=True, slots=True)
class PlanForm:
    """What the agent typed (amounts in integer fen). `payments` counts catch-up payments;
    a restructure uses `new_term_months`; a settlement is one payment."""

    kind: str
    first_date: date
    down_payment_fen: int = 0
    payments: int = DEFAULT_PAYMENTS
    frequency: str = "monthly"
    new_term_months: int | None = None
    waive_penalty_fen: int = 0
    waive_fees_fen: int = 0
    waive_interest_fen: int = 0

    def payment_count(self) -> int:
        """The wire's `payments`: the new term for a restructure, 1 for a settlement."""
        if self.kind == "restructure" and self.new_term_months is not None:
            return self.new_term_months
        return 1 if self.kind == "settlement" else self.payments

    def payload(self, *, created_at: datetime) -> dict[str, Any]:
        """The `plan.propose` payload (app.protocol.sync.PlanPayload fields)."""
        return {
            "kind": self.kind,
            "down_payment": self.down_payment_fen,
            "payments": self.payment_count(),
            "frequency": self.frequency,
            "first_date": self.first_date,
            "waive_penalty": self.waive_penalty_fen,
            "waive_fees": self.waive_fees_fen,
            "waive_interest": self.waive_interest_fen,
            "new_term_months": self.new_term_months if self.kind == "restructure" else None,
            "created_at": created_at.astimezone(UTC),
        }


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """The calculated plan for a form. Lines are (n, due_date, amount_fen, interest_fen);
    n = 0 is the down payment. `owed_fen` is what the plan covers before waivers,
    `savings_fen` what the borrower pays less than without the plan (waivers, and for a
    settlement or restructure the scheduled interest it replaces; negative when a longer
    restructure costs more interest)."""

    form: PlanForm
    lines: tuple[tuple[int, date, int, int], ...] = ()
    owed_fen: int = 0
    waived_fen: int = 0
    amount_due_fen: int = 0
    total_payment_fen: int = 0
    new_interest_fen: int = 0
    savings_fen: int = 0
    new_principal_fen: int | None = None
    extension_months: int = 0
    issues: tuple[FieldIssue, ...] = ()
    needs_approval: bool = False
    calculated: bool = False

    @property
    def ok(self) -> bool:
        """Calculated and nothing blocks: it can be offered or sent for approval."""
        return self.calculated and not any(i.blocking for i in self.issues)

    def issues_for(self, field: str) -> tuple[FieldIssue, ...]:
        return tuple(i for i in self.issues if i.field == field)

    def status(self) -> str:
        """The status a proposal of this plan gets: pending_approval or approved."""
        return "pending_approval" if self.needs_approval else "approved"

    def local_extra(self) -> dict[str, Any]:
        """What the local plan row adds to the payload (the PlanData fields the server sets)."""
        return {
            "status": self.status(),
            "down_payment": self.form.down_payment_fen,
            "lines": [
                {"n": n, "due_date": d.isoformat(), "amount": a} for n, d, a, _i in self.lines
            ],
            "waived_penalty": self.form.waive_penalty_fen,
            "waived_fees": self.form.waive_fees_fen,
            "waived_interest": self.form.waive_interest_fen,
            "violations": [i.code for i in self.issues],
            "approved_by": None,
            "total": self.total_payment_fen,
            "decision_note": None,
            "evaluated_on": None,
        }


def case_figures(detail: CaseDetail, *, today: date) -> LoanFigures:
    """The case's live figures (desk side of app.domain.plan_inputs)."""
    o, loan = detail.overdue, detail.loan
    return loan_figures(
        arrears=Arrears(
            principal=Money(o.principal_fen),
            interest=Money(o.interest_fen),
            penalty=Money(o.penalty_fen),
            fees=Money(o.fees_fen),
        ),
        installments=[
            ScheduledInstallment(
                n=i.n,
                due_date=i.due_date,
                principal=i.principal_fen,
                interest=i.interest_fen,
                paid_principal=i.paid_principal_fen,
                paid_interest=i.paid_interest_fen,
            )
            for i in detail.installments
        ],
        today=today,
        annual_rate=Decimal(loan.annual_rate or "0"),
        term_months=loan.term_months,
        extensions_months=loan.extensions_months,
        method=loan.method,
    )


class PlanCalculator:
    """A case's figures taken once; `calculate(form)` per keystroke (see module docstring)."""

    def __init__(self, detail: CaseDetail, *, today: date, role: str) -> None:
        self.detail = detail
        self.today = today
        self.role = role
        self.figures = case_figures(detail, today=today)

    def default_form(self, kind: str = "catch_up") -> PlanForm:
        """A sensible start: first payment in a week, 3 catch-up payments, the remaining term
        for a restructure, no down payment, no waivers."""
        term = self.figures.remaining_term_months or 12
        return PlanForm(
            kind=kind,
            first_date=self.today + timedelta(days=DEFAULT_FIRST_DAYS),
            payments=1 if kind == "settlement" else DEFAULT_PAYMENTS,
            new_term_months=term if kind == "restructure" else None,
        )

    def calculate(self, form: PlanForm) -> PlanOutcome:
        issues = input_issues(form, self.figures)
        if issues:
            return PlanOutcome(form=form, issues=issues)
        terms = PlanTerms(
            kind=form.kind,
            first_date=form.first_date,
            down_payment=Money(form.down_payment_fen),
            payments=form.payment_count(),
            frequency=form.frequency,
            waivers=Waivers(
                penalty=Money(form.waive_penalty_fen),
                fees=Money(form.waive_fees_fen),
                interest=Money(form.waive_interest_fen),
            ),
            new_term_months=form.new_term_months if form.kind == "restructure" else None,
        )
        try:
            result = calculate_plan(
                plan_input(self.figures, terms, today=self.today), role=self.role
            )
        except DomainError as exc:  # a rule the form checks above did not foresee
            field = _domain_field(exc.field)
            issue = FieldIssue(field, "invalid", f"输入无效:{exc.reason}", exc.reason)
            return PlanOutcome(form=form, issues=(issue,))
        found = tuple(
            FieldIssue(
                violation_field(v.code, form, result.lines),
                v.code,
                v.message_zh,
                v.message_en,
                blocking=not v.is_authority,
            )
            for v in result.violations
        )
        owed = result.amount_due.fen + result.waived.total.fen
        cost = cost_without_plan(self.figures, form.kind).fen
        return PlanOutcome(
            form=form,
            lines=tuple((ln.n, ln.due_date, ln.amount.fen, ln.interest.fen) for ln in result.lines),
            owed_fen=owed,
            waived_fen=result.waived.total.fen,
            amount_due_fen=result.amount_due.fen,
            total_payment_fen=result.total_payment.fen,
            new_interest_fen=result.total_interest.fen,
            savings_fen=cost - result.total_payment.fen,
            new_principal_fen=None if result.new_principal is None else result.new_principal.fen,
            extension_months=result.extension_months,
            issues=found,
            needs_approval=result.needs_approval,
            calculated=True,
        )


def default_form(detail: CaseDetail, today: date, kind: str = "catch_up") -> PlanForm:
    """The form a case's plan starts from (see PlanCalculator.default_form)."""
    return PlanCalculator(detail, today=today, role="agent").default_form(kind)


def calculate(detail: CaseDetail, form: PlanForm, *, role: str, today: date) -> PlanOutcome:
    """One calculation (the panel keeps a PlanCalculator to take the figures only once)."""
    return PlanCalculator(detail, today=today, role=role).calculate(form)


_DOMAIN_FIELDS = {
    "waivers.penalty": "waive_penalty",
    "waivers.fees": "waive_fees",
    "waivers.interest": "waive_interest",
    "months": "new_term_months",
}


def _domain_field(name: str) -> str:
    if name in FIELDS:
        return name
    return _DOMAIN_FIELDS.get(name, GENERAL)


class AmountError(ValueError):
    """Typed text that is not an amount of yuan; carries the message in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code, self.message_zh, self.message_en = code, message_zh, message_en


def parse_amount(text: str) -> int:
    """Typed yuan ("1,234.50", "¥300", "" for none) as integer fen, exactly (Decimal, at
    most two decimals, never a float); AmountError otherwise."""
    raw = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    raw = raw.lstrip("¥￥")
    if not raw:
        return 0
    if len(raw) > 20:
        raise AmountError("too_large", "金额过大", "the amount is too large")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise AmountError("not_amount", "不是有效金额", "not an amount") from None
    if not value.is_finite():
        raise AmountError("not_amount", "不是有效金额", "not an amount")
    if value < 0:
        raise AmountError("negative", "金额不能为负数", "the amount must not be negative")
    fen = value * 100
    if fen != fen.to_integral_value():
        raise AmountError("decimals", "金额最多两位小数", "at most two decimal places")
    if fen > MAX_PRINCIPAL_FEN:
        raise AmountError("too_large", "金额过大", "the amount is too large")
    return int(fen)


def with_amount(form: PlanForm, field: str, fen: int) -> PlanForm:
    """The form with one money field set (field names as in FIELDS)."""
    changes: dict[str, Any] = {f"{field}_fen": fen}
    return replace(form, **changes)

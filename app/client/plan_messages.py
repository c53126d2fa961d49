"""The plan form's own checks (input errors, zh/en) and which field each plan rule concerns.

Input errors are what the calculator cannot compute from (a negative or too large amount, a
count or date out of range, a waiver above what is owed, a down payment that pays it all);
they mirror the domain calculator's DomainErrors and the wire model's bounds
(app.protocol.sync.PlanPayload), so the desk refuses exactly what the server would, in words,
next to the field. Plan rules (app.domain.plan_checks codes) are mapped to the field the
agent changes to fix them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.domain.money import Money
from app.domain.plan_inputs import LoanFigures
from app.domain.plan_types import PlanLine, PlanRules
from app.domain.plans import MAX_PLAN_PAYMENTS
from app.domain.schedules import MAX_MONTHS, MAX_PRINCIPAL_FEN, MAX_YEAR, MIN_MONTHS, MIN_YEAR

if TYPE_CHECKING:
    from app.client.plan_calculator import PlanForm

KINDS = ("catch_up", "restructure", "settlement")
FREQUENCIES = ("monthly", "biweekly", "weekly")
GENERAL = "form"  # issues that concern no single field


@dataclass(frozen=True, slots=True)
class FieldIssue:
    """One problem with the form, for the field it concerns; `blocking` unless it only
    needs a higher authority's approval."""

    field: str
    code: str
    message_zh: str
    message_en: str
    blocking: bool = True

    def message(self, language: str) -> str:
        return self.message_zh if language.startswith("zh") else self.message_en


_MONEY_FIELDS = ("down_payment", "waive_penalty", "waive_fees", "waive_interest")
_ZH_COMPONENT = {"penalty": "罚息", "fees": "费用", "interest": "利息"}
_MIN_PAYMENT = PlanRules().min_payment


def _issue(field: str, code: str, zh: str, en: str) -> FieldIssue:
    return FieldIssue(field, code, zh, en)


def _count(value: object, field: str, low: int, high: int, what_zh: str) -> list[FieldIssue]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [_issue(field, "not_number", f"{what_zh}须为整数", "must be a whole number")]
    if not low <= value <= high:
        return [
            _issue(
                field,
                "out_of_range",
                f"{what_zh}须在 {low} 到 {high} 之间(当前 {value})",
                f"must be between {low} and {high} (it is {value})",
            )
        ]
    return []


def _money(form: PlanForm, name: str) -> list[FieldIssue]:
    value = getattr(form, f"{name}_fen")
    if isinstance(value, bool) or not isinstance(value, int):
        return [_issue(name, "not_amount", "不是有效金额", "not an amount")]
    if value < 0:
        return [_issue(name, "negative", "金额不能为负数", "the amount must not be negative")]
    if value > MAX_PRINCIPAL_FEN:
        return [_issue(name, "too_large", "金额过大", "the amount is too large")]
    return []


def _first_date(value: object) -> list[FieldIssue]:
    if not isinstance(value, date) or isinstance(value, datetime):
        return [_issue("first_date", "not_date", "不是有效日期", "not a date")]
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return [
            _issue(
                "first_date",
                "date_out_of_range",
                f"日期 {value.isoformat()} 超出范围({MIN_YEAR}–{MAX_YEAR} 年)",
                f"the date {value.isoformat()} is out of range ({MIN_YEAR}–{MAX_YEAR})",
            )
        ]
    return []


def input_issues(form: PlanForm, figures: LoanFigures) -> tuple[FieldIssue, ...]:
    """Every input error of the form (empty when the calculator can run)."""
    out: list[FieldIssue] = []
    if form.kind not in KINDS:
        out.append(_issue("kind", "unknown_kind", "未知的方案类型", "unknown plan type"))
    if form.frequency not in FREQUENCIES:
        out.append(_issue("frequency", "unknown_frequency", "未知的还款频率", "unknown frequency"))
    for name in _MONEY_FIELDS:
        out += _money(form, name)
    if form.kind == "catch_up":
        out += _count(form.payments, "payments", 1, MAX_PLAN_PAYMENTS, "还款期数")
    if form.kind == "restructure":
        if form.new_term_months is None:
            out.append(_issue("new_term_months", "required", "请填写新期限", "enter the new term"))
        else:
            out += _count(
                form.new_term_months, "new_term_months", MIN_MONTHS, MAX_MONTHS, "新期限(月)"
            )
    out += _first_date(form.first_date)
    if out:
        return tuple(out)
    arrears = figures.arrears
    for name in ("penalty", "fees", "interest"):
        waived: int = getattr(form, f"waive_{name}_fen")
        owed: Money = getattr(arrears, name)
        if waived > owed.fen:
            out.append(
                _issue(
                    f"waive_{name}",
                    "waiver_exceeds",
                    f"减免{_ZH_COMPONENT[name]}超过应付{_ZH_COMPONENT[name]} {owed}",
                    f"the waiver exceeds the {name} owed ({owed})",
                )
            )
    if out:
        return tuple(out)
    owed_total = arrears.total.fen
    if form.kind != "catch_up":
        owed_total += figures.remaining_principal.fen
    waived_total = form.waive_penalty_fen + form.waive_fees_fen + form.waive_interest_fen
    due = owed_total - waived_total
    if due <= 0:
        return (
            _issue(
                _largest_waiver(form),
                "nothing_left",
                "减免后已无应还金额",
                "nothing is left to pay after the waivers",
            ),
        )
    down = form.down_payment_fen
    if form.kind == "settlement" and down:
        out.append(
            _issue(
                "down_payment",
                "settlement_down_payment",
                "一次性结清不设首付",
                "a settlement is one lump sum; no down payment",
            )
        )
    elif form.kind != "settlement" and down >= due:
        out.append(
            _issue(
                "down_payment",
                "down_payment_too_large",
                f"首付须少于应还金额 {Money(due)}",
                f"the down payment must be less than the amount due ({Money(due)})",
            )
        )
    return tuple(out)


def _largest_waiver(form: PlanForm) -> str:
    amounts = {
        "waive_penalty": form.waive_penalty_fen,
        "waive_fees": form.waive_fees_fen,
        "waive_interest": form.waive_interest_fen,
    }
    return max(amounts, key=lambda k: amounts[k])


_RULE_FIELDS = {
    "first_date_in_past": "first_date",
    "first_date_too_late": "first_date",
    "settlement_lump_sum": "payments",
    "restructure_monthly": "frequency",
    "extension_limit": "new_term_months",
    "authority_penalty": "waive_penalty",
    "authority_fees": "waive_fees",
    "authority_interest": "waive_interest",
}


def violation_field(code: str, form: PlanForm, lines: Sequence[PlanLine]) -> str:
    """The form field a broken plan rule concerns (GENERAL when none does)."""
    count_field = "new_term_months" if form.kind == "restructure" else "payments"
    if code == "min_payment":
        low_down = any(ln.n == 0 and ln.amount.fen < _MIN_PAYMENT.fen for ln in lines)
        low_plan = any(ln.n > 0 and ln.amount.fen < _MIN_PAYMENT.fen for ln in lines)
        return "down_payment" if low_down and not low_plan else count_field
    if code == "max_payments":
        return count_field
    return _RULE_FIELDS.get(code, GENERAL)

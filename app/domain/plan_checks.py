"""Plan rules: each check returns the violations it finds, in Chinese and English.

Codes are stable (the UI and server key on them): min_payment, max_payments,
first_date_in_past, first_date_too_late, settlement_lump_sum, restructure_monthly,
extension_limit, authority_principal, authority_interest, authority_penalty, authority_fees.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.domain.money import Money
from app.domain.plan_types import (
    COMPONENTS,
    Arrears,
    AuthorityLimits,
    PlanLine,
    PlanRules,
    Role,
    Violation,
    Waivers,
)

_ZH_COMPONENT = {"principal": "本金", "interest": "利息", "penalty": "罚息", "fees": "费用"}
_EN_ROLE = {Role.AGENT: "an agent", Role.TEAM_LEAD: "a team lead", Role.ADMIN: "an admin"}
_ZH_ROLE = {Role.AGENT: "催收员", Role.TEAM_LEAD: "组长", Role.ADMIN: "管理员"}


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def check_min_payment(lines: Sequence[PlanLine], rules: PlanRules) -> list[Violation]:
    """Every payment must be at least the minimum, unless one line pays a smaller total."""
    minimum = rules.min_payment
    if len(lines) == 1:
        return []  # a single payment of everything owed is always acceptable
    small = [line for line in lines if line.amount.fen < minimum.fen]
    if not small:
        return []
    worst = min(small, key=lambda line: line.amount.fen)
    return [
        Violation(
            "min_payment",
            f"{len(small)} 笔还款低于最低还款额 {minimum}(最低一笔 {worst.amount})",
            f"{len(small)} payment(s) below the minimum of {minimum} (lowest {worst.amount})",
        )
    ]


def check_count(count: int, maximum: int, what_zh: str, what_en: str) -> list[Violation]:
    """At most `maximum` plan payments."""
    if count <= maximum:
        return []
    return [
        Violation(
            "max_payments",
            f"{what_zh} {count} 期,超过上限 {maximum} 期",
            f"{count} {what_en} exceed the maximum of {maximum}",
        )
    ]


def check_first_date(first: date, today: date, rules: PlanRules) -> list[Violation]:
    """The first payment falls between today and today + N days."""
    days = (first - today).days
    window = rules.first_payment_within_days
    if days < 0:
        return [
            Violation(
                "first_date_in_past",
                f"首次还款日 {first.isoformat()} 早于今天 {today.isoformat()}",
                f"first payment date {first.isoformat()} is before today {today.isoformat()}",
            )
        ]
    if days > window:
        return [
            Violation(
                "first_date_too_late",
                f"首次还款日须在 {window} 天内(当前为 {days} 天后)",
                f"first payment must be within {window} days of today (it is {days} days away)",
            )
        ]
    return []


def extension_limit(original_term_months: int, rules: PlanRules) -> int:
    """Maximum cumulative 展期 in months for a loan of this original term (贷款通则 Art. 12)."""
    if original_term_months <= rules.short_term_max_months:
        return original_term_months
    if original_term_months <= rules.medium_term_max_months:
        return original_term_months // 2
    return rules.long_term_extension_cap_months


def check_extension(
    *, original_term: int, already: int, this_plan: int, rules: PlanRules
) -> list[Violation]:
    """Cumulative extension (earlier ones plus this plan) within the Art. 12 limit."""
    limit = extension_limit(original_term, rules)
    total = already + this_plan
    if total <= limit:
        return []
    return [
        Violation(
            "extension_limit",
            f"累计展期 {total} 个月(本次 {this_plan} 个月,此前 {already} 个月),"
            f"超过《贷款通则》第十二条对原期限 {original_term} 个月贷款的上限 {limit} 个月",
            f"cumulative extension of {total} months ({this_plan} now, {already} before) exceeds "
            f"the limit of {limit} months for a {original_term}-month loan (贷款通则 Art. 12)",
        )
    ]


def _share_allowed(waived: int, owed: int, share: Decimal) -> bool:
    if waived == 0:
        return True
    # waived / owed <= share, in exact integer/Decimal arithmetic
    return Decimal(waived) <= share * Decimal(owed)


def check_authority(
    role: Role, limits: AuthorityLimits, waivers: Waivers, owed: Arrears
) -> list[Violation]:
    """Waivers within the role's limits; each breach is one authority_* violation."""
    out: list[Violation] = []
    for name in COMPONENTS:
        waived: Money = getattr(waivers, name)
        base: Money = getattr(owed, name)
        share: Decimal = getattr(limits, name)
        if _share_allowed(waived.fen, base.fen, share):
            continue
        zh_c, zh_r = _ZH_COMPONENT[name], _ZH_ROLE[role]
        if share == 0:
            zh = f"{zh_r}无权减免{zh_c}(拟减免 {waived}),需上级审批"
            en = f"{_EN_ROLE[role]} may not waive {name} (proposed {waived}); needs approval"
        else:
            zh = f"{zh_r}最多可减免{zh_c}的 {_pct(share)}(拟减免 {waived} / {base}),需上级审批"
            en = (
                f"{_EN_ROLE[role]} may waive at most {_pct(share)} of {name} "
                f"(proposed {waived} of {base}); needs approval"
            )
        out.append(Violation(f"authority_{name}", zh, en))
    return out


def lump_sum_violation(payments: int) -> list[Violation]:
    """A settlement is one payment."""
    if payments == 1:
        return []
    return [
        Violation(
            "settlement_lump_sum",
            f"一次性结清只能一笔还款(当前 {payments} 笔)",
            f"a settlement is a single lump sum ({payments} payments requested)",
        )
    ]


def monthly_violation(frequency: str) -> list[Violation]:
    """A restructure is re-amortised monthly."""
    if frequency == "monthly":
        return []
    return [
        Violation(
            "restructure_monthly",
            "展期/重组按月还款,不支持按周或双周",
            f"a restructure is repaid monthly, not {frequency}",
        )
    ]

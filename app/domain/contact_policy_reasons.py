"""The reasons a contact can be blocked, with their Chinese and English messages."""

from __future__ import annotations

from datetime import time

from app.domain.contact_policy_types import LocalWindow, Reason

_FLAG_NAMES: dict[str, tuple[str, str]] = {
    "do_not_call": ("勿扰（禁止致电）", "do not call"),
    "cease": ("要求停止联系", "cease communication"),
    "dispute": ("债务争议", "dispute"),
    "hardship": ("困难救助", "hardship"),
    "complaint": ("投诉处理中", "complaint"),
    "legal_hold": ("法律冻结", "legal hold"),
}


def _hm(t: time) -> str:
    return t.strftime("%H:%M")


def flag(name: str) -> Reason:
    """A case flag stops dialing."""
    zh, en = _FLAG_NAMES.get(name, (name, name.replace("_", " ")))
    return Reason(
        f"flag_{name}",
        f"案件标记为“{zh}”，停止拨打",
        f"The case is flagged '{en}': dialing is stopped",
    )


def third_party_forbidden(owner: str) -> Reason:
    """Calling this kind of number is never allowed."""
    return Reason(
        "third_party_forbidden",
        "不得联系与债务无关的第三方" if owner == "unrelated" else "本策略不允许联系该第三方号码",
        "Unrelated persons are off limits"
        if owner == "unrelated"
        else f"This policy does not allow calling a {owner} number",
    )


def third_party_needs_unreachable(owner: str) -> Reason:
    """Third-party numbers only after 'debtor unreachable' was logged."""
    zh = "紧急联系人" if owner == "emergency" else "关联人"
    return Reason(
        "third_party_requires_unreachable",
        f"只有在登记“债务人失联”后才可联系{zh}，且不得透露债务信息",
        f"A {owner} contact may be called only after 'debtor unreachable' was logged"
        " (and must not be told about the debt)",
    )


def outside_window(window: LocalWindow, local_hm: str) -> Reason:
    """Outside the allowed calling hours in the borrower's zone."""
    span = f"{_hm(window.start)}–{_hm(window.end)}"
    return Reason(
        "outside_call_window",
        f"借款人当地时间 {local_hm}，不在允许联系的时段 {span} 内",
        f"It is {local_hm} at the borrower's location, outside the calling hours {span}",
    )


def inconvenient(local_hm: str) -> Reason:
    """The borrower said this time is inconvenient."""
    return Reason(
        "inconvenient_time",
        f"借款人表示当地时间 {local_hm} 不方便接听",
        f"The borrower said {local_hm} (local) is an inconvenient time",
    )


def connected_limit(count: int, limit: int) -> Reason:
    """Too many connected calls today (all agents together)."""
    return Reason(
        "daily_connected_limit",
        f"今日（借款人当地日期）已接通 {count} 次，每日上限 {limit} 次",
        f"{count} connected calls today (borrower's date); the daily limit is {limit}",
    )


def unanswered_limit(count: int, limit: int) -> Reason:
    """Too many unanswered attempts to this number today."""
    return Reason(
        "daily_unanswered_limit",
        f"该号码今日未接通 {count} 次，每日上限 {limit} 次",
        f"{count} unanswered attempts to this number today; the daily limit is {limit}",
    )


def attempts_limit(count: int, limit: int, days: int) -> Reason:
    """Too many call attempts on this debt within the rolling period."""
    return Reason(
        "attempts_in_period_limit",
        f"近 {days} 天内已拨打 {count} 次，上限 {limit} 次",
        f"{count} call attempts within {days} consecutive days; the limit is {limit}",
    )


def recent_conversation(days: int) -> Reason:
    """A telephone conversation about the debt took place recently."""
    return Reason(
        "recent_conversation",
        f"{days} 天内已与借款人就该债务通话，暂不得再次致电",
        f"A telephone conversation about this debt took place within the last {days} days",
    )


def no_allowed_time() -> Reason:
    """No allowed instant exists within the search horizon (e.g. every hour inconvenient)."""
    return Reason(
        "no_allowed_time",
        "在可预见的时间内没有允许联系的时段",
        "No allowed calling time exists in the foreseeable future",
    )


#: Blocks no one may override at the desk: a flag must be lifted first (itself audited), and
#: unrelated persons are never called.
NON_OVERRIDABLE_CODES: frozenset[str] = frozenset({"third_party_forbidden"})


def can_override(codes: tuple[str, ...] | list[str]) -> bool:
    """Whether a team lead may dial despite these reason codes (with a reason, audited):
    time windows, daily limits and third-party rules yes; case flags and forbidden parties no."""
    return bool(codes) and not any(
        c.startswith("flag_") or c in NON_OVERRIDABLE_CODES for c in codes
    )

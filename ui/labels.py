"""Translated labels for the wire codes the desk shows (dispositions, states, flags...).

Each table is built on first use through QCoreApplication.translate so lupdate extracts the
strings; the language is fixed for a process (switching takes effect on restart).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


@cache
def dispositions() -> dict[str, str]:
    return {
        "right_party": _t("Right party"),
        "third_party": _t("Third party"),
        "no_answer": _t("No answer"),
        "busy": _t("Busy"),
        "voicemail": _t("Voicemail"),
        "wrong_number": _t("Wrong number"),
        "number_invalid": _t("Number invalid"),
        "refused": _t("Refused to talk"),
        "hung_up": _t("Hung up"),
    }


@cache
def installment_states() -> dict[str, str]:
    return {
        "paid": _t("Paid"),
        "partly_paid": _t("Partly paid"),
        "overdue": _t("Overdue"),
        "due": _t("Due"),
        "future": _t("Not yet due"),
    }


@cache
def flags() -> dict[str, str]:
    return {
        "do_not_call": _t("Do not call"),
        "cease": _t("Cease contact"),
        "dispute": _t("Dispute"),
        "hardship": _t("Hardship"),
        "complaint": _t("Complaint"),
        "legal_hold": _t("Legal hold"),
    }


@cache
def next_actions() -> dict[str, str]:
    return {
        "promise_due": _t("Promise due"),
        "callback": _t("Callback"),
        "broken_promise": _t("Broken promise"),
        "none": "",
    }


@cache
def phone_owners() -> dict[str, str]:
    return {
        "borrower": _t("Borrower"),
        "related": _t("Related party"),
        "emergency": _t("Emergency contact"),
    }


@cache
def risk_segments() -> dict[str, str]:
    return {"low": _t("Low"), "medium": _t("Medium"), "high": _t("High")}


@cache
def channels() -> dict[str, str]:
    return {
        "outbound_call": _t("Outbound call"),
        "inbound_call": _t("Inbound call"),
        "sms": _t("SMS"),
        "letter": _t("Letter"),
        "visit": _t("Visit"),
    }


@cache
def reasons() -> dict[str, str]:
    return {
        "temporary_hardship": _t("Temporary hardship"),
        "unemployment": _t("Unemployment"),
        "illness": _t("Illness"),
        "forgot": _t("Forgot"),
        "amount_dispute": _t("Disputes the amount"),
        "vehicle_problem": _t("Vehicle problem"),
        "vehicle_sold": _t("Vehicle sold"),
        "fraud_claim": _t("Fraud claim"),
        "refuses": _t("Refuses to pay"),
        "other": _t("Other"),
    }


@cache
def methods() -> dict[str, str]:
    return {
        "equal_installment": _t("Equal installment"),
        "equal_principal": _t("Equal principal"),
    }


@cache
def promise_states() -> dict[str, str]:
    return {"pending": _t("Pending"), "kept": _t("Kept"), "broken": _t("Broken")}


@cache
def case_statuses() -> dict[str, str]:
    return {"open": _t("Open"), "closed": _t("Closed"), "recovery": _t("Recovery")}


def clear_cache() -> None:
    """Forget the built tables (after the language changed in-process, e.g. screenshots)."""
    for fn in (
        dispositions,
        installment_states,
        flags,
        next_actions,
        phone_owners,
        risk_segments,
        channels,
        reasons,
        methods,
        promise_states,
        case_statuses,
    ):
        fn.cache_clear()


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label for `code`, the code itself when unknown, "" for None."""
    if code is None:
        return ""
    return table.get(code, code)

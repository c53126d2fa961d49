"""Translated labels for the wire codes the desk shows (dispositions, states, flags...).

Each table is built on first use through QCoreApplication.translate so lupdate extracts the
strings; a language switch calls `clear_cache` before the windows are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication

_TABLES: list[Any] = []


def _table(fn: Callable[[], dict[str, str]]) -> Callable[[], dict[str, str]]:
    """Cache a label table per process and register it for `clear_cache`."""
    cached = cache(fn)
    _TABLES.append(cached)
    return cached


@_table
def dispositions() -> dict[str, str]:
    return {
        "right_party": QCoreApplication.translate("Labels", "Right party"),
        "third_party": QCoreApplication.translate("Labels", "Third party"),
        "no_answer": QCoreApplication.translate("Labels", "No answer"),
        "busy": QCoreApplication.translate("Labels", "Busy"),
        "voicemail": QCoreApplication.translate("Labels", "Voicemail"),
        "wrong_number": QCoreApplication.translate("Labels", "Wrong number"),
        "number_invalid": QCoreApplication.translate("Labels", "Number invalid"),
        "refused": QCoreApplication.translate("Labels", "Refused to talk"),
        "hung_up": QCoreApplication.translate("Labels", "Hung up"),
    }


@_table
def installment_states() -> dict[str, str]:
    return {
        "paid": QCoreApplication.translate("Labels", "Paid"),
        "partly_paid": QCoreApplication.translate("Labels", "Partly paid"),
        "overdue": QCoreApplication.translate("Labels", "Overdue"),
        "due": QCoreApplication.translate("Labels", "Due"),
        "future": QCoreApplication.translate("Labels", "Upcoming"),
    }


@_table
def flags() -> dict[str, str]:
    return {
        "do_not_call": QCoreApplication.translate("Labels", "Do not call"),
        "cease": QCoreApplication.translate("Labels", "Cease contact"),
        "dispute": QCoreApplication.translate("Labels", "Dispute"),
        "hardship": QCoreApplication.translate("Labels", "Hardship"),
        "complaint": QCoreApplication.translate("Labels", "Complaint"),
        "legal_hold": QCoreApplication.translate("Labels", "Legal hold"),
    }


@_table
def next_actions() -> dict[str, str]:
    return {
        "promise_due": QCoreApplication.translate("Labels", "PTP due"),
        "callback": QCoreApplication.translate("Labels", "Callback"),
        "broken_promise": QCoreApplication.translate("Labels", "PTP broken"),
        "none": "",
    }


@_table
def phone_owners() -> dict[str, str]:
    return {
        "borrower": QCoreApplication.translate("Labels", "Borrower"),
        "related": QCoreApplication.translate("Labels", "Related party"),
        "emergency": QCoreApplication.translate("Labels", "Emergency contact"),
    }


@_table
def relations() -> dict[str, str]:
    return {
        "spouse": QCoreApplication.translate("Labels", "spouse"),
        "co_borrower": QCoreApplication.translate("Labels", "co-borrower"),
        "guarantor": QCoreApplication.translate("Labels", "guarantor"),
        "parent": QCoreApplication.translate("Labels", "parent"),
        "sibling": QCoreApplication.translate("Labels", "sibling"),
        "child": QCoreApplication.translate("Labels", "child"),
        "friend": QCoreApplication.translate("Labels", "friend"),
        "colleague": QCoreApplication.translate("Labels", "colleague"),
    }


@_table
def risk_segments() -> dict[str, str]:
    return {
        "low": QCoreApplication.translate("Labels", "Low"),
        "medium": QCoreApplication.translate("Labels", "Medium"),
        "high": QCoreApplication.translate("Labels", "High"),
    }


@_table
def channels() -> dict[str, str]:
    return {
        "outbound_call": QCoreApplication.translate("Labels", "Outbound call"),
        "inbound_call": QCoreApplication.translate("Labels", "Inbound call"),
        "sms": QCoreApplication.translate("Labels", "SMS"),
        "letter": QCoreApplication.translate("Labels", "Letter"),
        "visit": QCoreApplication.translate("Labels", "Visit"),
    }


@_table
def reasons() -> dict[str, str]:
    return {
        "temporary_hardship": QCoreApplication.translate("Labels", "Temporary hardship"),
        "unemployment": QCoreApplication.translate("Labels", "Unemployment"),
        "illness": QCoreApplication.translate("Labels", "Illness"),
        "forgot": QCoreApplication.translate("Labels", "Forgot"),
        "amount_dispute": QCoreApplication.translate("Labels", "Disputes the amount"),
        "vehicle_problem": QCoreApplication.translate("Labels", "Vehicle problem"),
        "vehicle_sold": QCoreApplication.translate("Labels", "Vehicle sold"),
        "fraud_claim": QCoreApplication.translate("Labels", "Fraud claim"),
        "refuses": QCoreApplication.translate("Labels", "Refuses to pay"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }


@_table
def payment_channels() -> dict[str, str]:
    return {
        "bank_transfer": QCoreApplication.translate("Labels", "Bank transfer"),
        "auto_debit": QCoreApplication.translate("Labels", "Auto debit"),
        "alipay": QCoreApplication.translate("Labels", "Alipay"),
        "wechat_pay": QCoreApplication.translate("Labels", "WeChat Pay"),
        "cash": QCoreApplication.translate("Labels", "Cash"),
        "online": QCoreApplication.translate("Labels", "Online"),
    }


@_table
def methods() -> dict[str, str]:
    return {
        "equal_installment": QCoreApplication.translate("Labels", "Equal installment"),
        "equal_principal": QCoreApplication.translate("Labels", "Equal principal"),
    }


@_table
def promise_states() -> dict[str, str]:
    return {
        "pending": QCoreApplication.translate("Labels", "Pending"),
        "kept": QCoreApplication.translate("Labels", "Kept"),
        "broken": QCoreApplication.translate("Labels", "Broken"),
    }


@_table
def case_statuses() -> dict[str, str]:
    return {
        "open": QCoreApplication.translate("Labels", "Open"),
        "closed": QCoreApplication.translate("Labels", "Closed"),
        "recovery": QCoreApplication.translate("Labels", "Recovery"),
    }


@_table
def results() -> dict[str, str]:
    return {
        "promise_to_pay": QCoreApplication.translate("Labels", "Promise to pay"),
        "plan_proposed": QCoreApplication.translate("Labels", "Plan proposed"),
        "paid_already": QCoreApplication.translate("Labels", "Says already paid (verify)"),
        "callback_scheduled": QCoreApplication.translate("Labels", "Callback scheduled"),
        "escalate": QCoreApplication.translate("Labels", "Escalate to team lead"),
        "no_result": QCoreApplication.translate("Labels", "No result"),
    }


@_table
def reveal_reasons() -> dict[str, str]:
    return {
        "verify_identity": QCoreApplication.translate("Labels", "Verify the borrower's identity"),
        "confirm_contact_number": QCoreApplication.translate(
            "Labels", "Confirm a contact number with the borrower"
        ),
        "payment_reconciliation": QCoreApplication.translate(
            "Labels", "Reconcile a payment with the bank"
        ),
        "complaint_or_dispute": QCoreApplication.translate(
            "Labels", "Handle a complaint or dispute"
        ),
        "legal_proceedings": QCoreApplication.translate("Labels", "Legal proceedings"),
        "other": QCoreApplication.translate("Labels", "Other (explain below)"),
    }


@_table
def quick_phrases() -> dict[str, str]:
    """Phrases the agent inserts into the note with one key (code -> text)."""
    return {
        "no_answer": QCoreApplication.translate("Labels", "Rang out, no answer."),
        "busy": QCoreApplication.translate("Labels", "Line busy."),
        "voicemail": QCoreApplication.translate("Labels", "Reached voicemail, no message left."),
        "promise": QCoreApplication.translate(
            "Labels", "Borrower confirmed the amount and date of the payment."
        ),
        "hardship": QCoreApplication.translate(
            "Labels", "Borrower explained a temporary hardship; offered an installment plan."
        ),
        "callback": QCoreApplication.translate(
            "Labels", "Borrower asked to be called back at the agreed time."
        ),
        "third_party": QCoreApplication.translate(
            "Labels", "A third party answered; left no details, asked for a callback."
        ),
        "dispute": QCoreApplication.translate(
            "Labels", "Borrower disputes the amount; recorded for review."
        ),
    }


def clear_cache() -> None:
    """Forget the built tables (after the language changed in-process, e.g. screenshots)."""
    for table in _TABLES:
        table.cache_clear()


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label for `code`, the code itself when unknown, "" for None."""
    if code is None:
        return ""
    return table.get(code, code)


@_table
def plan_kinds() -> dict[str, str]:
    return {
        "catch_up": QCoreApplication.translate("Labels", "Catch-up"),
        "restructure": QCoreApplication.translate("Labels", "Restructure (term extension)"),
        "settlement": QCoreApplication.translate("Labels", "Settlement"),
    }


@_table
def plan_statuses() -> dict[str, str]:
    return {
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "pending_approval": QCoreApplication.translate("Labels", "Pending approval"),
        "approved": QCoreApplication.translate("Labels", "Approved"),
        "rejected": QCoreApplication.translate("Labels", "Rejected"),
        "active": QCoreApplication.translate("Labels", "Active"),
        "kept": QCoreApplication.translate("Labels", "Kept"),
        "broken": QCoreApplication.translate("Labels", "Broken"),
    }


@_table
def frequencies() -> dict[str, str]:
    return {
        "monthly": QCoreApplication.translate("Labels", "Monthly"),
        "biweekly": QCoreApplication.translate("Labels", "Every two weeks"),
        "weekly": QCoreApplication.translate("Labels", "Weekly"),
    }


# --- the team console -------------------------------------------------------------------------


@_table
def periods() -> dict[str, str]:
    return {
        "today": QCoreApplication.translate("Labels", "Today"),
        "week": QCoreApplication.translate("Labels", "This week"),
        "month": QCoreApplication.translate("Labels", "This month"),
    }


@_table
def target_refusals() -> dict[str, str]:
    """Why the server refused an agent as the target of a reassignment."""
    return {
        "not_in_team": QCoreApplication.translate("Labels", "not in your team"),
        "unknown_agent": QCoreApplication.translate("Labels", "unknown agent"),
        "not_an_agent": QCoreApplication.translate("Labels", "not an agent"),
        "disabled": QCoreApplication.translate("Labels", "disabled"),
        "on_leave": QCoreApplication.translate("Labels", "on leave"),
    }


@_table
def audit_actions() -> dict[str, str]:
    """What an audit entry records, in words (codes the server writes)."""
    return {
        "case.view": QCoreApplication.translate("Labels", "Viewed a case"),
        "pii.reveal": QCoreApplication.translate("Labels", "Revealed a masked value"),
        "case.update": QCoreApplication.translate("Labels", "Changed a case"),
        "case.reassign": QCoreApplication.translate("Labels", "Reassigned a case"),
        "case.reassign_batch": QCoreApplication.translate("Labels", "Reassigned cases"),
        "plan.pending_approval": QCoreApplication.translate("Labels", "Sent a plan for approval"),
        "plan.approved": QCoreApplication.translate("Labels", "Agreed a plan"),
        "plan.approve": QCoreApplication.translate("Labels", "Approved a plan"),
        "plan.reject": QCoreApplication.translate("Labels", "Rejected a plan"),
        "agent.leave": QCoreApplication.translate("Labels", "Marked an agent on leave"),
        "agent.return": QCoreApplication.translate("Labels", "Marked an agent back"),
        "contact.dial": QCoreApplication.translate("Labels", "Dialled a number"),
        "contact.policy_override": QCoreApplication.translate(
            "Labels", "Overrode the contact policy"
        ),
        "contact.policy_override_dial": QCoreApplication.translate(
            "Labels", "Dialled despite the contact policy"
        ),
        "contact.policy_violation": QCoreApplication.translate(
            "Labels", "Contact against the contact policy"
        ),
        "contact.dial_refused": QCoreApplication.translate("Labels", "Dial refused"),
        "contact.dial_rate_limited": QCoreApplication.translate(
            "Labels", "Dial refused: too many in a short time"
        ),
        "pii.reveal_threshold": QCoreApplication.translate(
            "Labels", "Passed the daily reveal threshold"
        ),
        "export.team_cases": QCoreApplication.translate("Labels", "Exported the team's cases"),
        "export.agent_load": QCoreApplication.translate("Labels", "Exported the agents' load"),
        "export.approvals": QCoreApplication.translate("Labels", "Exported the approval queue"),
        "export.dashboard": QCoreApplication.translate("Labels", "Exported the dashboard"),
        "export.audit": QCoreApplication.translate("Labels", "Exported the audit log"),
        "export.agreement": QCoreApplication.translate("Labels", "Exported a plan agreement"),
        "import_loans": QCoreApplication.translate("Labels", "Imported loans"),
        "import_payments": QCoreApplication.translate("Labels", "Imported payments"),
        "overdue_run": QCoreApplication.translate("Labels", "Ran the daily overdue job"),
    }


@_table
def reveal_fields() -> dict[str, str]:
    """Which kind of personal information a reveal showed."""
    return {
        "id_number": QCoreApplication.translate("Labels", "ID number"),
        "phone": QCoreApplication.translate("Labels", "Phone number"),
        "bank_card": QCoreApplication.translate("Labels", "Bank card"),
    }


@_table
def audit_filters() -> dict[str, str]:
    """The audit viewer's action filter: "" every action; a code ending in "." a family."""
    return {
        "": QCoreApplication.translate("Labels", "Every action"),
        "case.view": QCoreApplication.translate("Labels", "Viewed"),
        "pii.": QCoreApplication.translate("Labels", "Revealed"),
        "case.update": QCoreApplication.translate("Labels", "Changed"),
        "case.reassign": QCoreApplication.translate("Labels", "Reassigned"),
        "plan.approve": QCoreApplication.translate("Labels", "Approved"),
        "plan.reject": QCoreApplication.translate("Labels", "Rejected"),
        "plan.": QCoreApplication.translate("Labels", "Plans (any)"),
        "export.": QCoreApplication.translate("Labels", "Exported"),
        "agent.": QCoreApplication.translate("Labels", "Leave"),
        "contact.": QCoreApplication.translate("Labels", "Contacts and dials"),
    }

"""What the end of a call (app.client.telephony.CallEnd) says to the agent: a short summary
for the call bar and the note the wrap-up is pre-filled with for a call nobody answered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.client.telephony.phone import CallEnd
from ui import labels


def kind_text(kind: str) -> str:
    """The outcome kind in words."""
    return {
        "answered": QCoreApplication.translate("CallOutcome", "answered"),
        "no_answer": QCoreApplication.translate("CallOutcome", "no answer"),
        "busy": QCoreApplication.translate("CallOutcome", "busy"),
        "rejected": QCoreApplication.translate("CallOutcome", "rejected"),
        "invalid_number": QCoreApplication.translate("CallOutcome", "invalid number"),
        "network_failure": QCoreApplication.translate("CallOutcome", "network failure"),
    }.get(kind, kind)


def end_summary(end: CallEnd) -> str:
    """E.g. "busy (486 Rejected)" — the kind and the phone's own reason."""
    text = kind_text(end.outcome.kind)
    return f"{text} ({end.reason})" if end.reason else text


def end_note(end: CallEnd) -> str:
    """The note for an unanswered call (empty for an answered one: the agent writes it)."""
    kind = end.outcome.kind
    if kind == "answered":
        return ""
    phrases = labels.quick_phrases()
    base = {
        "no_answer": phrases["no_answer"],
        "busy": phrases["busy"],
        "rejected": QCoreApplication.translate("CallOutcome", "The call was rejected."),
        "invalid_number": QCoreApplication.translate("CallOutcome", "The number does not exist."),
        "network_failure": QCoreApplication.translate(
            "CallOutcome", "The call did not go through (network failure)."
        ),
    }.get(kind, "")
    reason = end.reason or kind
    tag = QCoreApplication.translate("CallOutcome", "[phone: %1]").replace("%1", reason)
    return f"{base} {tag}".strip()

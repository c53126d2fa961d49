"""Small per-case table models: schedule, payments, contact history, notes.

Each holds the tuples of one CaseDetail (a few dozen rows) and formats on demand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from app.client.views import ContactView, InstallmentView, NoteView, PaymentView
from ui import formatting, labels
from ui.models.base import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    BACKGROUND,
    DISPLAY,
    Column,
    RecordTableModel,
    brush,
)

Index = QModelIndex | QPersistentModelIndex

STATE_COLORS = {
    "paid": "#1f7a3f",
    "partly_paid": "#9a5b00",
    "overdue": "#a61b1b",
    "due": "#2f6fab",
    "future": "#7b8794",
}


def paid_total(i: InstallmentView) -> int:
    """Everything paid against an installment (principal, interest, penalty, fees)."""
    return i.paid_principal_fen + i.paid_interest_fen + i.paid_penalty_fen + i.paid_fees_fen


def owed_total(i: InstallmentView) -> int:
    """What the installment asks for: payment plus accrued penalty and fees."""
    return i.payment_fen + i.penalty_fen + i.fees_fen


class ScheduleModel(RecordTableModel[InstallmentView]):
    """The repayment schedule with a paid / partly paid / overdue state per installment."""

    def columns(self) -> Sequence[Column[InstallmentView]]:
        return (
            Column("n", lambda i: str(i.n), ALIGN_RIGHT),
            Column("due", lambda i: formatting.day(i.due_date)),
            Column("payment", lambda i: formatting.money(i.payment_fen, symbol=False), ALIGN_RIGHT),
            Column(
                "principal", lambda i: formatting.money(i.principal_fen, symbol=False), ALIGN_RIGHT
            ),
            Column(
                "interest", lambda i: formatting.money(i.interest_fen, symbol=False), ALIGN_RIGHT
            ),
            Column(
                "penalty",
                lambda i: formatting.money(i.penalty_fen + i.fees_fen, symbol=False),
                ALIGN_RIGHT,
            ),
            Column("paid", lambda i: formatting.money(paid_total(i), symbol=False), ALIGN_RIGHT),
            Column(
                "state",
                lambda i: labels.label(labels.installment_states(), i.state),
                ALIGN_CENTER,
                foreground=lambda i: STATE_COLORS.get(i.state),
                tooltip=self._state_tip,
            ),
        )

    def _state_tip(self, i: InstallmentView) -> str:
        if i.paid_on is None:
            return ""
        return self.tr("last paid on %1").replace("%1", formatting.day(i.paid_on))

    def header(self, key: str) -> str:
        return {
            "n": "#",
            "due": self.tr("Due date"),
            "payment": self.tr("Payment"),
            "principal": self.tr("Principal"),
            "interest": self.tr("Interest"),
            "penalty": self.tr("Pen./fees"),
            "paid": self.tr("Paid"),
            "state": self.tr("State"),
        }[key]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role == BACKGROUND:
            row = index.row()
            if 0 <= row < len(self._rows) and self._rows[row].state == "overdue":
                return brush("#fdf2f2")
            return None
        return super().data(index, role)


class PaymentsModel(RecordTableModel[PaymentView]):
    """Payments received on the loan, newest first."""

    def columns(self) -> Sequence[Column[PaymentView]]:
        return (
            Column("date", lambda p: formatting.day(p.paid_on)),
            Column("amount", lambda p: formatting.money(p.amount_fen), ALIGN_RIGHT),
            Column("channel", lambda p: labels.label(labels.payment_channels(), p.channel)),
            Column("reference", lambda p: p.reference or ""),
        )

    def header(self, key: str) -> str:
        return {
            "date": self.tr("Date"),
            "amount": self.tr("Amount"),
            "channel": self.tr("Channel"),
            "reference": self.tr("Reference"),
        }[key]

    def set_rows(self, rows: Sequence[PaymentView]) -> None:
        super().set_rows(sorted(rows, key=lambda p: p.paid_on, reverse=True))


class ContactsModel(RecordTableModel[ContactView]):
    """Contact attempts on the case, newest first, as two-line entries for a narrow list:
    when · channel · duration · agent, then outcome — reason. Local-only ones are marked."""

    _today: date | None = None

    def columns(self) -> Sequence[Column[ContactView]]:
        return (
            Column(
                "contact",
                self._text,
                foreground=lambda c: (
                    "#a61b1b"
                    if c.policy_violation
                    else ("#1f7a3f" if c.disposition == "right_party" else None)
                ),
                tooltip=lambda c: c.policy_violation or formatting.local_time(c.started_at),
            ),
        )

    def _text(self, c: ContactView) -> str:
        head = [
            formatting.local_time(c.started_at, today=self._today),
            labels.label(labels.channels(), c.channel),
            _duration(c.duration_s),
            c.agent,
        ]
        if c.pending:
            head.append(self.tr("waiting to sync"))
        outcome = labels.label(labels.dispositions(), c.disposition)
        if c.reason:
            outcome += " — " + labels.label(labels.reasons(), c.reason)
        if c.result:
            outcome += " → " + labels.label(labels.results(), c.result)
        if c.override_reason:
            outcome += " · " + self.tr("policy overridden")
        elif c.policy_violation:
            outcome += " · " + self.tr("⚠ broke the contact rules")
        return " · ".join(h for h in head if h) + "\n" + outcome

    def header(self, key: str) -> str:
        return self.tr("Contacts")

    def set_rows(self, rows: Sequence[ContactView]) -> None:
        self._today = datetime.now(formatting.local_zone()).date()
        super().set_rows(sorted(rows, key=lambda c: c.started_at, reverse=True))


class NotesModel(RecordTableModel[NoteView]):
    """Notes on the case, newest first: one column of "header\\ntext" for a word-wrapped list."""

    def columns(self) -> Sequence[Column[NoteView]]:
        return (
            Column(
                "note",
                self._text,
                foreground=lambda n: "#a61b1b" if n.rejected or n.banned_phrases else None,
                tooltip=lambda n: n.text,
            ),
        )

    def _text(self, n: NoteView) -> str:
        head = [formatting.local_time(n.created_at), n.author]
        if n.disposition:
            head.append(labels.label(labels.dispositions(), n.disposition))
        if n.next_action_on:
            head.append(self.tr("next: %1").replace("%1", formatting.day(n.next_action_on)))
        if n.amends:
            head.append(self.tr("correction"))
        if n.banned_phrases:
            head.append(self.tr("⚠ flagged wording"))
        if n.rejected:
            head.append(self.tr("rejected by server"))
        elif n.pending:
            head.append(self.tr("waiting to sync"))
        return " · ".join(head) + "\n" + n.text

    def header(self, key: str) -> str:
        return self.tr("Notes")

    def set_rows(self, rows: Sequence[NoteView]) -> None:
        super().set_rows(sorted(rows, key=lambda n: n.created_at, reverse=True))


def _duration(seconds: int) -> str:
    return formatting.duration(seconds) if seconds > 0 else ""

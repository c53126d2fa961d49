"""Centre top: who the borrower is — masked identity, phones, vehicle, loan, flags, risk.

The panel is built once; switching case only sets label texts (no widget churn), so a
case switch stays well under a frame.
"""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.client.views import CaseDetail, LoanRisk, PhoneView, PlanReturnView, PolicyView
from ui import formatting, labels
from ui.qt_util import named

_LINK = "color:#1f4f82;text-decoration:none"
_LINK_MUTED = "color:#7b8794;font-size:11px"


BADGE_NOTE_CHARS = 40  # the approver's comment in the badge; the plan tab has it whole

# the phone lists first and full width ("phones one glance away"), then the short fields,
# in pairs side by side when the pane is at least TWO_COLUMN_WIDTH wide
_WIDE = ("phones", "contacts")
_PAIRS = (
    ("id_number", "vehicle"),
    ("address", "plate"),
    ("employer", "contract"),
    ("risk", "loan"),
    ("flags", "disbursed"),
    (None, "outstanding"),
)
TWO_COLUMN_WIDTH = 600


class ProfilePanel(QFrame):
    """The borrower profile of the selected case. A click on a number asks to dial it
    (`dial_requested`); "reveal" asks to reveal a masked value (`reveal_requested`).
    Copying from the panel copies what it shows: the masked values."""

    _today: date | None = None
    _unreachable = False
    _id_masked = ""
    _masked: dict[str, str] = {}  # noqa: RUF012 - replaced per case, never mutated

    edit_flags_requested = Signal()
    dial_requested = Signal(str)  # phone id
    reveal_requested = Signal(str, str, str)  # field, phone id ("" for none), masked value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.edit_flags = named(QPushButton(self.tr("Edit…")), "linkButton")
        self.edit_flags.setFlat(True)
        self.edit_flags.setToolTip(self.tr("Change the case's flags (do not call, dispute, …)"))
        self.edit_flags.clicked.connect(self.edit_flags_requested)
        self.name = named(QLabel(), "borrowerName")
        self.headline = named(QLabel(), "headline")
        self.overdue = named(QLabel(), "overdueAmount")
        self.assigned = named(QLabel(), "muted")
        self.badges = named(QLabel(), "caseBadges")
        # the case header (`self.header`) is placed by the window above the scrolling
        # profile, so who and how much stays in view; its labels never wrap into a column
        # of single characters: they give way (clip, full text in the tooltip) and the
        # badges and the holder go to a second line
        for label in (self.name, self.headline, self.overdue, self.assigned):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(24)
        self.badges.setWordWrap(True)
        self.header = named(QFrame(), "caseHeader")
        head = QVBoxLayout(self.header)
        head.setContentsMargins(10, 6, 10, 4)
        head.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.name, 2)
        top.addWidget(self.headline, 3)
        top.addWidget(self.overdue, 3)
        second = QHBoxLayout()
        second.addWidget(self.badges, 1)
        second.addWidget(self.assigned, 1, Qt.AlignmentFlag.AlignRight)
        head.addLayout(top)
        head.addLayout(second)
        self.header.hide()

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(3)
        self.values: dict[str, QLabel] = {}
        self._cells: dict[str, tuple[QLabel, QWidget]] = {}
        names = self._field_names()
        for key in (*_WIDE, *(k for pair in _PAIRS for k in pair if k)):
            self._add_field(names, key)
        self._columns = 0
        self._lay_out(2)

        self.placeholder = named(
            QLabel(
                self.tr("Select a case in the worklist"),
                alignment=Qt.AlignmentFlag.AlignCenter,
            ),
            "emptyState",
        )
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self.grid)
        body.addStretch(1)  # a tall pane leaves the space below, not between the rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.body)
        layout.addWidget(self.placeholder)
        self.body.hide()

    def _add_field(self, names: dict[str, str], key: str) -> None:
        name = named(QLabel(names[key]), "fieldName")
        name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        value = QLabel()
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.RichText)
        value.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        value.setOpenExternalLinks(False)
        value.linkActivated.connect(self._link)
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        cell: QWidget = value
        if key == "flags":  # the flags can be edited from here
            cell = QWidget()
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(value)
            line.addWidget(self.edit_flags, 0, Qt.AlignmentFlag.AlignTop)
            line.addStretch(1)
        self._cells[key] = (name, cell)
        self.values[key] = value

    def _lay_out(self, columns: int) -> None:
        """Place the fields: the phones first, full width; then the short fields in pairs
        side by side (`columns` 2) or one under the other (1, a narrow pane)."""
        if columns == self._columns:
            return
        self._columns = columns
        for name, cell in self._cells.values():
            self.grid.removeWidget(name)
            self.grid.removeWidget(cell)
        row = 0
        for key in _WIDE:
            name, cell = self._cells[key]
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(cell, row, 1, 1, 3)
            row += 1
        if columns == 2:
            for pair in _PAIRS:
                for col, field in zip((0, 2), pair, strict=True):
                    if field is not None:
                        name, cell = self._cells[field]
                        self.grid.addWidget(name, row, col)
                        self.grid.addWidget(cell, row, col + 1)
                row += 1
        else:
            for key in (k for pair in _PAIRS for k in pair if k):
                name, cell = self._cells[key]
                self.grid.addWidget(name, row, 0)
                self.grid.addWidget(cell, row, 1, 1, 3)
                row += 1
        for col in range(4):
            self.grid.setColumnStretch(col, 1 if col in (1, 3) and columns == 2 else 0)
        self.grid.setColumnStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out(2 if event.size().width() >= TWO_COLUMN_WIDTH else 1)
        super().resizeEvent(event)

    def _field_names(self) -> dict[str, str]:
        return {
            "id_number": self.tr("ID number"),
            "phones": self.tr("Phones"),
            "address": self.tr("Address"),
            "employer": self.tr("Employer"),
            "vehicle": self.tr("Vehicle"),
            "plate": self.tr("Plate / VIN"),
            "contract": self.tr("Contract"),
            "loan": self.tr("Loan"),
            "disbursed": self.tr("Disbursed"),
            "outstanding": self.tr("Outstanding"),
            "contacts": self.tr("Related"),
            "flags": self.tr("Flags"),
            "risk": self.tr("Risk"),
        }

    # --- content ----------------------------------------------------------------------
    def clear(self) -> None:
        self.body.hide()
        self.header.hide()
        self.placeholder.show()

    def show_case(self, d: CaseDetail) -> None:
        b, loan, case = d.borrower, d.loan, d.case
        policy = {p.phone_id: p for p in d.policy}
        self.name.setText(b.name)
        self.headline.setText(
            self.tr("%1 · DPD %2 · ").replace("%1", case.bucket).replace("%2", str(case.dpd))
            + labels.label(labels.case_statuses(), case.status)
        )
        self.overdue.setText(
            self.tr("Overdue %1").replace("%1", formatting.money(d.overdue.total_fen))
        )
        self.assigned.setText(" · ".join(x for x in (case.assigned_to or "", case.team or "") if x))
        v = self.values
        self._id_masked = b.id_number_masked
        self._masked = {p.id: p.number_masked for p in b.phones}
        self._unreachable = case.debtor_unreachable
        v["id_number"].setText(
            html.escape(b.id_number_masked)
            + f" <a href='reveal:id_number:' style='{_LINK}'>{html.escape(self._reveal_word())}</a>"
        )
        self.badges.setText(self._badges(d))
        own = [p for p in b.phones if p.owner == "borrower"]
        others = [p for p in b.phones if p.owner != "borrower"]
        self._today = datetime.now(formatting.local_zone()).date()
        v["phones"].setText("<br>".join(self._phone_html(p, policy.get(p.id)) for p in own) or "—")
        v["phones"].setToolTip(self._policy_tips(own, policy))
        v["address"].setText(html.escape(b.address or "—"))
        v["employer"].setText(html.escape(b.employer or "—"))
        v["contacts"].setText(
            "<br>".join(self._phone_html(p, policy.get(p.id)) for p in others) or "—"
        )
        v["contacts"].setToolTip(self._policy_tips(others, policy))
        v["vehicle"].setText(
            html.escape(f"{loan.vehicle_brand} {loan.vehicle_model} ({loan.vehicle_year})")
        )
        v["plate"].setText(
            html.escape(loan.plate)
            + f" · <span style='color:#7b8794'>VIN {html.escape(loan.vin_masked)}</span>"
        )
        v["contract"].setText(f"{html.escape(loan.contract_no)} · {html.escape(loan.product)}")
        v["loan"].setText(
            html.escape(
                self.tr("%1 · %2 · %3 months · %4")
                .replace("%1", formatting.money(loan.principal_fen))
                .replace("%2", formatting.rate_percent(loan.annual_rate))
                .replace("%3", str(loan.term_months))
                .replace("%4", labels.label(labels.methods(), loan.method))
            )
        )
        v["disbursed"].setText(
            html.escape(
                self.tr("%1, first due %2")
                .replace("%1", formatting.day(loan.disbursed_on))
                .replace("%2", formatting.day(loan.first_due_date))
            )
        )
        out = formatting.money(loan.outstanding_principal_fen)
        if loan.written_off:
            out += " · " + self.tr("written off")
        v["outstanding"].setText(html.escape(out))
        flags = [labels.label(labels.flags(), f) for f in case.flags]
        if case.debtor_unreachable:
            flags.append(self.tr("Debtor unreachable"))
        v["flags"].setText(
            f"<span style='color:#a61b1b;font-weight:bold'>{html.escape(', '.join(flags))}</span>"
            if flags
            else "—"
        )
        v["risk"].setText(self._risk_html(b.risk_segment, loan.risk))
        self.placeholder.hide()
        self.body.show()
        self.header.show()
        for label in (self.name, self.headline, self.overdue, self.assigned):
            label.setToolTip(label.text())

    def _phone_html(self, p: PhoneView, decision: PolicyView | None) -> str:
        """One phone line: callable mark, masked number, who, owner tag; why not callable
        goes to the tooltip (see `_policy_tips`), only the next allowed time stays inline."""
        tag = labels.label(labels.phone_owners(), p.owner)
        relation = labels.label(labels.relations(), p.relation)
        who = " ".join(x for x in (p.name or "", f"({relation})" if relation else "") if x)
        if decision is None:
            mark = "<span style='color:#9aa5b1'>–</span>"
        elif decision.allowed:
            mark = "<span style='color:#1f7a3f'>●</span>"
        else:
            mark = "<span style='color:#a61b1b'>○</span>"
        number = html.escape(p.number_masked)
        if p.owner == "emergency" and not self._unreachable:
            # stays disabled until "debtor unreachable" is recorded on the case
            parts = [mark, f"<span style='color:#9aa5b1'>{number}</span>"]
        else:
            parts = [mark, f"<a href='dial:{html.escape(p.id)}' style='{_LINK}'>{number}</a>"]
        if who:
            parts.append(html.escape(who))
        if p.owner != "borrower":
            parts.append(f"<span style='color:#52606d'>[{html.escape(tag)}]</span>")
        parts.append(
            f"<a href='reveal:phone:{html.escape(p.id)}' style='{_LINK_MUTED}'>"
            f"{html.escape(self._reveal_word())}</a>"
        )
        if decision is not None and not decision.allowed:
            when = (
                self.tr("callable from %1").replace(
                    "%1", formatting.local_time(decision.next_allowed_at, today=self._today)
                )
                if decision.next_allowed_at is not None
                else self.tr("not callable")
            )
            parts.append(f"<span style='color:#7b8794'>· {html.escape(when)}</span>")
        return " ".join(parts)

    def _risk_html(self, segment: str, risk: LoanRisk | None) -> str:
        """The segment; with a model's score also the probability and the top factors in the
        UI language (what raised or lowered this borrower's risk)."""
        from ui.i18n import current_language

        seg = labels.label(labels.risk_segments(), risk.segment if risk else segment)
        if risk is None:
            return html.escape(seg)
        zh = current_language() == "zh_CN"
        head = (
            self.tr("%1 · %2% default risk")
            .replace("%1", seg)
            .replace("%2", str(round(risk.score * 100)))
        )
        factors = [
            f"{'▲' if f.weight > 0 else '▼'} {html.escape(f.label_zh if zh else f.label_en)}"
            for f in risk.factors[:3]
        ]
        tail = f"<br><span style='color:#52606d'>{'；'.join(factors) if zh else '; '.join(factors)}</span>"
        return html.escape(head) + (tail if factors else "")

    def _reveal_word(self) -> str:
        return self.tr("reveal")

    def _link(self, href: str) -> None:
        """A click on a number dials it; "reveal" asks for a reason first."""
        kind, _, rest = href.partition(":")
        if kind == "dial":
            self.dial_requested.emit(rest)
        elif kind == "reveal":
            field, _, phone_id = rest.partition(":")
            masked = self._masked.get(phone_id, "") if phone_id else self._id_masked
            self.reveal_requested.emit(field, phone_id, masked)

    def _badges(self, d: CaseDetail) -> str:
        """Red/amber marks for what needs action: a broken promise, a plan's status."""
        out = []
        if d.case.kind == "care":
            out.append(("#1f4f82", self.tr("Care call")))
        if d.case.next_action_kind == "broken_promise":
            out.append(("#a61b1b", self.tr("PTP broken")))
        elif any(p.status == "pending" for p in d.promises):
            out.append(("#8a5a00", self.tr("PTP pending")))
        ret = d.case.plan_return
        if ret is not None:
            # back in collection because an agreed plan broke: say which, and on what
            out.append(("#a61b1b", self._return_text(ret)))
        if d.plans:
            latest = max(d.plans, key=lambda p: p.created_at)
            color = {"broken": "#a61b1b", "rejected": "#a61b1b", "pending_approval": "#8a5a00"}
            text = self.tr("Plan: %1").replace(
                "%1", labels.label(labels.plan_statuses(), latest.status)
            )
            note = (latest.decision_note or "").strip()
            if note and latest.status in ("approved", "rejected"):
                # the lead's comment is what the agent acts on (why rejected, what to watch)
                short = note if len(note) <= BADGE_NOTE_CHARS else note[:BADGE_NOTE_CHARS] + "…"
                text = f"{text} · “{short}”"
            out.append((color.get(latest.status, "#1f7a3f"), text))
        return " ".join(
            f"<span style='color:{c};font-weight:bold'>[{html.escape(t)}]</span>" for c, t in out
        )

    def _return_text(self, ret: PlanReturnView) -> str:
        """'Back in collection: the catch-up plan broke (payment due 3 Jan short by ¥500)'."""
        kind = labels.label(labels.plan_kinds(), ret.kind)
        if ret.due_date is None:
            return self.tr("Back in collection: %1 plan broken").replace("%1", kind)
        return (
            self.tr("Back in collection: %1 plan broken, payment due %2 short by %3")
            .replace("%1", kind)
            .replace("%2", formatting.day(ret.due_date))
            .replace("%3", formatting.money(ret.shortfall_fen))
        )

    def _policy_tips(self, phones: list[PhoneView], policy: dict[str, PolicyView]) -> str:
        """Tooltip: the contact-policy reasons per blocked number, in the UI language."""
        from ui.i18n import current_language

        zh = current_language() == "zh_CN"
        lines = []
        for p in phones:
            d = policy.get(p.id)
            if d is not None and not d.allowed:
                msgs = d.messages_zh if zh else d.messages_en
                lines.append(f"{p.number_masked}: " + "; ".join(msgs or d.reasons))
        return "\n".join(lines)

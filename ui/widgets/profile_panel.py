"""Centre top: who the borrower is — masked identity, phones, vehicle, loan, flags, risk.

The panel is built once; switching case only sets label texts (no widget churn), so a
case switch stays well under a frame.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.client.views import CaseDetail, PhoneView, PolicyView
from ui import formatting, labels


class ProfilePanel(QFrame):
    """The borrower profile of the selected case."""

    FIELDS = (
        "id_number",
        "phones",
        "address",
        "employer",
        "vehicle",
        "contract",
        "loan",
        "outstanding",
        "contacts",
        "flags",
        "risk",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="panel")
        self.name = QLabel(objectName="borrowerName")
        self.headline = QLabel(objectName="headline")
        self.overdue = QLabel(objectName="overdueAmount")
        self.assigned = QLabel(objectName="muted")
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addSpacing(12)
        top.addWidget(self.headline)
        top.addSpacing(12)
        top.addWidget(self.overdue)
        top.addStretch(1)
        top.addWidget(self.assigned)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.values: dict[str, QLabel] = {}
        names = self._field_names()
        # two columns of fields: left identity/contact, right vehicle/loan
        left = ("id_number", "phones", "address", "employer", "contacts", "plate")
        # the left column has room for two lines of related contacts
        right = ("vehicle", "contract", "loan", "disbursed", "outstanding", "flags", "risk")
        for col, keys in ((0, left), (2, right)):
            for row, key in enumerate(keys):
                name = QLabel(names[key], objectName="fieldName")
                name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                value = QLabel()
                value.setWordWrap(True)
                value.setTextFormat(Qt.TextFormat.RichText)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(name, row, col)
                grid.addWidget(value, row, col + 1)
                self.values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.placeholder = QLabel(
            self.tr("Select a case in the worklist"),
            objectName="emptyState",
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top)
        body.addLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.body)
        layout.addWidget(self.placeholder)
        self.body.hide()

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
        v["id_number"].setText(html.escape(b.id_number_masked))
        own = [p for p in b.phones if p.owner == "borrower"]
        others = [p for p in b.phones if p.owner != "borrower"]
        v["phones"].setText("<br>".join(self._phone_html(p, policy.get(p.id)) for p in own) or "—")
        v["address"].setText(html.escape(b.address or "—"))
        v["employer"].setText(html.escape(b.employer or "—"))
        v["contacts"].setText(
            "<br>".join(self._phone_html(p, policy.get(p.id)) for p in others) or "—"
        )
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
        v["risk"].setText(
            html.escape(labels.label(labels.risk_segments(), b.risk_segment))
            + " · "
            + html.escape(self.tr("priority %1").replace("%1", str(case.priority)))
        )
        self.placeholder.hide()
        self.body.show()

    def _phone_html(self, p: PhoneView, decision: PolicyView | None) -> str:
        tag = labels.label(labels.phone_owners(), p.owner)
        who = " ".join(x for x in (p.name or "", f"({p.relation})" if p.relation else "") if x)
        if decision is None:
            mark = "<span style='color:#9aa5b1'>–</span>"
        elif decision.allowed:
            mark = "<span style='color:#1f7a3f'>●</span>"
        else:
            mark = "<span style='color:#a61b1b'>○</span>"
        parts = [mark, html.escape(p.number_masked)]
        if who:
            parts.append(html.escape(who))
        if p.owner != "borrower":
            parts.append(f"<span style='color:#52606d'>[{html.escape(tag)}]</span>")
        if decision is not None and not decision.allowed:
            parts.append(
                f"<span style='color:#7b8794'>{html.escape(self._policy_text(decision))}</span>"
            )
        return " ".join(parts)

    def _policy_text(self, decision: PolicyView) -> str:
        from ui.i18n import current_language

        msgs = decision.messages_zh if current_language() == "zh_CN" else decision.messages_en
        text = "; ".join(msgs[:1])
        if decision.next_allowed_at is not None:
            text += " · " + self.tr("next %1").replace(
                "%1", formatting.local_time(decision.next_allowed_at)
            )
        return text

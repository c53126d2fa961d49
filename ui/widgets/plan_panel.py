"""Right pane: the repayment-plan calculator of the selected case.

Starts from the case's live figures (overdue breakdown, principal not yet due) and the
form's defaults; recomputes on every keystroke on the GUI thread (a 60-month restructure is
well under a millisecond of calculation: bench/bench_plan_panel.py measures keystroke to
repaint); shows the lines, the totals, what the borrower saves and every issue next to its
field. The button offers the plan within the desk role's authority ("Offer plan") or sends
it for approval beyond it ("Send for approval"), disabled while the plan is invalid; Enter
does the same. Below, the case's plans with their status; "Export agreement…" writes the
printable agreement in the borrower's language.

Public API (used by the main window): `PlanPanel(service, parent=None, *, clock=None)`,
`show_case(detail)`, `clear()`, signal `proposed(ChangeSet)`; for tests and screenshots
also `read_form()`, `outcome()`, `submit()`, `export_agreement(path=None)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.client.desk_service import CaseNotFound
from app.client.plan_calculator import (
    PlanCalculator,
    PlanForm,
    PlanOutcome,
    PlanRefused,
    lender_today,
)
from app.client.views import CaseDetail, ChangeSet
from ui import formatting
from ui.models.plan_models import CasePlansModel, PlanLinesModel
from ui.qt_util import named
from ui.widgets.plan_form import PlanFormFields

log = logging.getLogger(__name__)


class PlanService(Protocol):
    """The slice of DeskService the panel uses."""

    role: str

    def propose_plan(
        self, case_id: str, form: PlanForm, *, now: datetime | None = None
    ) -> ChangeSet: ...

    def record_agreement_export(
        self,
        case_id: str,
        *,
        language: str,
        plan_kind: str,
        payments: int,
        total_fen: int,
        now: datetime | None = None,
    ) -> ChangeSet: ...


def _table(model: object, rows: int) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setMinimumHeight(24 + 22 * rows)
    return view


class PlanPanel(QWidget):
    """See module docstring."""

    proposed = Signal(object)  # the ChangeSet after a plan was stored locally
    exported = Signal(object)  # the ChangeSet after an agreement export was queued for audit

    def __init__(
        self,
        service: PlanService,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._clock = clock or (lambda: datetime.now(UTC))
        self._detail: CaseDetail | None = None
        self._calc: PlanCalculator | None = None
        self._outcome: PlanOutcome | None = None

        body = named(QFrame(), "panel")
        self.figures = named(QLabel(), "muted")
        self.figures.setWordWrap(True)
        self.form = PlanFormFields()
        self.form.changed.connect(self.recompute)
        self.form.kind_changed.connect(self._on_kind)
        self.lines_model = PlanLinesModel(self)
        self.lines = _table(self.lines_model, 4)
        self.lines.setObjectName("planLines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        totals = QGridLayout()
        totals.setHorizontalSpacing(12)
        totals.setVerticalSpacing(0)
        self.totals: dict[str, QLabel] = {}
        names = {
            "owed": self.tr("Owed"),
            "waived": self.tr("Waived"),
            "due": self.tr("Due after waivers"),
            "interest": self.tr("New interest"),
            "total": self.tr("Total to pay"),
            "saves": self.tr("Borrower saves"),
        }
        for i, (key, text) in enumerate(names.items()):
            caption = named(QLabel(text), "fieldName")
            value = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
            totals.addWidget(caption, i // 2, (i % 2) * 2)
            totals.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self.totals[key] = value
            if key == "saves":
                self.saves_caption = caption
        self.totals["total"].setObjectName("planTotal")
        totals.setColumnStretch(1, 1)
        totals.setColumnStretch(3, 1)

        self.submit_button = named(QPushButton(self.tr("Offer plan")), "primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.export_button = QPushButton(self.tr("Export agreement…"))
        self.export_button.clicked.connect(lambda: self.export_agreement())
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        self.message = named(QLabel(), "muted")
        self.message.setWordWrap(True)

        self.plans_model = CasePlansModel(self)
        self.plans = _table(self.plans_model, 3)
        self.plans.setObjectName("casePlans")
        # the new plan's schedule and the case's plans share the panel's height: one tab
        # each, the schedule first (no scroll area around the panel: one scroll per table)
        self.views = named(QTabWidget(), "planViews")
        self.views.setDocumentMode(True)
        self.views.addTab(self.lines, self.tr("New schedule"))
        self.views.addTab(self.plans, self.tr("Plans on this case"))

        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(2)
        layout.addWidget(self.figures)
        layout.addWidget(self.form)
        layout.addWidget(self.views, 1)
        layout.addLayout(totals)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(body)
        QWidget.setTabOrder(self.form.waive_interest, self.submit_button)
        QWidget.setTabOrder(self.submit_button, self.export_button)
        self.clear()

    # --- case ----------------------------------------------------------------------------
    def clear(self) -> None:
        """No case: an empty, disabled panel."""
        self._detail = self._calc = self._outcome = None
        self.figures.setText(self.tr("Select a case in the worklist"))
        self.lines_model.set_rows(())
        self.plans_model.set_rows(())
        self.views.setTabText(1, self.tr("Plans on this case"))
        self._say("")
        self._show_totals(None)
        self.setEnabled(False)

    def show_case(self, detail: CaseDetail) -> None:
        """Show `detail`'s figures and plans. The same case again (a refresh after a sync or a
        local write) keeps what the agent typed; another case starts from the defaults."""
        same = self._detail is not None and self._detail.case.id == detail.case.id
        today = lender_today(self._clock())
        self._detail = detail
        self._calc = PlanCalculator(detail, today=today, role=self._service.role)
        self.plans_model.set_rows(detail.plans)
        self.views.setTabText(
            1, self.tr("Plans on this case (%1)").replace("%1", str(len(detail.plans)))
        )
        self._show_figures()
        self.setEnabled(True)
        if not same:
            self._say("")
            self._reset_form("catch_up")
        else:
            self.recompute()

    def _reset_form(self, kind: str) -> None:
        assert self._calc is not None and self._detail is not None
        o = self._detail.overdue
        self.form.set_form(
            self._calc.default_form(kind),
            owed={"penalty": o.penalty_fen, "fees": o.fees_fen, "interest": o.interest_fen},
        )
        self.recompute()

    def _on_kind(self, kind: str) -> None:
        if self._calc is None:
            return
        if kind == "restructure":  # start from the remaining term, not the catch-up count
            self.form.new_term_months.blockSignals(True)
            self.form.new_term_months.setValue(self._calc.figures.remaining_term_months or 12)
            self.form.new_term_months.blockSignals(False)

    def _show_figures(self) -> None:
        assert self._detail is not None and self._calc is not None
        o, f = self._detail.overdue, self._calc.figures
        self.figures.setText(
            self.tr(
                "Overdue %1 (principal %2, interest %3, penalty %4, fees %5) · "
                "principal not yet due %6 over %7 months"
            )
            .replace("%1", formatting.money(o.total_fen))
            .replace("%2", formatting.money(o.principal_fen))
            .replace("%3", formatting.money(o.interest_fen))
            .replace("%4", formatting.money(o.penalty_fen))
            .replace("%5", formatting.money(o.fees_fen))
            .replace("%6", formatting.money(f.remaining_principal.fen))
            .replace("%7", str(f.remaining_term_months))
        )

    # --- calculation ---------------------------------------------------------------------
    def read_form(self) -> PlanForm | None:
        return self.form.read()[0]

    def outcome(self) -> PlanOutcome | None:
        return self._outcome

    def recompute(self) -> None:
        """Recalculate from the form and show lines, totals and issues (every keystroke)."""
        if self._calc is None:
            return
        form, parse_errors = self.form.read()
        if form is None:
            self._outcome = None
            self.lines_model.set_rows(())
            self._show_totals(None)
            self.form.show_issues(parse_errors)
            self._update_buttons()
            return
        self._outcome = self._calc.calculate(form)
        self.lines_model.set_rows(self._outcome.lines)
        self._show_totals(self._outcome)
        self.form.show_issues(self._outcome.issues)
        self._update_buttons()

    def _show_totals(self, out: PlanOutcome | None) -> None:
        if out is None or not out.calculated:
            for label in self.totals.values():
                label.setText("—")
            return
        m = formatting.money
        self.totals["owed"].setText(m(out.owed_fen))
        self.totals["waived"].setText(m(out.waived_fen))
        self.totals["due"].setText(m(out.amount_due_fen))
        self.totals["interest"].setText(m(out.new_interest_fen))
        self.totals["total"].setText(m(out.total_payment_fen))
        saves = out.savings_fen >= 0
        self.saves_caption.setText(self.tr("Borrower saves") if saves else self.tr("Costs more"))
        label = self.totals["saves"]
        label.setText(m(abs(out.savings_fen)))
        if label.objectName() != ("planSaves" if saves else "planCosts"):
            label.setObjectName("planSaves" if saves else "planCosts")
            label.style().unpolish(label)
            label.style().polish(label)

    def _update_buttons(self) -> None:
        out = self._outcome
        ok = out is not None and out.ok
        approval = out is not None and out.needs_approval
        self.submit_button.setText(
            self.tr("Send for approval") if approval else self.tr("Offer plan")
        )
        self.submit_button.setEnabled(ok)
        self.export_button.setEnabled(ok)

    # --- actions -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # line edits, spin boxes and the date edit pass Return on to their parent
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.submit_button.isEnabled():
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> bool:
        """Offer or send for approval the plan shown; True when stored locally."""
        if self._detail is None or self._outcome is None or not self._outcome.ok:
            return False
        approval = self._outcome.needs_approval
        try:
            changes = self._service.propose_plan(
                self._detail.case.id, self._outcome.form, now=self._clock()
            )
        except PlanRefused as exc:
            self.form.show_issues(exc.issues)
            self._say(self.tr("Not saved: fix the fields marked in red."), error=True)
            return False
        except CaseNotFound:
            self._say(self.tr("Not saved: the case is no longer on this desk."), error=True)
            return False
        except Exception:
            log.exception("saving a plan failed")
            self._say(self.tr("Not saved: the local store could not be written."), error=True)
            return False
        self._say(
            self.tr("Sent for approval — it will be sent with the next sync.")
            if approval
            else self.tr("Plan offered — it will be sent with the next sync.")
        )
        self._reset_form(self.form.current_kind())
        self.proposed.emit(changes)
        return True

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setObjectName("errorText" if error else "muted")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))  # an empty line would cost the schedule a row

    def export_agreement(self, path: str | Path | None = None) -> Path | None:
        """Write the agreement for the plan shown (asks for a file name when `path` is None);
        returns the file written, None when cancelled or impossible."""
        from app.client.agreement import compose_agreement
        from ui.agreement_pdf import write_agreement_pdf

        if self._detail is None or self._outcome is None or not self._outcome.ok:
            return None
        if path is None:
            suggested = f"agreement_{self._detail.loan.contract_no}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export agreement"), suggested, self.tr("PDF files (*.pdf)")
            )
            if not chosen:
                return None
            path = chosen
        outcome, now = self._outcome, self._clock()
        doc = compose_agreement(self._detail, outcome, today=lender_today(now))
        try:
            written = write_agreement_pdf(doc, path)
        except OSError:
            log.exception("writing the agreement failed")
            self._say(self.tr("The agreement could not be written."), error=True)
            return None
        try:
            # the file holds the borrower's name and figures: the server audits every export
            # (queued like a note, so an export made offline is audited at the next sync)
            changes = self._service.record_agreement_export(
                self._detail.case.id,
                language=doc.language,
                plan_kind=outcome.form.kind,
                payments=len(outcome.lines),
                total_fen=outcome.total_payment_fen,
                now=now,
            )
        except Exception:
            log.exception("recording the agreement export failed")
            written.unlink(missing_ok=True)  # no unaudited copy is left behind
            self._say(
                self.tr("Not exported: the export could not be recorded for the audit."),
                error=True,
            )
            return None
        self._say(self.tr("Agreement written to %1").replace("%1", str(written)))
        self.exported.emit(changes)
        return written

"""The plan calculator's form: plan type, down payment, payments / new term, frequency,
first date, waivers — each field with its issue shown right under it.

`PlanFormFields.read()` parses what is typed into an app.client.plan_calculator.PlanForm
(money exactly, via parse_amount) and returns the parse errors per field; `show_issues`
puts every issue next to its field (blocking ones in red, approval-only ones in amber).
`changed` fires on every keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.client.plan_calculator import (
    GENERAL,
    AmountError,
    FieldIssue,
    PlanForm,
    parse_amount,
)
from app.domain.plans import MAX_PLAN_PAYMENTS
from app.domain.schedules import MAX_MONTHS
from ui import formatting, labels
from ui.i18n import current_language
from ui.qt_util import from_qdate, named

MONEY_FIELDS = ("down_payment", "waive_penalty", "waive_fees", "waive_interest")

# (column, row) of each field: the plan's shape on the left, the amounts on the right
_POSITION = {
    "kind": (0, 0),
    "payments": (0, 1),
    "new_term_months": (0, 2),
    "frequency": (0, 3),
    "first_date": (0, 4),
    "down_payment": (1, 0),
    "waive_penalty": (1, 1),
    "waive_fees": (1, 2),
    "waive_interest": (1, 3),
}
_ROWS = 1 + max(row for _, row in _POSITION.values())


class PlanFormFields(QWidget):
    """See module docstring."""

    changed = Signal()
    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = named(QComboBox(), "planKind")
        for code, text in labels.plan_kinds().items():
            self.kind.addItem(text, code)
        self.down_payment = self._money_edit("planDownPayment")
        self.payments = named(QSpinBox(), "planPayments")
        self.payments.setRange(1, MAX_PLAN_PAYMENTS)
        self.new_term_months = named(QSpinBox(), "planNewTerm")
        self.new_term_months.setRange(1, MAX_MONTHS)
        self.new_term_months.setSuffix(self.tr(" months"))
        self.frequency = named(QComboBox(), "planFrequency")
        for code, text in labels.frequencies().items():
            self.frequency.addItem(text, code)
        self.first_date = named(_DateEdit(), "planFirstDate")
        self.first_date.setCalendarPopup(True)
        self.first_date.setDisplayFormat("yyyy-MM-dd")
        self.waive_penalty = self._money_edit("planWaivePenalty")
        self.waive_fees = self._money_edit("planWaiveFees")
        self.waive_interest = self._money_edit("planWaiveInterest")
        self.fields: dict[str, QWidget] = {
            "kind": self.kind,
            "down_payment": self.down_payment,
            "payments": self.payments,
            "new_term_months": self.new_term_months,
            "frequency": self.frequency,
            "first_date": self.first_date,
            "waive_penalty": self.waive_penalty,
            "waive_fees": self.waive_fees,
            "waive_interest": self.waive_interest,
        }
        titles = {
            "kind": self.tr("Plan type"),
            "down_payment": self.tr("Down payment"),
            "payments": self.tr("Number of payments"),
            "new_term_months": self.tr("New term"),
            "frequency": self.tr("Frequency"),
            "first_date": self.tr("First payment on"),
            "waive_penalty": self.tr("Waive penalty"),
            "waive_fees": self.tr("Waive fees"),
            "waive_interest": self.tr("Waive interest"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.captions: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        # two columns (the plan's shape | its amounts), so the schedule below keeps the
        # height of a dozen lines at 1366x768 (#16 point 2)
        for name, widget in self.fields.items():
            caption = QLabel(titles[name])
            caption.setBuddy(widget)
            error = named(QLabel(), "fieldError")
            error.setWordWrap(True)
            error.hide()
            # both columns share the width equally, whatever their widgets' size hints
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            widget.setMinimumWidth(72)
            column, row = _POSITION[name]
            grid.addWidget(caption, 2 * row, 2 * column)
            grid.addWidget(widget, 2 * row, 2 * column + 1)
            grid.addWidget(error, 2 * row + 1, 2 * column + 1)
            self.captions[name], self.errors[name] = caption, error
        self.general = named(QLabel(), "fieldError")
        self.general.setWordWrap(True)
        self.general.hide()
        grid.addWidget(self.general, 2 * _ROWS, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for i in range(len(self.fields) - 1):
            names = list(self.fields)
            QWidget.setTabOrder(self.fields[names[i]], self.fields[names[i + 1]])

        self.kind.currentIndexChanged.connect(self._on_kind)
        for edit in (self.down_payment, self.waive_penalty, self.waive_fees, self.waive_interest):
            edit.textChanged.connect(self.changed)
        self.payments.valueChanged.connect(self.changed)
        self.new_term_months.valueChanged.connect(self.changed)
        self.frequency.currentIndexChanged.connect(self.changed)
        self.first_date.dateChanged.connect(self.changed)

    def _money_edit(self, name: str) -> QLineEdit:
        edit = named(QLineEdit(), name)
        edit.setPlaceholderText("0.00")
        edit.setMaxLength(24)
        return edit

    # --- values -------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def set_form(self, form: PlanForm, *, owed: dict[str, int]) -> None:
        """Show `form` (without emitting `changed`); `owed` gives each waiver's maximum."""
        blocked = self.blockSignals(True)
        widgets = list(self.fields.values())
        for w in widgets:
            w.blockSignals(True)
        try:
            self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
            self.down_payment.setText(_yuan(form.down_payment_fen))
            self.payments.setValue(form.payments)
            self.new_term_months.setValue(form.new_term_months or 1)
            self.frequency.setCurrentIndex(max(0, self.frequency.findData(form.frequency)))
            fd = form.first_date
            self.first_date.setDate(QDate(fd.year, fd.month, fd.day))
            for name in ("penalty", "fees", "interest"):
                edit: QLineEdit = getattr(self, f"waive_{name}")
                edit.setText(_yuan(getattr(form, f"waive_{name}_fen")))
                edit.setPlaceholderText(
                    self.tr("up to %1").replace("%1", formatting.money(owed.get(name, 0)))
                )
        finally:
            for w in widgets:
                w.blockSignals(False)
            self.blockSignals(blocked)
        self._show_rows(form.kind)

    def read(self) -> tuple[PlanForm | None, tuple[FieldIssue, ...]]:
        """The typed form, or None with the fields' parse errors."""
        amounts: dict[str, int] = {}
        errors: list[FieldIssue] = []
        for name in MONEY_FIELDS:
            edit: QLineEdit = getattr(self, name)
            try:
                amounts[name] = parse_amount(edit.text())
            except AmountError as exc:
                errors.append(FieldIssue(name, exc.code, exc.message_zh, exc.message_en))
        if errors:
            return None, tuple(errors)
        kind = self.current_kind()
        return (
            PlanForm(
                kind=kind,
                first_date=from_qdate(self.first_date.date()),
                down_payment_fen=0 if kind == "settlement" else amounts["down_payment"],
                payments=self.payments.value(),
                frequency="monthly" if kind != "catch_up" else str(self.frequency.currentData()),
                new_term_months=self.new_term_months.value() if kind == "restructure" else None,
                waive_penalty_fen=amounts["waive_penalty"],
                waive_fees_fen=amounts["waive_fees"],
                waive_interest_fen=amounts["waive_interest"],
            ),
            (),
        )

    # --- issues -------------------------------------------------------------------------
    def show_issues(self, issues: tuple[FieldIssue, ...]) -> None:
        """Every issue under its field (all of a field's issues, one per line)."""
        lang = current_language()
        by_field: dict[str, list[FieldIssue]] = {}
        for issue in issues:
            field = issue.field if issue.field in self.errors else GENERAL
            by_field.setdefault(field, []).append(issue)
        for name, label in [*self.errors.items(), (GENERAL, self.general)]:
            found = by_field.get(name, [])
            text = "\n".join(i.message(lang) for i in found)
            if label.text() != text:
                label.setText(text)
            kind = "fieldError" if any(i.blocking for i in found) or not found else "fieldWarning"
            if label.objectName() != kind:  # re-polishing costs ~0.3 ms: only on a change
                label.setObjectName(kind)
                label.style().unpolish(label)
                label.style().polish(label)
            label.setVisible(bool(found) and self._row_visible(name))

    def _row_visible(self, name: str) -> bool:
        return name == GENERAL or not self.captions[name].isHidden()

    # --- kind ---------------------------------------------------------------------------
    def _on_kind(self) -> None:
        kind = self.current_kind()
        self._show_rows(kind)
        self.kind_changed.emit(kind)
        self.changed.emit()

    def _show_rows(self, kind: str) -> None:
        visible = {
            "payments": kind == "catch_up",
            "frequency": kind == "catch_up",
            "new_term_months": kind == "restructure",
            "down_payment": kind != "settlement",
        }
        for name, show in visible.items():
            self.captions[name].setVisible(show)
            self.fields[name].setVisible(show)
            if not show:
                self.errors[name].hide()


class _DateEdit(QDateEdit):
    """A date edit that Tab leaves (QDateEdit's Tab walks year -> month -> day first; the
    arrow keys still move between the sections)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def _yuan(fen: int) -> str:
    return "" if fen == 0 else formatting.money(fen, symbol=False).replace(",", "")

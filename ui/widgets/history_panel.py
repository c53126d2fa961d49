"""Centre bottom: DPD and the overdue breakdown as of today, a payment-behaviour chart, and
tabs with the repayment schedule and the payments received."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.client.views import CaseDetail
from ui import formatting
from ui.models.case_models import PaymentsModel, ScheduleModel
from ui.qt_util import named
from ui.widgets.payment_chart import PaymentChart

BREAKDOWN = ("dpd", "principal", "interest", "penalty", "fees", "total")


def make_table(model: object, widths: tuple[int, ...]) -> QTableView:
    """A read-only, row-selecting table with fixed column widths (no ResizeToContents)."""
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    vh = table.verticalHeader()
    vh.setVisible(False)
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(22)
    table.horizontalHeader().setStretchLastSection(True)
    for i, w in enumerate(widths):
        table.setColumnWidth(i, w)
    return table


class HistoryPanel(QFrame):
    """Repayment history of the selected case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.values: dict[str, QLabel] = {}
        names = {
            "dpd": self.tr("DPD"),
            "principal": self.tr("Principal"),
            "interest": self.tr("Interest"),
            "penalty": self.tr("Penalty"),
            "fees": self.tr("Fees"),
            "total": self.tr("Overdue total"),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for col, key in enumerate(BREAKDOWN):
            name = named(QLabel(names[key]), "fieldName")
            value = named(QLabel(), "overdueAmount" if key == "total" else "headline")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(name, 0, col)
            grid.addWidget(value, 1, col)
            self.values[key] = value
        self.as_of = named(QLabel(), "muted")
        grid.addWidget(self.as_of, 2, 0, 1, len(BREAKDOWN))
        self.chart = PaymentChart()
        top = QHBoxLayout()
        top.addLayout(grid, 3)
        top.addWidget(self.chart, 2)

        self.schedule_model = ScheduleModel(self)
        self.payments_model = PaymentsModel(self)
        self.schedule = make_table(self.schedule_model, (26, 78, 66, 66, 60, 66, 62, 74))
        self.payments = make_table(self.payments_model, (96, 100, 100, 160))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.schedule, self.tr("Schedule"))
        self.tabs.addTab(self.payments, self.tr("Payments"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def clear(self) -> None:
        self.schedule_model.set_rows(())
        self.payments_model.set_rows(())
        self.chart.set_installments(())
        for v in self.values.values():
            v.setText("")
        self.as_of.setText("")

    def show_case(self, d: CaseDetail) -> None:
        o = d.overdue
        self.values["dpd"].setText(str(o.dpd))
        for key, fen in (
            ("principal", o.principal_fen),
            ("interest", o.interest_fen),
            ("penalty", o.penalty_fen),
            ("fees", o.fees_fen),
            ("total", o.total_fen),
        ):
            self.values[key].setText(formatting.money(fen))
        self.as_of.setText(
            self.tr("Bucket %1 · %2 of %3 installments paid · %4 payments received")
            .replace("%1", o.bucket)
            .replace("%2", str(sum(1 for i in d.installments if i.state == "paid")))
            .replace("%3", str(len(d.installments)))
            .replace("%4", str(len(d.payments)))
        )
        self.schedule_model.set_rows(d.installments)
        self.payments_model.set_rows(d.payments)
        self.chart.set_installments(d.installments)
        first_open = next(
            (
                k
                for k, i in enumerate(d.installments)
                if i.state in ("overdue", "partly_paid", "due")
            ),
            None,
        )
        if first_open is not None:
            # after the view has laid out the new rows
            index = self.schedule_model.index(first_open, 0)
            QTimer.singleShot(
                0,
                lambda: self.schedule.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop),
            )

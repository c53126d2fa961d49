"""The dashboard: the team's KPIs for today / this week / this month (GET /team/dashboard),
by agent or by bucket — contact rate, right-party-contact rate, PTP rate, PTP kept rate,
amount collected, cure rate and the roll rates between buckets (DOMAIN.md definitions, as
the server computes them from everyone's records). Cards with the team's figures on top;
below, each chart with its numbers beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.client.team_views import DashboardView, KpiView, Period
from ui import formatting, labels
from ui.qt_util import named
from ui.team.calls import LatestCall, error_text
from ui.team.export import ExportButton, exported_text
from ui.team.kpi_views import BarChart, KpiModel, RollModel, roll_rows
from ui.team.parts import Banner, fit_combo, muted, table_view, title

KPI_WIDTHS = (110, 60, 70, 80, 60, 70, 120, 90, 60, 70)
ROLL_WIDTHS = (110, 90, 130, 130, 80)
CHART_WIDTH = 760


class Card(QFrame):
    """One headline figure: a caption over a big number."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "panel")
        self.caption = named(QLabel(caption), "fieldName")
        self.value = named(QLabel(formatting.NO_VALUE), "kpiValue")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.caption)
        box.addWidget(self.value)


class DashboardPanel(QWidget):
    """See module docstring."""

    message = Signal(str)
    loaded = Signal()

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.team: str | None = None
        self.view: DashboardView | None = None
        self._load = LatestCall(self)

        self.period = QComboBox()
        for code, text in labels.periods().items():
            self.period.addItem(text, code)
        self.group = QComboBox()
        self.group.addItem(self.tr("By agent"), "agent")
        self.group.addItem(self.tr("By bucket"), "bucket")
        fit_combo(self.period)
        fit_combo(self.group)
        self.period.currentIndexChanged.connect(self.refresh)
        self.group.currentIndexChanged.connect(self._show_groups)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        self.export = ExportButton(api, "dashboard", self._export_params)
        self.export.exported.connect(lambda p, n: self.message.emit(exported_text(p, n)))
        self.export.cancelled.connect(self.message.emit)
        self.span = muted()
        head = QHBoxLayout()
        head.addWidget(title(self.tr("Team KPIs")))
        head.addWidget(self.span, 1)
        head.addWidget(self.period)
        head.addWidget(self.group)
        head.addWidget(self.export)
        head.addWidget(refresh)
        self.banner = Banner()
        self.export.failed.connect(self.banner.say)

        self.cards = {
            "contact": Card(self.tr("Contact rate")),
            "rpc": Card(self.tr("Right-party contact rate")),
            "ptp": Card(self.tr("PTP rate")),
            "kept": Card(self.tr("PTP kept rate")),
            "collected": Card(self.tr("Amount collected")),
            "cure": Card(self.tr("Cure rate")),
            "calls": Card(self.tr("Calls")),
        }
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card, 1)

        self.rates_chart = BarChart(self.tr("Contact and promise rates"))
        self.kpis = KpiModel(self)
        self.kpi_table = table_view(self.kpis, widths=KPI_WIDTHS, stretch_last=False)
        self.roll_chart = BarChart(self.tr("Cure and roll rates by bucket"))
        self.rolls = RollModel(self)
        self.roll_table = table_view(self.rolls, widths=ROLL_WIDTHS, stretch_last=False)
        top = QSplitter()
        top.addWidget(self.rates_chart)
        top.addWidget(self.kpi_table)
        bottom = QSplitter()
        bottom.addWidget(self.roll_chart)
        bottom.addWidget(self.roll_table)
        for split in (top, bottom):
            split.setStretchFactor(0, 1)
            split.setStretchFactor(1, 1)
            split.setChildrenCollapsible(False)
            split.setSizes([CHART_WIDTH, sum(KPI_WIDTHS) + 4])
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(top)
        rows.addWidget(bottom)
        rows.setChildrenCollapsible(False)

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(head)
        box.addWidget(self.banner)
        box.addLayout(cards)
        box.addWidget(rows, 1)

    @property
    def busy(self) -> bool:
        return self._load.busy

    def _export_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {"period": self.current_period()}
        if self.team:
            params["team"] = self.team
        return params

    def current_period(self) -> Period:
        value = self.period.currentData()
        return value if value in ("today", "week", "month") else "today"

    def set_period(self, period: Period) -> None:
        self.period.setCurrentIndex(self.period.findData(period))

    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def refresh(self) -> None:
        api, team, period = self.api, self.team, self.current_period()
        self._load.run(lambda: api.dashboard(period, team), self._loaded, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.say(error_text(exc))

    def _loaded(self, view: DashboardView) -> None:
        self.banner.clear()
        self.view = view
        span = (
            self.tr("%1 to %2")
            .replace("%1", formatting.day(view.start))
            .replace("%2", formatting.day(view.end))
            if view.start != view.end
            else formatting.day(view.start)
        )
        if view.baseline is not None:
            span += " · " + self.tr("start of period: snapshot of %1").replace(
                "%1", formatting.day(view.baseline)
            )
        else:
            span += " · " + self.tr("no history before the period: cure and roll rates are —")
        self.span.setText(span)
        t = view.total
        pct = formatting.percent
        self.cards["contact"].value.setText(pct(t.contact_rate))
        self.cards["rpc"].value.setText(pct(t.rpc_rate))
        self.cards["ptp"].value.setText(pct(t.ptp_rate))
        self.cards["kept"].value.setText(pct(t.ptp_kept_rate))
        self.cards["collected"].value.setText(formatting.money(t.amount_collected_fen))
        self.cards["cure"].value.setText(pct(t.cure_rate))
        self.cards["calls"].value.setText(f"{t.attempts:,}")
        self._show_groups()
        # buckets the team held nothing in at the start have no cure or roll to draw
        buckets = [b for b in view.by_bucket if b.cases_at_start or b.cure_rate is not None]
        self.roll_chart.show_rates(
            [b.label for b in buckets],
            [
                (self.tr("Cure rate"), [b.cure_rate for b in buckets]),
                (
                    self.tr("Roll rate to the next bucket"),
                    [_next_roll(b) for b in buckets],
                ),
            ],
        )
        self.loaded.emit()

    def groups(self) -> tuple[KpiView, ...]:
        if self.view is None:
            return ()
        return self.view.by_bucket if self.group.currentData() == "bucket" else self.view.by_agent

    def _show_groups(self, *_args: Any) -> None:
        if self.view is None:
            return
        groups = self.groups()
        self.kpis.set_rows((self.view.total, *groups))
        self.rolls.set_rows(roll_rows((self.view.total, *groups), self.tr("Team")))
        self.rates_chart.show_rates(
            [g.label for g in groups],
            [
                (self.tr("Contact"), [g.contact_rate for g in groups]),
                (self.tr("Right party"), [g.rpc_rate for g in groups]),
                (self.tr("PTP"), [g.ptp_rate for g in groups]),
                (self.tr("PTP kept"), [g.ptp_kept_rate for g in groups]),
            ],
        )


def _next_roll(k: KpiView) -> Any:
    roll = k.roll_from(k.key)
    return roll.rate if roll is not None else None

"""The dashboard: the team's KPIs for today / this week / this month (GET /team/dashboard),
by agent or by bucket — contact rate, right-party-contact rate, PTP rate, PTP kept rate,
amount collected, cure rate and the roll rates between buckets (DOMAIN.md definitions, as
the server computes them from everyone's records). Cards with the team's figures on top,
each rate with its numerator and denominator under it ("1 of 1 outbound calls"); below,
each chart with its numbers beside it. Calls are outbound attempts; inbound calls are a
figure of their own (the calls card, the table's Inbound column)."""

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
from ui.team.kpi_views import Bar, BarChart, KpiModel, RollModel, bar, roll_rows
from ui.team.parts import Banner, fit_combo, muted, table_view, title

KPI_WIDTHS = (80, 64, 56, 100, 100, 92, 92, 104, 92, 50, 92)  # before the first answer
COLUMN_PAD = 10
ROLL_WIDTHS = (110, 90, 130, 130, 80)
CHART_WIDTH = 360  # at least; the chart grows with the window


class Card(QFrame):
    """One headline figure: a caption over a big number, and under it what the number is
    made of ("5 of 7 calls"), so a 100 % from one call is visibly one call."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "panel")
        self.caption = named(QLabel(caption), "fieldName")
        self.value = named(QLabel(formatting.NO_VALUE), "kpiValue")
        self.detail = muted()
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.caption)
        box.addWidget(self.value)
        box.addWidget(self.detail)

    def set_figure(self, value: str, detail: str = "", tip: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(tip)


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
            "calls": Card(self.tr("Outbound calls")),
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
            # the tables keep the width their figures need (every column in view at
            # 1366 px); the charts take what is left, and any extra width
            split.setStretchFactor(0, 1)
            split.setStretchFactor(1, 0)
            split.setChildrenCollapsible(False)
            split.setSizes([CHART_WIDTH, sum(KPI_WIDTHS) + 24])
        self._splits = (top, bottom)
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
        defs = self.kpis.definition
        for key, rate, unit in (
            ("contact", t.contact_rate, self.tr("%1 of %2 outbound calls")),
            ("rpc", t.rpc_rate, self.tr("%1 of %2 connected calls")),
            ("ptp", t.ptp_rate, self.tr("%1 of %2 right-party contacts")),
            ("kept", t.ptp_kept_rate, self.tr("%1 of %2 promises due")),
            ("cure", t.cure_rate, self.tr("%1 of %2 cases at start")),
        ):
            detail = unit.replace("%1", f"{rate.numerator:,}").replace(
                "%2", f"{rate.denominator:,}"
            )
            self.cards[key].set_figure(formatting.percent(rate.value), detail, defs(key))
        self.cards["collected"].set_figure(formatting.money(t.amount_collected_fen))
        self.cards["calls"].set_figure(
            f"{t.attempts:,}",
            self.tr("inbound: %1").replace("%1", f"{t.inbound_calls:,}"),
            defs("attempts") + "\n" + defs("inbound"),
        )
        self._show_groups()
        # buckets the team held nothing in at the start have no cure or roll to draw
        buckets = [b for b in view.by_bucket if b.cases_at_start or b.cure_rate.value is not None]
        self.roll_chart.show_rates(
            [b.label for b in buckets],
            [
                (self.tr("Cure rate"), [bar(b.cure_rate) for b in buckets]),
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
        self._fit_table()
        self.rolls.set_rows(roll_rows((self.view.total, *groups), self.tr("Team")))
        self.rates_chart.show_rates(
            [g.label for g in groups],
            [
                (self.tr("Contact"), [bar(g.contact_rate) for g in groups]),
                (self.tr("Right party"), [bar(g.rpc_rate) for g in groups]),
                (self.tr("PTP"), [bar(g.ptp_rate) for g in groups]),
                (self.tr("PTP kept"), [bar(g.ptp_kept_rate) for g in groups]),
            ],
        )

    def _fit_table(self) -> None:
        """Columns as wide as their figures ("48.2% (13/27)"; a handful of rows), and the
        table pane as wide as its columns where the window allows (the chart keeps
        CHART_WIDTH at least; a narrower window scrolls the table)."""
        table = self.kpi_table
        table.resizeColumnsToContents()
        for column in range(self.kpis.columnCount()):  # air between the figures
            table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PAD)
        need = table.horizontalHeader().length() + 2 * table.frameWidth()
        need += table.verticalScrollBar().sizeHint().width()
        for split in self._splits:
            total = sum(split.sizes())
            if total > CHART_WIDTH:
                table_w = min(need, total - CHART_WIDTH)
                split.setSizes([total - table_w, table_w])


def _next_roll(k: KpiView) -> Bar:
    roll = k.roll_from(k.key)
    if roll is None or roll.rate is None:
        return Bar(None)
    money = formatting.money
    return Bar(roll.rate, f"{money(roll.rolled_balance_fen)}/{money(roll.start_balance_fen)}")

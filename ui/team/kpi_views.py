"""The dashboard's numbers and charts: a table of each group's KPIs, a table of roll rates,
and two QtCharts bar charts (the contact / right-party / PTP / PTP-kept rates per group; the
cure rate and the roll rate to the next bucket per bucket).

Rates arrive as Decimal or None (no denominator): the tables show "—" for None and a chart
leaves its slot empty (the bars carry no value labels, which would read "0%"; the numbers
are in the table beside each chart, and hovering a bar shows its group, series and exact
figure, "—" where there is no denominator). Bar heights are display coordinates, the one place a
rate becomes a float; the figures themselves stay Decimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from app.client.team_views import KpiView
from ui import formatting
from ui.models.base import ALIGN_RIGHT, Column, RecordTableModel

RATE_COLORS = ("#2f6fab", "#5aa469", "#e0a040", "#8e5bb5")


def _rate_value(rate: Decimal | None) -> float:
    return float(rate * 100) if rate is not None else 0.0


class KpiModel(RecordTableModel[KpiView]):
    """One row per group (the team's total first): calls, the four contact rates, amount
    collected, cases at the start, cured and the cure rate."""

    def columns(self) -> Sequence[Column[KpiView]]:
        pct = formatting.percent
        return (
            Column("group", lambda k: k.label or self.tr("Team")),
            Column("attempts", lambda k: f"{k.attempts:,}", ALIGN_RIGHT),
            Column("contact", lambda k: pct(k.contact_rate), ALIGN_RIGHT),
            Column("rpc", lambda k: pct(k.rpc_rate), ALIGN_RIGHT),
            Column("ptp", lambda k: pct(k.ptp_rate), ALIGN_RIGHT),
            Column(
                "kept",
                lambda k: pct(k.ptp_kept_rate),
                ALIGN_RIGHT,
                tooltip=lambda k: (
                    self.tr("%1 kept of %2 due")
                    .replace("%1", str(k.promises_kept))
                    .replace("%2", str(k.promises_due))
                ),
            ),
            Column("collected", lambda k: formatting.money(k.amount_collected_fen), ALIGN_RIGHT),
            Column("start", lambda k: f"{k.cases_at_start:,}", ALIGN_RIGHT),
            Column("cured", lambda k: f"{k.cured:,}", ALIGN_RIGHT),
            Column("cure", lambda k: pct(k.cure_rate), ALIGN_RIGHT),
        )

    def header(self, key: str) -> str:
        return {
            "group": self.tr("Group"),
            "attempts": self.tr("Calls"),
            "contact": self.tr("Contact"),
            "rpc": self.tr("Right party"),
            "ptp": self.tr("PTP"),
            "kept": self.tr("PTP kept"),
            "collected": self.tr("Collected"),
            "start": self.tr("Cases at start"),
            "cured": self.tr("Cured"),
            "cure": self.tr("Cure rate"),
        }[key]


@dataclass(frozen=True, slots=True)
class RollRow:
    group: str
    transition: str
    start_balance_fen: int
    rolled_balance_fen: int
    rate: Decimal | None


def roll_rows(groups: Sequence[KpiView], team_label: str) -> tuple[RollRow, ...]:
    """Each group's roll rates (Mn → Mn+1), the team's first; a group that held no balance
    in Mn at the start has no Mn roll to show."""
    return tuple(
        RollRow(
            g.label or team_label,
            f"{r.from_bucket} → {r.to_bucket}",
            r.start_balance_fen,
            r.rolled_balance_fen,
            r.rate,
        )
        for g in groups
        for r in g.roll
        if r.start_balance_fen or r.rolled_balance_fen
    )


class RollModel(RecordTableModel[RollRow]):
    """Roll rates: the balance that rolled to the next bucket of the balance at the start."""

    def columns(self) -> Sequence[Column[RollRow]]:
        return (
            Column("group", lambda r: r.group),
            Column("roll", lambda r: r.transition),
            Column("start", lambda r: formatting.money(r.start_balance_fen), ALIGN_RIGHT),
            Column("rolled", lambda r: formatting.money(r.rolled_balance_fen), ALIGN_RIGHT),
            Column("rate", lambda r: formatting.percent(r.rate), ALIGN_RIGHT),
        )

    def header(self, key: str) -> str:
        return {
            "group": self.tr("Group"),
            "roll": self.tr("Roll"),
            "start": self.tr("Balance at start"),
            "rolled": self.tr("Rolled"),
            "rate": self.tr("Roll rate"),
        }[key]


class BarChart(QChartView):
    """A percentage bar chart: one bar set per series, one category per group."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        font = QFont(QApplication.font())
        chart.setTitleFont(QFont(font.family(), font.pointSize() + 1, QFont.Weight.Bold))
        chart.legend().setFont(font)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self._font = font
        self.series: QBarSeries | None = None
        self._categories: tuple[str, ...] = ()
        self._rates: tuple[tuple[str, tuple[Decimal | None, ...]], ...] = ()

    def show_rates(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]]
    ) -> None:
        """`series`: (name, one rate per category) each."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSeries()
        for i, (name, rates) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(RATE_COLORS[i % len(RATE_COLORS)]))
            bar_set.setBorderColor(QColor(RATE_COLORS[i % len(RATE_COLORS)]))
            for rate in rates:
                bar_set.append(_rate_value(rate))
            bars.append(bar_set)
        bars.setLabelsVisible(False)
        bars.hovered.connect(self._hovered)
        self._categories = tuple(categories)
        self._rates = tuple((name, tuple(rates)) for name, rates in series)
        chart.addSeries(bars)
        x = QBarCategoryAxis()
        x.append(list(categories))
        x.setLabelsFont(self._font)
        y = QValueAxis()
        y.setRange(0, 100)
        y.setLabelFormat("%d%%")
        y.setTickCount(6)
        y.setLabelsFont(self._font)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x)
        bars.attachAxis(y)
        self.series = bars

    def bar_text(self, set_index: int, index: int) -> str:
        """What hovering a bar says: "M1 · Contact rate: 42.5%" (the exact Decimal rate,
        "—" when the group had nothing to count)."""
        name, rates = self._rates[set_index]
        return f"{self._categories[index]} · {name}: {formatting.percent(rates[index])}"

    def _hovered(self, status: bool, index: int, bar_set: QBarSet) -> None:
        if not status or self.series is None:
            QToolTip.hideText()
            return
        QToolTip.showText(
            QCursor.pos(), self.bar_text(self.series.barSets().index(bar_set), index), self
        )

    def values(self) -> list[list[float]]:
        """The drawn bar heights per set (for tests)."""
        if self.series is None:
            return []
        return [[s.at(i) for i in range(s.count())] for s in self.series.barSets()]

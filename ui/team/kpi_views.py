"""The dashboard's numbers and charts: a table of each group's KPIs, a table of roll rates,
and two QtCharts bar charts (the contact / right-party / PTP / PTP-kept rates per group; the
cure rate and the roll rate to the next bucket per bucket).

Rates arrive with their numerator and denominator (RateView): the tables show
"71.4% (5/7)", so a 100 % from one call reads "100.0% (1/1)", and "—" when there is no
denominator; a chart leaves that slot empty (the bars carry no value labels, which would
read "0%"; the numbers are in the table beside each chart, and hovering a bar shows its
group, series, exact figure and fraction, "—" where there is no denominator). Bar heights are display coordinates, the one place a
rate becomes a float; the figures themselves stay Decimal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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

from app.client.team_views import KpiView, RateView
from ui import formatting
from ui.models.base import ALIGN_RIGHT, Column, RecordTableModel

RATE_COLORS = ("#2f6fab", "#5aa469", "#e0a040", "#8e5bb5")


def _rate_value(rate: Decimal | None) -> float:
    return float(rate * 100) if rate is not None else 0.0


def fraction(r: RateView) -> str:
    """What a rate is made of: "5/7" (thousands separated)."""
    return f"{r.numerator:,}/{r.denominator:,}"


def rate_text(r: RateView) -> str:
    """A rate with its numerator and denominator: "71.4% (5/7)", "100.0% (1/1)"; "—" when
    there is nothing to divide by (no calls, no promises due)."""
    if r.value is None:
        return formatting.NO_VALUE
    return f"{formatting.percent(r.value)} ({fraction(r)})"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a rate chart: its rate (None: no denominator) and what it is made of."""

    rate: Decimal | None
    detail: str = ""


def bar(r: RateView) -> Bar:
    return Bar(r.value, fraction(r) if r.value is not None else "")


class KpiModel(RecordTableModel[KpiView]):
    """One row per group (the team's total first): outbound calls, inbound calls, the four
    contact rates each with its numerator and denominator, amount collected, cases at the
    start, cured and the cure rate. Each header's tooltip gives the definition."""

    def columns(self) -> Sequence[Column[KpiView]]:
        return (
            Column("group", lambda k: k.label or self.tr("Team")),
            Column("attempts", lambda k: f"{k.attempts:,}", ALIGN_RIGHT),
            Column(
                "inbound",
                lambda k: f"{k.inbound_calls:,}",
                ALIGN_RIGHT,
                tooltip=lambda k: (
                    self.tr("%1 inbound calls, %2 from the borrower")
                    .replace("%1", f"{k.inbound_calls:,}")
                    .replace("%2", f"{k.inbound_right_party:,}")
                ),
            ),
            self._rate("contact", lambda k: k.contact_rate),
            self._rate("rpc", lambda k: k.rpc_rate),
            self._rate("ptp", lambda k: k.ptp_rate),
            self._rate("kept", lambda k: k.ptp_kept_rate),
            Column("collected", lambda k: formatting.money(k.amount_collected_fen), ALIGN_RIGHT),
            Column("start", lambda k: f"{k.cases_at_start:,}", ALIGN_RIGHT),
            Column("cured", lambda k: f"{k.cured:,}", ALIGN_RIGHT),
            self._rate("cure", lambda k: k.cure_rate),
        )

    def _rate(self, key: str, get: Callable[[KpiView], RateView]) -> Column[KpiView]:
        return Column(
            key,
            lambda k: rate_text(get(k)),
            ALIGN_RIGHT,
            tooltip=lambda k: self.definition(key, get(k)),
        )

    def definition(self, key: str, r: RateView | None = None) -> str:
        """The DOMAIN.md definition of a column; with `r`, its numerator and denominator."""
        text = {
            "attempts": self.tr("Outbound call attempts (inbound calls are counted apart)"),
            "inbound": self.tr("Calls to the desk; not part of the contact, RPC or PTP rates"),
            "contact": self.tr("Contact rate: connected calls ÷ outbound call attempts"),
            "rpc": self.tr("Right-party contact rate: right-party contacts ÷ connected calls"),
            "ptp": self.tr("PTP rate: contacts ending in a promise ÷ right-party contacts"),
            "kept": self.tr("PTP kept rate: kept promises ÷ promises due and judged"),
            "cure": self.tr("Cure rate: cases cured ÷ cases open at the start"),
        }.get(key, "")
        if r is None:
            return text
        return (
            text
            + "\n"
            + self.tr("%1 of %2")
            .replace("%1", f"{r.numerator:,}")
            .replace("%2", f"{r.denominator:,}")
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._columns)
        ):
            return self.definition(self._columns[section].key) or None
        return super().headerData(section, orientation, role)

    def header(self, key: str) -> str:
        return {
            "group": self.tr("Group"),
            "attempts": self.tr("Outbound"),
            "inbound": self.tr("Inbound"),
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
        self._rates: tuple[tuple[str, tuple[Bar, ...]], ...] = ()
        # one pair of axes for the chart's life: an axis removed and replaced went on
        # drawing its labels, so a new grouping's categories showed through the old ones
        self.x_axis = QBarCategoryAxis()
        self.x_axis.setLabelsFont(font)
        y = QValueAxis()
        y.setRange(0, 100)
        y.setLabelFormat("%d%%")
        y.setTickCount(6)
        y.setLabelsFont(font)
        self.y_axis = y
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)

    def show_rates(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Bar]]]
    ) -> None:
        """`series`: (name, one bar per category) each."""
        chart = self.chart()
        chart.removeAllSeries()
        bars = QBarSeries()
        for i, (name, rates) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(RATE_COLORS[i % len(RATE_COLORS)]))
            bar_set.setBorderColor(QColor(RATE_COLORS[i % len(RATE_COLORS)]))
            for one in rates:
                bar_set.append(_rate_value(one.rate))
            bars.append(bar_set)
        bars.setLabelsVisible(False)
        bars.hovered.connect(self._hovered)
        self._categories = tuple(categories)
        self._rates = tuple((name, tuple(rates)) for name, rates in series)
        chart.addSeries(bars)
        self.x_axis.clear()
        self.x_axis.append(list(categories))
        bars.attachAxis(self.x_axis)
        bars.attachAxis(self.y_axis)
        self.series = bars

    def bar_text(self, set_index: int, index: int) -> str:
        """What hovering a bar says: "M1 · Contact: 42.5% (17/40)" (the exact Decimal rate
        and what it is made of; "—" when the group had nothing to count)."""
        name, bars = self._rates[set_index]
        one = bars[index]
        text = f"{self._categories[index]} · {name}: {formatting.percent(one.rate)}"
        return f"{text} ({one.detail})" if one.detail else text

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

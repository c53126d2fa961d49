"""A small QPainter chart of payment behaviour: one bar per installment over time.

Each bar is the installment's amount; the green part is what was paid, red what is
overdue, grey what is not yet due. Cheap to paint (no QtCharts start-up cost).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.client.views import InstallmentView

PAID = QColor("#5aa469")
OVERDUE = QColor("#d9534f")
PARTLY = QColor("#e0a040")
FUTURE = QColor("#d5dbe1")
AXIS = QColor("#9aa5b1")
TEXT = QColor("#52606d")


class PaymentChart(QWidget):
    """Bars of paid / overdue / not-yet-due per installment; see module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[InstallmentView, ...] = ()
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            self.tr("Payment behaviour: paid (green), overdue (red), not yet due (grey)")
        )

    def sizeHint(self) -> QSize:
        return QSize(360, 96)

    def set_installments(self, items: Sequence[InstallmentView]) -> None:
        self._items = tuple(items)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._paint(p)
        finally:
            p.end()

    def _paint(self, p: QPainter) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        w, h = self.width(), self.height()
        left, top, bottom = 6.0, 16.0, 16.0
        plot_h = max(h - top - bottom, 10.0)
        p.setPen(TEXT)
        p.drawText(
            QRectF(left, 0, w - 2 * left, top),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("Payment behaviour"),
        )
        items = self._items
        if not items:
            return
        largest = max(max(i.payment_fen, 1) for i in items)
        slot = (w - 2 * left) / len(items)
        bar_w = max(slot * 0.7, 1.0)
        base_y = top + plot_h
        for k, inst in enumerate(items):
            x = left + k * slot + (slot - bar_w) / 2
            full = plot_h * inst.payment_fen / largest
            paid = min(inst.paid_principal_fen + inst.paid_interest_fen, inst.payment_fen)
            paid_h = full * paid / inst.payment_fen if inst.payment_fen else 0.0
            rest_color = {
                "overdue": OVERDUE,
                "partly_paid": PARTLY,
                "due": PARTLY,
            }.get(inst.state, FUTURE)
            if inst.state == "paid":
                paid_h = full
            p.fillRect(QRectF(x, base_y - full, bar_w, full - paid_h), rest_color)
            p.fillRect(QRectF(x, base_y - paid_h, bar_w, paid_h), PAID)
        p.setPen(QPen(AXIS, 1))
        p.drawLine(int(left), int(base_y), int(w - left), int(base_y))
        p.setPen(TEXT)
        first, last = items[0].due_date, items[-1].due_date
        p.drawText(
            QRectF(left, base_y + 1, w / 2, bottom),
            Qt.AlignmentFlag.AlignLeft,
            first.strftime("%Y-%m"),
        )
        p.drawText(
            QRectF(w / 2, base_y + 1, w / 2 - left, bottom),
            Qt.AlignmentFlag.AlignRight,
            last.strftime("%Y-%m"),
        )

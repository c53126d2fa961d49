"""The audit viewer: who viewed, revealed, changed, reassigned, approved or exported what and
when (GET /audit; a lead sees the entries made by the team's members, an admin all).
Search by who, what (one action or a family of them), the case or the record, and a time
range; newest first, paged from the server as the list scrolls. The selected entry's details
are shown in full below the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.client.team_views import AuditPageView, AuditQuerySpec
from ui import formatting, labels
from ui.qt_util import from_qdate, named, to_qdate
from ui.team.calls import error_text
from ui.team.export import ExportButton, exported_text
from ui.team.models import AuditModel
from ui.team.parts import Banner, fit_combo, table_view, title

WIDTHS = (130, 90, 190, 300, 400)
RANGES = ("any", "today", "7d", "30d", "between")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), formatting.local_zone())


class AuditPanel(QWidget):
    """See module docstring."""

    message = Signal(str)
    loaded = Signal()

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = api
        self.model = AuditModel(self)
        self.heading = title(self.tr("Audit log"))
        self.actor = QLineEdit()
        self.actor.setPlaceholderText(self.tr("Who (username)"))
        self.action = QComboBox()
        for code, text in labels.audit_filters().items():
            self.action.addItem(text, code)
        self.case = QLineEdit()
        self.case.setPlaceholderText(self.tr("Case id"))
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("Record id (plan, user…)"))
        self.range = QComboBox()
        for code, text in zip(
            RANGES,
            (
                self.tr("Any time"),
                self.tr("Today"),
                self.tr("Last 7 days"),
                self.tr("Last 30 days"),
                self.tr("Between…"),
            ),
            strict=True,
        ):
            self.range.addItem(text, code)
        today = datetime.now(formatting.local_zone()).date()
        self.since = QDateEdit(to_qdate(today - timedelta(days=7)))
        self.until = QDateEdit(to_qdate(today))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
        fit_combo(self.action)
        fit_combo(self.range)
        self.range.currentIndexChanged.connect(self._range_changed)
        self.search_button = named(QPushButton(self.tr("Search")), "primaryButton")
        self.search_button.clicked.connect(self.refresh)
        for line in (self.actor, self.case, self.record):
            line.returnPressed.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)
        self.export = ExportButton(api, "audit", lambda: self.current_query().filter_params())
        self.export.exported.connect(lambda p, n: self.message.emit(exported_text(p, n)))
        self.export.cancelled.connect(self.message.emit)

        filters = QHBoxLayout()
        filters.addWidget(self.actor)
        filters.addWidget(self.action)
        filters.addWidget(self.case)
        filters.addWidget(self.record)
        filters.addWidget(self.range)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addWidget(self.search_button)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.export)
        self.banner = Banner()
        self.export.failed.connect(self.banner.say)
        self.table = table_view(self.model, widths=WIDTHS)
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Select an entry to read all of it."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.model.page_loaded.connect(self._on_page)
        self.model.failed.connect(lambda exc: self.banner.say(error_text(exc)))

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.addLayout(head)
        box.addLayout(filters)
        box.addWidget(self.banner)
        box.addWidget(split, 1)

    @property
    def busy(self) -> bool:
        return self.model.loading

    def set_team(self, _team: str | None) -> None:
        """The audit log is scoped by the server (the team's members; an admin: all)."""
        self.refresh()

    def _range_changed(self) -> None:
        between = self.range.currentData() == "between"
        self.since.setVisible(between)
        self.until.setVisible(between)
        self.refresh()

    def current_query(self) -> AuditQuerySpec:
        today = datetime.now(formatting.local_zone()).date()
        since: datetime | None = None
        until: datetime | None = None
        chosen = self.range.currentData()
        if chosen == "today":
            since = _start_of(today)
        elif chosen in ("7d", "30d"):
            since = _start_of(today - timedelta(days=6 if chosen == "7d" else 29))
        elif chosen == "between":
            first, last = from_qdate(self.since.date()), from_qdate(self.until.date())
            if last < first:
                first, last = last, first
            since, until = _start_of(first), _start_of(last + timedelta(days=1))
        return AuditQuerySpec(
            actor=self.actor.text().strip(),
            action=str(self.action.currentData() or ""),
            entity_id=self.record.text().strip(),
            case_id=self.case.text().strip(),
            since=since,
            until=until,
        )

    def set_between(self, first: date, last: date) -> None:
        self.since.setDate(to_qdate(first))
        self.until.setDate(to_qdate(last))
        self.range.setCurrentIndex(self.range.findData("between"))

    def refresh(self) -> None:
        query = self.current_query()
        api = self.api
        self.details.clear()
        self.model.load(lambda offset, limit: api.audit(replace(query, offset=offset, limit=limit)))

    def _on_page(self, page: AuditPageView) -> None:
        self.banner.clear()
        self.heading.setText(self.tr("Audit log (%1)").replace("%1", f"{page.total:,}"))
        self.loaded.emit()

    def _show_details(self, *_args: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.details.clear()
            return
        e = self.model.row_at(rows[0].row())
        head = [
            formatting.local_time(e.at),
            e.actor or "",
            f"{labels.label(labels.audit_actions(), e.action)} ({e.action})",
            " ".join(p for p in (e.entity, e.entity_id or "") if p),
        ]
        self.details.setPlainText(
            "\n".join([" · ".join(p for p in head if p), *(f"{k}: {v}" for k, v in e.details)])
        )

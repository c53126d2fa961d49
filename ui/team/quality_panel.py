"""The lead's quality queue (智能质检): the team's reviewed calls worst first, filters by
agent, rule and date; the selected call's transcript with each finding's words highlighted
at its time, and agree / disagree with a comment per finding (GET /team/quality, GET
/team/quality/{id}, POST /team/quality/findings/{id}/verdict). Recordings are not played
here yet (they do not exist)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.client.quality_api import QualityApi
from app.protocol.quality import QualityCall, QualityFindingOut, QualityQueuePage
from ui import formatting
from ui.qt_util import from_qdate, named, to_qdate
from ui.team.calls import LatestCall, error_text
from ui.team.parts import Banner, fit_combo, title

HIGHLIGHT = "#ffe08a"


def rule_names() -> dict[str, str]:
    """The review rules in words."""
    return {
        "recording_notice_missing": QCoreApplication.translate(
            "QualityPanel", "Recording notice missing"
        ),
        "company_name_missing": QCoreApplication.translate("QualityPanel", "Company name missing"),
        "disclosure_before_identity": QCoreApplication.translate(
            "QualityPanel", "Debt disclosed before identity check"
        ),
        "third_party_disclosure": QCoreApplication.translate(
            "QualityPanel", "Debt disclosed to a third party"
        ),
        "banned_phrase": QCoreApplication.translate("QualityPanel", "Banned phrase"),
        "promise_mismatch": QCoreApplication.translate(
            "QualityPanel", "Promise differs from the wrap-up"
        ),
        "outside_contact_rules": QCoreApplication.translate(
            "QualityPanel", "Outside the contact rules"
        ),
    }


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}"


def transcript_html(call: QualityCall, speakers: dict[str, str], sep: str = ": ") -> str:
    """The transcript as HTML, the segments a finding points at highlighted."""
    marked = {round(f.at, 1) for f in call.findings}
    rows = []
    for seg in call.segments:
        style = f" style='background:{HIGHLIGHT}'" if round(seg.start, 1) in marked else ""
        rows.append(
            f"<p{style}><span style='color:#666'>{_clock(seg.start)}</span> "
            f"<b>{html.escape(speakers[seg.speaker])}</b>{html.escape(sep)}{html.escape(seg.text)}</p>"
        )
    return "".join(rows)


class QualityPanel(QWidget):
    """See module docstring."""

    message = Signal(str)
    loaded = Signal()

    def __init__(self, api: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.api = QualityApi(api.api) if hasattr(api, "api") else api
        self.team: str | None = None
        self.call: QualityCall | None = None
        self._queue_call = LatestCall(self)
        self._detail_call = LatestCall(self)
        self.banner = Banner()
        self.agent = QLineEdit()
        self.agent.setPlaceholderText(self.tr("Agent (username)"))
        self.rule = QComboBox()
        self.rule.addItem(self.tr("Any rule"), "")
        for code, text in rule_names().items():
            self.rule.addItem(text, code)
        fit_combo(self.rule)
        today = datetime.now(formatting.local_zone()).date()
        self.use_dates = QCheckBox(self.tr("Between"))
        self.since = QDateEdit(to_qdate(today - timedelta(days=7)))
        self.until = QDateEdit(to_qdate(today))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.search = QPushButton(self.tr("Search"))
        self.search.clicked.connect(self.refresh)
        self.agent.returnPressed.connect(self.refresh)

        self.table = named(QTableWidget(0, 5), "qualityQueue")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Score"), self.tr("Date"), self.tr("Agent"), self.tr("Borrower"),
             self.tr("Rules broken")]
        )  # fmt: skip
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, w in enumerate((60, 100, 130, 90)):
            self.table.setColumnWidth(i, w)
        self.table.itemSelectionChanged.connect(self._selected)

        self.call_title = title()
        self.transcript = named(QTextBrowser(), "qualityTranscript")
        self.findings = named(QListWidget(), "qualityFindings")
        self.findings.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment for the agent and the rule owners"))
        self.agree = QPushButton(self.tr("Agree"))
        self.disagree = QPushButton(self.tr("Disagree"))
        self.agree.clicked.connect(lambda: self._verdict("agree"))
        self.disagree.clicked.connect(lambda: self._verdict("disagree"))
        self._layout()
        self._show_call(None)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for w in (self.agent, self.rule, self.use_dates, self.since, QLabel("–"), self.until):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.search)
        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(title(self.tr("Quality queue (worst first)")))
        lbox.addWidget(self.table, 1)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.call_title)
        rbox.addWidget(self.transcript, 3)
        rbox.addWidget(QLabel(self.tr("Findings")))
        rbox.addWidget(self.findings, 2)
        verdict = QHBoxLayout()
        verdict.addWidget(self.comment, 1)
        verdict.addWidget(self.agree)
        verdict.addWidget(self.disagree)
        rbox.addLayout(verdict)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([560, 800])
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 8)
        box.addWidget(self.banner)
        box.addLayout(filters)
        box.addWidget(split, 1)

    # --- the queue ----------------------------------------------------------------------
    def set_team(self, team: str | None) -> None:
        self.team = team
        self.refresh()

    def refresh(self) -> None:
        dated = self.use_dates.isChecked()
        query: dict[str, Any] = {
            "team": self.team,
            "agent": self.agent.text().strip() or None,
            "rule": str(self.rule.currentData() or "") or None,
            "date_from": from_qdate(self.since.date()) if dated else None,
            "date_to": from_qdate(self.until.date()) if dated else None,
        }
        self._queue_call.run(lambda: self.api.queue(**query), self.show_queue, self._failed)

    def show_queue(self, page: QualityQueuePage) -> None:
        self.banner.clear()
        names = rule_names()
        self.table.setRowCount(len(page.items))
        for row, item in enumerate(page.items):
            cells = (
                str(item.score),
                item.call_date.isoformat(),
                item.agent,
                item.borrower_masked,
                self.tr(", ").join(names.get(c, c) for c in item.codes) or self.tr("None"),
            )
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.transcript_id)
                self.table.setItem(row, col, cell)
        self.loaded.emit()

    def _selected(self) -> None:
        items = self.table.selectedItems()
        if not items:
            return
        tid = str(items[0].data(Qt.ItemDataRole.UserRole))
        self._detail_call.run(lambda: self.api.call(tid), self._show_call, self._failed)

    # --- one call -------------------------------------------------------------------------
    def _show_call(self, call: QualityCall | None) -> None:
        self.call = call
        self.findings.clear()
        for w in (self.agree, self.disagree, self.comment):
            w.setEnabled(call is not None and bool(call.findings))
        if call is None:
            self.call_title.setText(self.tr("Select a call to see its transcript"))
            self.transcript.clear()
            return
        self.call_title.setText(
            self.tr("{date} · {agent} · {borrower} · score {score}").format(
                date=call.call_date.isoformat(),
                agent=call.agent,
                borrower=call.borrower_masked,
                score=call.score if call.score is not None else "–",
            )
        )
        speakers = {"agent": self.tr("Agent"), "customer": self.tr("Customer")}
        self.transcript.setHtml(transcript_html(call, speakers, self.tr(": ")))
        for f in call.findings:
            self.findings.addItem(self._finding_item(f))
        if call.findings:
            self.findings.setCurrentRow(0)

    def _finding_item(self, f: QualityFindingOut) -> QListWidgetItem:
        names = rule_names()
        verdict = {"agree": self.tr("agreed"), "disagree": self.tr("disagreed")}
        quote = self.tr("“{quote}”").format(quote=f.quote)
        text = f"{_clock(f.at)}  {names.get(f.code, f.code)}  −{f.points}  {quote}"
        if f.verdict:
            text += f"\n    {verdict[f.verdict]} ({f.verdict_by}): {f.verdict_comment or ''}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, f.id)
        return item

    def _verdict(self, verdict: str) -> None:
        item = self.findings.currentItem()
        if item is None or self.call is None:
            return
        fid = int(item.data(Qt.ItemDataRole.UserRole))
        comment = self.comment.text()
        tid = self.call.transcript_id

        def done(_answer: QualityFindingOut) -> None:
            self.comment.clear()
            self.message.emit(self.tr("Verdict saved"))
            self._detail_call.run(lambda: self.api.call(tid), self._show_call, self._failed)

        LatestCall(self).run(lambda: self.api.verdict(fid, verdict, comment), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.banner.say(error_text(exc))

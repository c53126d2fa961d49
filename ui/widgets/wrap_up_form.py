"""The wrap-up form: how the contact ended (disposition, reason, result), a promise to pay,
a callback, and the note (with quick phrases); Save (F9).

The whole form is the value app.client.wrap_up.WrapUp. It is kept as a local draft as the
agent types (debounced), call details included, so a crash loses nothing; saving goes
through CallService.save_wrap_up (contact, note, promise, callback and their outbox ops in
one transaction). Each broken rule is shown next to its field and nothing is written. Banned
phrases show as the agent types (banned_notice); a violation holds Save once, then flags.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.client.call_service import WrapUpRefused
from app.client.views import ChangeSet
from app.client.wrap_up import WrapUp
from app.domain.banned_phrases import BannedHit
from app.domain.errors import DomainError
from app.domain.followups import FieldProblem
from ui import formatting, labels
from ui.i18n import current_language
from ui.qt_util import aware_from_qdatetime, from_qdate, named, to_qdate, to_qdatetime
from ui.widgets.banned_notice import BannedNotice

log = logging.getLogger(__name__)
DRAFT_DEBOUNCE_MS = 400  # also the banned-phrase check's, as the agent types


class WrapUpService(Protocol):
    """The slice of CallService the form uses."""

    def save_wrap_up(self, w: WrapUp, *, now: datetime | None = None) -> ChangeSet: ...
    def save_draft(self, w: WrapUp) -> None: ...
    def load_draft(self, case_id: str) -> WrapUp | None: ...
    def banned_phrases(self, text: str) -> list[BannedHit]: ...


class WrapUpForm(QFrame):
    """See module docstring. `saved(ChangeSet)` after a wrap-up is stored locally."""

    saved = Signal(object)

    def __init__(self, service: WrapUpService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._service = service
        self._base = WrapUp(case_id="")
        self._loading = False
        self._dirty = False
        self._banned_ack: list[str] = []
        self._call_label = ""
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._banned_timer = QTimer(self, singleShot=True, interval=DRAFT_DEBOUNCE_MS)
        self._banned_timer.timeout.connect(self.check_banned)

        self.title = named(QLabel(self.tr("Wrap-up")), "panelTitle")
        self.call_info = named(QLabel(), "muted")
        self.call_info.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.call_info, 1)

        self.channel = self._combo(labels.channels(), none=None)
        self.disposition = self._combo(labels.dispositions(), none=self.tr("— how did it end —"))
        self.reason = self._combo(labels.reasons(), none=self.tr("— reason (optional) —"))
        self.result = self._combo(labels.results(), none=self.tr("— result (optional) —"))
        self.promise_amount = named(QLineEdit(), "promiseAmount")
        self.promise_amount.setPlaceholderText(self.tr("amount, e.g. 1500.00"))
        self.promise_date = QDateEdit()
        self.promise_date.setCalendarPopup(True)
        self.promise_date.setDisplayFormat("yyyy-MM-dd")
        self.has_promise = QCheckBox(self.tr("Promise"))
        self.has_callback = QCheckBox(self.tr("Callback"))
        self.callback_at = QDateTimeEdit()
        self.callback_at.setCalendarPopup(True)
        self.callback_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.phrases = named(QComboBox(), "quickPhrases")
        self.phrases.addItem(self.tr("Insert a quick phrase…"), None)
        for code, text in labels.quick_phrases().items():
            self.phrases.addItem(text, code)
        self.phrases.activated.connect(self._insert_phrase)
        self.text = named(QPlainTextEdit(), "noteText")
        self.text.setPlaceholderText(self.tr("What happened on the call, what was agreed…"))
        self.text.setTabChangesFocus(True)
        self.errors: dict[str, QLabel] = {}

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(3)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Outcome"), self._with_error("disposition", self.disposition))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Result"), self._with_error("result", self.result))
        promise_row = QHBoxLayout()
        promise_row.addWidget(self.promise_amount, 1)
        promise_row.addWidget(self.promise_date)
        form.addRow(self.has_promise, self._with_error("promise", promise_row))
        form.addRow(self.has_callback, self._with_error("callback_at", self.callback_at))
        self.banned_notice = BannedNotice(self)
        self.draft_label = named(QLabel(), "muted")
        self.save_button = named(QPushButton(self.tr("Save (F9)")), "primaryButton")
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_label, 1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(self.phrases)
        layout.addWidget(self._with_error("text", self.text), 1)
        layout.addWidget(self.banned_notice.banned)
        layout.addWidget(self.banned_notice.review)
        layout.addLayout(bottom)

        for w in (self.channel, self.disposition, self.reason, self.result):
            w.currentIndexChanged.connect(self._changed)
        self.disposition.currentIndexChanged.connect(self._disposition_changed)
        self.promise_amount.textChanged.connect(self._changed)
        self.promise_date.dateChanged.connect(self._changed)
        self.callback_at.dateTimeChanged.connect(self._changed)
        self.text.textChanged.connect(self._changed)
        self.text.textChanged.connect(self._banned_timer.start)
        self.has_promise.toggled.connect(self._toggle_promise)
        self.has_callback.toggled.connect(self._toggle_callback)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.save)
        chain = (
            self.disposition,
            self.reason,
            self.result,
            self.has_promise,
            self.promise_amount,
            self.promise_date,
            self.has_callback,
            self.callback_at,
            self.phrases,
            self.text,
            self.save_button,
        )
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._toggle_promise(False)
        self._toggle_callback(False)
        self.setEnabled(False)

    # --- building ---------------------------------------------------------------------
    def _combo(self, table: dict[str, str], *, none: str | None) -> QComboBox:
        box = QComboBox()
        if none is not None:
            box.addItem(none, None)
        for code, text in table.items():
            box.addItem(text, code)
        return box

    def _with_error(self, key: str, field: Any) -> QWidget:
        """`field` (a widget or layout) with a red line under it for its problems."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        error = named(QLabel(), "errorText")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self.errors[key] = error
        return holder

    # --- the case and the call --------------------------------------------------------
    def case_id(self) -> str:
        return self._base.case_id

    def set_case(self, case_id: str, *, now: datetime) -> WrapUp | None:
        """Show the case's draft (or an empty form), saving the previous draft first;
        returns the draft when there was one (the script panel restores its walk from it)."""
        self.flush_draft()
        draft = self._service.load_draft(case_id) if case_id else None
        self._show(draft or WrapUp(case_id=case_id), now=now)
        self.draft_label.setText(self.tr("Draft restored") if draft else "")
        self.setEnabled(bool(case_id))
        return draft

    def clear(self) -> None:
        self.flush_draft()
        self._show(WrapUp(case_id=""), now=datetime.now(UTC))
        self.setEnabled(False)

    def begin_call(
        self,
        *,
        phone_id: str,
        contact_id: str,
        started_at: datetime,
        recording_ref: str,
        override_reason: str | None,
        label: str,
    ) -> None:
        """A call started on this case: the form records it (and keeps it in the draft)."""
        self._base = self.current().with_(
            channel="outbound_call",
            phone_id=phone_id,
            contact_id=contact_id,
            started_at=started_at,
            duration_s=0,
            recording_ref=recording_ref,
            override_reason=override_reason,
        )
        self._call_label = label
        self._set_channel("outbound_call")
        self._show_call_info()
        self._mark_dirty(immediately=True)

    def end_call(self, *, duration_s: int) -> None:
        """The call ended: its duration is recorded; focus goes to the outcome."""
        self._base = self.current().with_(duration_s=max(0, duration_s))
        self._show_call_info()
        self._mark_dirty(immediately=True)
        self.disposition.setFocus()

    def amend(self, note_id: str, label: str) -> None:
        """Write a correction of a saved note (saved notes never change: the correction is
        a new note that points at it)."""
        self._base = self.current().with_(amends=note_id)
        self.call_info.setText(self.tr("Correction of the note of %1").replace("%1", label))
        self.text.setFocus()
        self._mark_dirty()

    def apply_script(
        self, sets: dict[str, str], capture: tuple[str, ...], script: dict[str, Any]
    ) -> None:
        """Take what the script's choices set; open the fields the step captures."""
        self._loading = True
        try:
            for key, box in (
                ("disposition", self.disposition),
                ("reason", self.reason),
                ("result", self.result),
            ):
                if key in sets:
                    box.setCurrentIndex(max(0, box.findData(sets[key])))
            if "promise" in capture or sets.get("result") == "promise_to_pay":
                self.has_promise.setChecked(True)
            if "callback" in capture or sets.get("result") == "callback_scheduled":
                self.has_callback.setChecked(True)
        finally:
            self._loading = False
        self._base = self._base.with_(script=script)
        self._mark_dirty()

    # --- the form as a value ----------------------------------------------------------
    def current(self) -> WrapUp:
        """The form as a WrapUp (unparseable amounts read as None; `problems` says why)."""
        amount: int | None = None
        if self.has_promise.isChecked():
            try:
                amount = formatting.parse_money(self.promise_amount.text())
            except DomainError:
                amount = None
        return self._base.with_(
            channel=self.channel.currentData() or "outbound_call",
            disposition=self.disposition.currentData(),
            reason=self.reason.currentData(),
            result=self.result.currentData(),
            promise_amount_fen=amount,
            promise_date=from_qdate(self.promise_date.date())
            if self.has_promise.isChecked()
            else None,
            callback_at=aware_from_qdatetime(self.callback_at.dateTime(), formatting.local_zone())
            if self.has_callback.isChecked()
            else None,
            text=self.text.toPlainText(),
        )

    def _show(self, w: WrapUp, *, now: datetime) -> None:
        self._loading = True
        try:
            self._base = w
            self._call_label = ""
            self._set_channel(w.channel)
            for box, code in (
                (self.disposition, w.disposition),
                (self.reason, w.reason),
                (self.result, w.result),
            ):
                box.setCurrentIndex(max(0, box.findData(code)) if code else 0)
            self.has_promise.setChecked(
                w.promise_amount_fen is not None or w.promise_date is not None
            )
            self.promise_amount.setText(
                formatting.money(w.promise_amount_fen, symbol=False).replace(",", "")
                if w.promise_amount_fen is not None
                else ""
            )
            local_today = now.astimezone(formatting.local_zone()).date()
            self.promise_date.setDate(to_qdate(w.promise_date or local_today + timedelta(days=1)))
            self.has_callback.setChecked(w.callback_at is not None)
            self.callback_at.setDateTime(
                to_qdatetime(w.callback_at or _next_hour(now), formatting.local_zone())
            )
            self.text.setPlainText(w.text)
            self._banned_ack = []
            self._show_problems(())
            self.banned_notice.show_hits([], saving=False)
        finally:
            self._loading = False
        self._dirty = False
        self._show_call_info()

    def _set_channel(self, code: str) -> None:
        self.channel.setCurrentIndex(max(0, self.channel.findData(code)))
        self.channel.setEnabled(not self._base.call_placed)

    def _show_call_info(self) -> None:
        w = self._base
        if w.amends and not w.call_placed:
            self.call_info.setText(self.tr("Correction of a saved note"))
            return
        if not w.call_placed or w.started_at is None:
            self.call_info.setText(self.tr("No call placed: a note or another contact"))
            return
        started = formatting.local_time(w.started_at)
        text = self.tr("Call %1 at %2").replace("%1", self._call_label or "").replace("%2", started)
        if w.duration_s:
            text += " · " + formatting.duration(w.duration_s)
        if w.override_reason:
            text += " · " + self.tr("policy overridden")
        self.call_info.setText(text)

    # --- edits and drafts -------------------------------------------------------------
    def _toggle_promise(self, on: bool) -> None:
        self.promise_amount.setEnabled(on)
        self.promise_date.setEnabled(on)
        self._changed()

    def _toggle_callback(self, on: bool) -> None:
        self.callback_at.setEnabled(on)
        self._changed()

    def _disposition_changed(self) -> None:
        """Nobody answered: a quick phrase fills an empty note (one key less per call)."""
        code = self.disposition.currentData()
        if self._loading or code not in ("no_answer", "busy", "voicemail"):
            return
        if not self.text.toPlainText().strip():
            self.text.setPlainText(labels.quick_phrases()[code])

    def _insert_phrase(self, index: int) -> None:
        code = self.phrases.itemData(index)
        if code is None:
            return
        self.text.insertPlainText(labels.quick_phrases()[code])
        self.phrases.setCurrentIndex(0)
        self.text.setFocus()

    def _changed(self, *_args: object) -> None:
        if self._loading or not self._base.case_id:
            return
        self._mark_dirty()

    def _mark_dirty(self, *, immediately: bool = False) -> None:
        self._dirty = True
        if immediately:
            self.flush_draft()
        else:
            self._draft_timer.start()

    def flush_draft(self) -> None:
        """Write the pending draft now (on timer, case switch, call start/end and close)."""
        self._draft_timer.stop()
        if not self._dirty or not self._base.case_id:
            return
        self._dirty = False
        try:
            self._service.save_draft(self.current())
            self.draft_label.setText(self.tr("Draft saved"))
        except Exception:  # a full disk must not take the form down; the values stay here
            log.exception("could not save the wrap-up draft")
            self._dirty = True
            self.draft_label.setText(self.tr("Draft not saved — check disk space"))

    # --- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        """Store the wrap-up; True when stored. Problems are shown next to their fields."""
        if not self._base.case_id or not self.isEnabled():
            return False
        w = self.current()
        problems = list(self._parse_problems())
        self._banned_timer.stop()
        hits = self._service.banned_phrases(w.text)
        found = [h.phrase for h in hits if h.severity == "block"]
        self.banned_notice.show_hits(hits, saving=bool(found))
        if found and found != self._banned_ack:
            self._banned_ack = found
            return False
        self._draft_timer.stop()
        try:
            if problems:
                raise WrapUpRefused(tuple(problems))
            changes = self._service.save_wrap_up(w)
        except WrapUpRefused as exc:
            self._show_problems(exc.problems)
            return False
        except DomainError as exc:
            self._show_problems((FieldProblem(exc.field, "invalid", exc.reason, exc.reason),))
            return False
        except Exception:
            log.exception("saving a wrap-up failed")
            self._dirty = True
            self._draft_timer.start()
            self._show_problems(
                (
                    FieldProblem(
                        "text",
                        "store",
                        "未能写入本地数据，内容已保留，请重试",
                        "Not saved: the local store could not be written. Your entries are "
                        "kept; try again.",
                    ),
                )
            )
            return False
        self._show(WrapUp(case_id=self._base.case_id), now=datetime.now(UTC))
        self.draft_label.setText(self.tr("Saved — it will be sent with the next sync"))
        self.saved.emit(changes)
        return True

    def check_banned(self) -> list[BannedHit]:
        """Check the note now and show what was found (on a timer as the agent types)."""
        self._banned_timer.stop()
        hits = self._service.banned_phrases(self.text.toPlainText()) if self._base.case_id else []
        self.banned_notice.show_hits(hits, saving=False)
        return hits

    def _parse_problems(self) -> list[FieldProblem]:
        if not self.has_promise.isChecked() or not self.promise_amount.text().strip():
            return []
        try:
            formatting.parse_money(self.promise_amount.text())
        except DomainError:
            return [
                FieldProblem(
                    "promise_amount",
                    "not_an_amount",
                    "金额格式不正确（例如 1500.00）",
                    "not an amount (e.g. 1500.00)",
                )
            ]
        return []

    def _show_problems(self, problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> None:
        zh = current_language() == "zh_CN"
        by_key: dict[str, list[str]] = {}
        for p in problems:
            key = "promise" if p.field in ("promise_amount", "promise_date") else p.field
            key = key if key in self.errors else "text"
            by_key.setdefault(key, []).append(p.message_zh if zh else p.message_en)
        for key, label in self.errors.items():
            msgs = by_key.get(key)
            label.setVisible(bool(msgs))
            label.setText("；".join(msgs) if zh and msgs else "; ".join(msgs or []))

    def problems_shown(self) -> dict[str, str]:
        """The problem texts next to each field (tests and screenshots)."""
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}


def _next_hour(now: datetime) -> datetime:
    local = now.astimezone(formatting.local_zone())
    return (local + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)

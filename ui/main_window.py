"""The desk's main window: worklist | profile over history | the call (script, plan,
notes and contact history over the wrap-up form).

It wires panels to DeskService (local reads/writes), to the signal hub (what changed), to
the background sync and to the call controller (dialing); it holds no data of its own
beyond the current case. Keys: F1 help, F2 next case, F5 call, F6 end call, F9 save the
wrap-up, Ctrl+W the wrap-up, Ctrl+1..4 the right pane's tabs. A team lead or an admin also
gets the team console (`team`: a TeamApi), a second page of the window (ui/team/mode.py).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.client.desk_service import CaseNotFound
from app.client.views import CaseDetail, ChangeSet, SyncReport
from app.domain.errors import DomainError
from ui import formatting, settings, window_layout
from ui.call_controller import CallController
from ui.call_outcome_text import end_note, end_summary
from ui.dialogs.settings_dialog import softphone_template
from ui.phone_bridge import PhoneBridge, baresip_address, make_phone, phone_mode
from ui.qt_util import named
from ui.reminders import ReminderCenter
from ui.signal_hub import SignalHub
from ui.softphone import launch as launch_softphone
from ui.widgets.case_side_panel import CaseSidePanel
from ui.widgets.help_overlay import HelpOverlay
from ui.widgets.history_panel import HistoryPanel
from ui.widgets.profile_panel import ProfilePanel
from ui.widgets.reminder_banner import ReminderBanner
from ui.widgets.status_bar import DeskStatusBar
from ui.widgets.worklist_panel import WorklistPanel

log = logging.getLogger(__name__)
SPLITTERS = ("mainSplitter", "centreSplitter", "rightSplitter")
# during a long pull, refresh the worklist from the pages already stored at most this often
FILL_INTERVAL_S = 1.0
DEFAULT_SIZE = (1600, 920)


class MainWindow(QMainWindow):
    """See module docstring. `sync` is a ui.background.BackgroundSync or None (tests)."""

    reauth_needed = Signal()
    account_disabled = Signal()  # the server says the account is disabled: wipe the desk
    language_changed = Signal(str)  # the saved preference ("" = follow the system)
    sign_out_requested = Signal()

    def __init__(
        self,
        service: Any,
        hub: SignalHub,
        *,
        sync: Any = None,
        user_label: str = "",
        restore: bool = True,
        online: Any = None,
        softphone: Any = None,
        phone: Any = None,
        agent_name: str = "",
        reminders: bool = True,
        team: Any = None,
        role: str = "agent",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._damage_reported = False
        self.hub = hub
        self.sync = sync
        self.setWindowTitle(self.tr("Collection Desk"))
        self.setObjectName("mainWindow")
        self.current: CaseDetail | None = None

        self.worklist = WorklistPanel(service.worklist)
        self.profile = ProfilePanel()
        self.history = HistoryPanel()
        self.side = CaseSidePanel(service, agent_name=agent_name or user_label.split(" · ")[0])
        self.online = online
        self.centre = named(QSplitter(Qt.Orientation.Vertical), "centreSplitter")
        self.profile_scroll = QScrollArea()
        self.profile_scroll.setWidget(self.profile)
        self.profile_scroll.setWidgetResizable(True)
        self.profile_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.centre.addWidget(self.profile_scroll)
        self.centre.addWidget(self.history)
        self.centre.setStretchFactor(1, 1)
        self.centre.setChildrenCollapsible(False)
        # the case header stays above the scrolling profile (who, how late, how much)
        centre_column = QWidget()
        column = QVBoxLayout(centre_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.profile.header)
        column.addWidget(self.centre, 1)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "mainSplitter")
        self.splitter.addWidget(self.worklist)
        self.splitter.addWidget(centre_column)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.fit_panes(DEFAULT_SIZE[0], DEFAULT_SIZE[1])
        self.banner = ReminderBanner()
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.help = HelpOverlay(central)
        self._launch = softphone or launch_softphone
        self.calls = CallController(
            service.calls,
            online=online,
            softphone=self._launch,
            template=softphone_template,
            parent_widget=self,
        )
        self.phone_bridge = PhoneBridge(self)
        self.phone_bridge.call_event.connect(self.calls.on_phone_event)
        self.phone: Any = None
        self.use_phone(phone or make_phone(softphone_template, self._launch))
        self.reminders = ReminderCenter(service.calls, parent=self) if reminders else None

        self.status = DeskStatusBar()
        self.setStatusBar(self.status)
        self._build_actions(user_label)

        self.worklist.case_selected.connect(self.show_case)
        self.side.wrap_up.saved.connect(self._wrap_up_saved)
        self.side.plan.proposed.connect(self._wrap_up_saved)
        self.side.plan.exported.connect(self._note_saved)
        self.side.amend_requested.connect(self._amend)
        self.side.call_bar.end_requested.connect(self.end_call)
        self.profile.dial_requested.connect(self.dial)
        self.profile.reveal_requested.connect(self.reveal)
        self.calls.started.connect(self._call_started)
        self.calls.ringing.connect(lambda call: self.side.call_bar.ringing(call.label))
        self.calls.answered.connect(
            lambda call: self.side.call_bar.answered(call.label, call.answered_at)
        )
        self.calls.ended.connect(self._call_ended)
        self.calls.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.banner.open_case.connect(self._open_reminded)
        if self.reminders is not None:
            self.reminders.due.connect(self.banner.push)
        self.status.attention_requested.connect(self.open_attention)
        self.profile.edit_flags_requested.connect(self.edit_flags)
        hub.changed.connect(self.apply_changes)
        hub.sync_status.connect(self.status.show_status)
        if sync is not None:
            sync.report.connect(self._sync_finished)
            sync.started.connect(self._sync_started)
            sync.progress.connect(self._sync_progress)
        self._last_fill = 0.0
        # a lead's or an admin's team console (ui/team), a second page of this window
        self.team_mode: Any = None
        if team is not None and role in ("team_lead", "admin"):
            from ui.team.mode import TeamMode

            self.team_mode = TeamMode(self, team, role)
        self._persist_layout = restore
        if restore:
            self.restore_layout()
        else:
            self.resize(*DEFAULT_SIZE)

    def fit_panes(self, width: int, height: int) -> None:
        """Share `width` x `height` between the panes (a window without a saved layout, or
        a new size for screenshots): pane_widths decides, the profile gets a third of
        the centre's height and the history the rest."""
        self.resize(width, height)
        sizes = window_layout.pane_widths(
            width,
            worklist_wants=self.worklist.preferred_width(),
            side_needs=self.side.minimumSizeHint().width(),
        )
        self.splitter.setSizes(list(sizes))
        centre = max(300, height - 170)
        self.centre.setSizes([centre * 9 // 20, centre - centre * 9 // 20])
        # the side pane's split needs its real height: once the window is laid out
        QTimer.singleShot(0, lambda: self.side.fit_height(sum(self.side.splitter.sizes())))

    # --- construction -----------------------------------------------------------------
    def _build_actions(self, user_label: str) -> None:
        bar = named(QToolBar(self.tr("Main")), "mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        bar.addWidget(named(QLabel(self.tr("Collection Desk")), "brandLabel"))
        self.next_action = QAction(self.tr("Next case (F2)"), self)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.next_action.triggered.connect(self.next_case)
        self.call_action = QAction(self.tr("Call (F5)"), self)
        self.call_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.call_action.triggered.connect(self.call_borrower)
        self.end_action = QAction(self.tr("End call (F6)"), self)
        self.end_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.end_action.triggered.connect(self.end_call)
        self.addAction(self.end_action)
        self.help_action = QAction(self.tr("Keys (F1)"), self)
        self.help_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.help_action.triggered.connect(lambda: self.help.toggle())
        self.addAction(self.help_action)
        wrap = QAction(self)
        wrap.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_W))
        wrap.triggered.connect(self.focus_wrap_up)
        self.addAction(wrap)
        for i, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)):
            tab = QAction(self)
            tab.setShortcut(QKeySequence(Qt.Modifier.CTRL | key))
            tab.triggered.connect(lambda _=False, k=i: self.show_tab(k))
            self.addAction(tab)
        self.sync_action = QAction(self.tr("Sync"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_R))
        self.sync_action.triggered.connect(self.sync_now)
        bar.addAction(self.next_action)
        bar.addAction(self.call_action)
        bar.addAction(self.sync_action)
        bar.addAction(self.help_action)
        bar.addSeparator()
        self.search = named(QLineEdit(), "searchBox")
        self.search.setPlaceholderText(self.tr("Search name, phone, contract, plate (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.textChanged.connect(self.worklist.set_search)
        self.search.returnPressed.connect(self._search_done)
        bar.addWidget(self.search)
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(self._focus_search)
        self.addAction(focus_search)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.user_label = named(QLabel(user_label), "userLabel")
        bar.addWidget(self.user_label)

        menu = self.menuBar().addMenu(self.tr("&Desk"))
        menu.addAction(self.next_action)
        menu.addAction(self.call_action)
        menu.addAction(self.end_action)
        menu.addAction(self.sync_action)
        menu.addAction(self.help_action)
        attention = menu.addAction(self.tr("Needs attention…"))
        attention.triggered.connect(self.open_attention)
        menu.addSeparator()
        prefs = menu.addAction(self.tr("Settings…"))
        prefs.triggered.connect(self.open_settings)
        sign_out = menu.addAction(self.tr("Sign out"))
        sign_out.triggered.connect(self.sign_out_requested)
        menu.addSeparator()
        quit_action = menu.addAction(self.tr("Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

    def focus_wrap_up(self) -> None:
        """Ctrl+W: the wrap-up's first field (unfolded if the plan tab folded it)."""
        self.side.show_wrap_up()
        self.side.wrap_up.disposition.setFocus()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- worklist and case ------------------------------------------------------------
    def _search_done(self) -> None:
        """Enter in the search box: run the search now and go to the first match."""
        self.worklist.apply_filters()
        self.worklist.table.setFocus()
        if self.worklist.model.rowCount():
            self.worklist.select_row(0)

    def load(self) -> None:
        """First fill of the worklist from the local store; selects the first case."""
        self.worklist.apply_filters()
        self.refresh_status()
        if not self.worklist.current_case():
            self.worklist.select_row(0)
        if self.reminders is not None:
            self.reminders.start()

    def next_case(self) -> None:
        if self.calls.active is not None:
            self.statusBar().showMessage(self.tr("End the call first (F6)."), 5000)
            return
        if not self.worklist.next_case():
            self.statusBar().showMessage(self.tr("End of the worklist"), 3000)

    def show_case(self, case_id: str, *, keep_editor: bool = False) -> None:
        """Paint profile, history and the side panel for `case_id` from the local store."""
        if (
            self.calls.active is not None
            and self.calls.active.case_id != case_id
            and not keep_editor
        ):
            # the wrap-up of the call in progress stays on screen until the call ends
            self.statusBar().showMessage(self.tr("End the call first (F6)."), 5000)
            self.worklist.select_case(self.calls.active.case_id)
            return
        try:
            detail = self.service.case_detail(case_id)
        except CaseNotFound:
            self._clear_case()
            return
        self.current = detail
        self.profile.show_case(detail)
        self.history.show_case(detail)
        self.side.show_case(detail, keep_editor=keep_editor)
        own = [p.allowed for p in detail.policy if p.phone_id in _borrower_phone_ids(detail)]
        self.status.show_callable(any(own) if own else None)
        self.hub.case_selected.emit(case_id)

    def _clear_case(self) -> None:
        self.side.wrap_up.flush_draft()
        self.current = None
        self.profile.clear()
        self.history.clear()
        self.side.clear()
        self.status.show_callable(None)

    # --- the call ---------------------------------------------------------------------
    def show_tab(self, index: int) -> None:
        self.side.tabs.setCurrentIndex(index)
        widget = self.side.tabs.currentWidget()
        if widget is not None:
            widget.setFocus()

    def dial(self, phone_id: str) -> None:
        """Dial one of the current case's numbers (the dial guard answers first)."""
        if self.current is not None:
            self.calls.dial(self.current, phone_id)

    def call_borrower(self) -> None:
        """F5: the borrower's first number that may be called now, else the first one
        (whose block is then explained)."""
        if self.current is None:
            return
        own = [p for p in self.current.borrower.phones if p.owner == "borrower"]
        if not own:
            self.statusBar().showMessage(self.tr("The borrower has no number."), 5000)
            return
        allowed = {p.phone_id for p in self.current.policy if p.allowed}
        first = next((p for p in own if p.id in allowed), own[0])
        self.calls.dial(self.current, first.id)

    def end_call(self) -> None:
        if not self.calls.end_call():
            self.statusBar().showMessage(self.tr("Not in a call."), 3000)

    def _call_started(self, call: Any) -> None:
        self.side.wrap_up.begin_call(
            phone_id=call.phone_id,
            contact_id=call.contact_id,
            started_at=call.started_at,
            recording_ref=call.recording_ref,
            override_reason=call.override_reason,
            label=call.label,
        )
        if call.mode == "baresip":
            self.side.call_bar.dialling(call.label)
        else:
            self.side.call_bar.calling(call.label, call.started_at)
        self.show_tab(0)

    def _call_ended(self, call: Any, duration: int) -> None:
        end = getattr(call, "end", None)
        if end is None:  # hand-off: the desk knows only that the agent ended it
            self.side.call_bar.idle()
        else:
            self.side.call_bar.ended(call.label, end_summary(end), duration)
        self.side.show_wrap_up()
        if self.side.wrap_up.case_id() == call.case_id:
            if end is None:
                self.side.wrap_up.end_call(duration_s=duration)
            else:
                self.side.wrap_up.end_call(
                    duration_s=duration,
                    reached=end.outcome.reached_borrower,
                    disposition=end.outcome.disposition,
                    note=end_note(end),
                )

    def use_phone(self, phone: Any) -> None:
        """Dial through `phone` from now on (the previous one is closed)."""
        if self.phone is not None and self.phone is not phone:
            self.phone.close()
        self.phone = phone
        self.phone_bridge.attach(phone)
        self.calls.set_phone(phone)
        self.side.call_bar.set_mode(self.calls.mode)

    def reveal(self, field: str, phone_id: str, masked: str) -> None:
        """Reveal a masked value with a reason (online only; audited by the server)."""
        from ui.dialogs.reveal_dialog import RevealDialog

        if self.current is None:
            return
        if self.online is None:
            self.statusBar().showMessage(self.tr("Revealing needs the server."), 5000)
            return
        RevealDialog(
            self.online,
            case_id=self.current.case.id,
            field=field,
            masked=masked,
            phone_id=phone_id or None,
            parent=self,
        ).exec()

    def _amend(self, note: Any) -> None:
        self.side.wrap_up.amend(note.id, formatting.local_time(note.created_at))

    def _open_reminded(self, case_id: str) -> None:
        if not self.worklist.select_case(case_id):
            self.show_case(case_id)

    # --- changes ----------------------------------------------------------------------
    def _wrap_up_saved(self, changes: ChangeSet) -> None:
        """A wrap-up was stored: refresh, and send it now (the server has it in ~0.1 s)."""
        self.hub.changed.emit(changes)
        if self.sync is not None:
            self.sync.after_local_write(urgent=True)

    def _note_saved(self, changes: ChangeSet) -> None:
        self.hub.changed.emit(changes)
        if self.sync is not None:
            self.sync.after_local_write()

    def apply_changes(self, changes: ChangeSet) -> None:
        """Refresh only what `changes` touched (one hub, no polling)."""
        if changes.worklist or changes.full_reload:
            self.worklist.refresh()
        if self.current is not None and (
            changes.full_reload or self.current.case.id in changes.case_ids
        ):
            self.show_case(self.current.case.id, keep_editor=True)
        if changes.sync_status or changes.notes:
            self.refresh_status()

    def refresh_status(self) -> None:
        self.hub.sync_status.emit(self.service.sync_status())

    # --- sync -------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def _sync_started(self) -> None:
        self.status.show_status(replace(self.service.sync_status(), state="syncing"))

    def _sync_progress(self, phase: str, done: int, total: int) -> None:
        """A page was pulled (and committed to the local store) or ops were pushed. During a
        long pull — the first full sync of a big book — the worklist fills in as pages
        arrive (at most once a second), so the agent can start on the first cases."""
        self.status.show_progress(phase, done, total)
        if phase != "pull" or time.monotonic() - self._last_fill < FILL_INTERVAL_S:
            return
        self._last_fill = time.monotonic()
        self.worklist.refresh()
        if self.current is None and self.worklist.model.rowCount():
            self.worklist.select_row(0)

    def _sync_finished(self, report: SyncReport) -> None:
        changes = report.changes.merge(ChangeSet(sync_status=True))
        if (report.pulled_upserts or report.pulled_tombstones) and not changes.worklist:
            # a cycle cut short (cancelled, offline, paused) after committing some pages
            changes = changes.merge(ChangeSet(worklist=True, full_reload=True))
        self.hub.changed.emit(changes)
        if report.outcome == "unauthorized":
            self.reauth_needed.emit()
        elif report.outcome == "disabled":
            self.account_disabled.emit()
        elif report.outcome == "paused":
            self._confirm_mass_removal(report.pending_removal)
        elif report.outcome == "error" and _store_damaged(report.error):
            self._store_damaged()

    def _store_damaged(self) -> None:
        """The local file turned out damaged while in use: mark it so the next start
        rebuilds it and salvages the unsent work, and tell the agent (once)."""
        store = getattr(self.service, "store", None)
        if store is not None:
            store.mark_damaged()
        if self._damage_reported:
            return
        self._damage_reported = True
        QMessageBox.warning(
            self,
            self.tr("Local data damaged"),
            self.tr(
                "The local data file is damaged. Your unsent changes are kept: close and "
                "restart the desk to repair it."
            ),
        )

    def _confirm_mass_removal(self, count: int) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Many cases leave this desk"),
            self.tr(
                "The server would remove %1 cases from your worklist (reassigned or "
                "closed). Your unsynced notes are kept either way. Go ahead?"
            ).replace("%1", f"{count:,}"),
        )
        if answer == QMessageBox.StandardButton.Yes and self.sync is not None:
            self.sync.sync_now(confirm_mass_removal=True)

    # --- dialogs ----------------------------------------------------------------------
    def edit_flags(self) -> None:
        """The selected case's flags, edited in a dialog and saved (locally at once, then
        synced)."""
        from ui.dialogs.case_flags_dialog import CaseFlagsDialog

        if self.current is None:
            return
        case = self.current.case
        dialog = CaseFlagsDialog(
            self.current.borrower.name, case.flags, case.debtor_unreachable, self
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        flags, unreachable = dialog.chosen()
        try:
            changes = self.service.set_case_flags(case.id, flags, debtor_unreachable=unreachable)
        except (DomainError, CaseNotFound) as exc:
            QMessageBox.warning(self, self.tr("Flags not saved"), str(exc))
            return
        self._note_saved(changes)

    def open_attention(self) -> None:
        from ui.dialogs.attention_dialog import AttentionDialog

        AttentionDialog(self.service, self.hub, self).exec()
        self.refresh_status()

    def open_settings(self) -> None:
        """Settings; a new language is announced (`language_changed`) so the launcher can
        rebuild the window in it at once."""
        from ui.dialogs.settings_dialog import SettingsDialog

        before = settings.get_str("ui/language")
        phone_before = (phone_mode(), baresip_address())
        if SettingsDialog(self).exec() != QDialog.DialogCode.Accepted:
            return
        if (phone_mode(), baresip_address()) != phone_before and self.calls.active is None:
            self.use_phone(make_phone(softphone_template, self._launch))
        after = settings.get_str("ui/language")
        if after != before:
            self.language_changed.emit(after or "")

    def retire(self) -> None:
        """Leave the screen for a replacement window (a new language): the draft and the
        layout are saved, the hub and the sync stop reaching this window, and the sync keeps
        running (it belongs to the desk, not to this window)."""
        self.side.wrap_up.flush_draft()
        if self.reminders is not None:
            self.reminders.stop()
        if self._persist_layout:
            self.save_layout()
        self.hub.changed.disconnect(self.apply_changes)
        self.hub.sync_status.disconnect(self.status.show_status)
        if self.sync is not None:
            self.sync.report.disconnect(self._sync_finished)
            self.sync.started.disconnect(self._sync_started)
            self.sync.progress.disconnect(self._sync_progress)
            self.sync = None
        self._persist_layout = False
        self.close()
        self.deleteLater()

    # --- persistence ------------------------------------------------------------------
    def restore_layout(self) -> None:
        window_layout.restore(self, SPLITTERS, DEFAULT_SIZE)

    def save_layout(self) -> None:
        window_layout.save(self, SPLITTERS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.side.wrap_up.flush_draft()
        if self.reminders is not None:
            self.reminders.stop()
        if self._persist_layout:
            self.save_layout()
        if self.sync is not None:
            self.sync.stop()
        if self.phone is not None:
            self.phone.close()
        super().closeEvent(event)


def _store_damaged(error: str | None) -> bool:
    text = (error or "").lower()
    return "storecorrupted" in text or "malformed" in text or "not a database" in text


def _borrower_phone_ids(d: CaseDetail) -> set[str]:
    return {p.id for p in d.borrower.phones if p.owner == "borrower"}

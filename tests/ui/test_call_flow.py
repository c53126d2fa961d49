"""The whole call at the desk with the keyboard only, against the real in-process server:
F2 opens the next case, F5 dials (the clear number comes from the server's audited dial
route and goes to the softphone — the one thing mocked here), 1–9 walk the script, F6 ends
the call, Tab reaches the note, F9 saves and the wrap-up reaches the server at once, F2
moves on. Also: the dial guard's dialogs, the reveal dialog, reminders and F1."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select, update

from app.client import paths
from app.client.call_service import DueCallback
from app.client.desk_service import DeskService
from app.client.online import OnlineActions, Revealed
from app.client.session import Session
from app.client.store import LocalStore
from app.client.sync_engine import SyncEngine
from app.server.models import AuditLog, ContactAttempt, Note, Phone
from ui import settings
from ui.background import BackgroundSync
from ui.dialogs.dial_blocked_dialog import DialBlockedDialog
from ui.dialogs.reveal_dialog import RevealDialog
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub


def _day_zone() -> str:
    """A fixed-offset zone where it is day time now (the server dials by the real clock)."""
    hour = datetime.now(UTC).hour
    offset = next(o for o in range(-12, 15) if 10 <= (hour + o) % 24 < 18)
    return f"Etc/GMT{'-' if offset >= 0 else '+'}{abs(offset)}"


class Softphone:
    """Stands in for the workstation's softphone: records what it was handed."""

    def __init__(self) -> None:
        self.targets: list[Any] = []

    def __call__(self, target: Any) -> None:
        self.targets.append(target)


def test_a_whole_case_with_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, session_factory, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-keys")
    first = make_case(agent, dpd=45, borrower_name="张伟")
    second = make_case(agent, dpd=12, borrower_name="李娜")
    make_case(agent, dpd=3, borrower_name="刘洋")
    zone = _day_zone()
    with session_factory() as s:
        s.execute(update(Phone).values(timezone=zone))
        s.commit()
    session = Session(live.url, agent.username, timeout=5)
    session.api.backoff.base = 0.0
    session.login(agent.clear_password)
    store = LocalStore(paths.store_path(live.url, agent.username, base=tmp_path))
    service = DeskService(store, user=agent.username)
    sync = BackgroundSync(lambda: SyncEngine(store, session.api), interval_ms=3_600_000)
    softphone = Softphone()
    settings.set_str("softphone/template", "tel:{number}")
    window = MainWindow(
        service,
        SignalHub(),
        sync=sync,
        user_label="王芳 · team",
        restore=False,
        online=OnlineActions(session.api),
        softphone=softphone,
        reminders=False,
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.load()
    with qtbot.waitSignal(sync.report, timeout=20_000):
        sync.start()
    qtbot.waitUntil(lambda: window.worklist.model.total == 3, timeout=5000)
    window.worklist.select_row(0)
    start_case = window.current.case.id
    qtbot.keyClick(window, Qt.Key.Key_F2)  # next case
    assert window.current.case.id != start_case
    case_id = window.current.case.id
    assert case_id in (first.case_id, second.case_id)

    qtbot.keyClick(window, Qt.Key.Key_F5)  # dial: guard (local), then the server's number
    qtbot.waitUntil(lambda: window.calls.active is not None, timeout=10_000)
    assert softphone.targets[0].url.startswith("tel:") and "*" not in softphone.targets[0].url
    assert window.side.call_bar.end_button.isEnabled()
    script = window.side.script
    assert script.hasFocus() or window.side.tabs.currentWidget() is script
    script.setFocus()
    qtbot.keyClick(script, Qt.Key.Key_1)  # the borrower answers
    qtbot.keyClick(script, Qt.Key.Key_1)  # identity confirmed
    qtbot.keyClick(script, Qt.Key.Key_2)  # temporary hardship
    form = window.side.wrap_up
    assert form.disposition.currentData() == "right_party"
    assert form.reason.currentData() == "temporary_hardship"

    qtbot.keyClick(window, Qt.Key.Key_F6)  # end the call: focus on the outcome
    assert window.calls.active is None and form.disposition.hasFocus()
    for _ in range(12):  # outcome -> reason -> result -> ... -> the note
        if form.text.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.text.hasFocus()
    qtbot.keyClicks(form.text, "hardship; offered a plan")  # (QTest types ASCII only)
    with qtbot.waitSignal(sync.report, timeout=20_000) as sent:  # sent at once
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert sent.args[0].pushed_applied == 2, sent.args[0].summary()  # contact + note
    with session_factory() as s:
        attempt = s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case_id)).one()
        note = s.scalars(select(Note).where(Note.case_id == case_id)).one()
        dials = s.scalars(select(AuditLog).where(AuditLog.action == "contact.dial")).all()
    assert attempt.disposition == "right_party" and attempt.reason == "temporary_hardship"
    assert attempt.recording_ref == f"rec-{attempt.id}" and attempt.policy_violation is None
    assert note.contact_id == attempt.id and note.text == "hardship; offered a plan"
    assert len(dials) == 1
    qtbot.keyClick(window, Qt.Key.Key_F2)  # and on to the next case
    assert window.current.case.id != case_id
    window.close()
    store.close()


def _window(qtbot, service, **kw):  # type: ignore[no-untyped-def]
    w = MainWindow(service, SignalHub(), restore=False, reminders=False, **kw)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.load()
    return w


def _answer_dialog(action) -> list[Any]:  # type: ignore[no-untyped-def]
    """Run `action(dialog)` on the next DialBlockedDialog that opens."""
    seen: list[Any] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, DialBlockedDialog) and widget.isVisible():
                seen.append(widget)
                action(widget)
                return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def test_a_blocked_number_explains_why_and_an_agent_cannot_dial(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    softphone = Softphone()
    settings.set_str("softphone/template", "sip:{phone_id}@pbx.example")
    w = _window(qtbot, fake_service, softphone=softphone)
    blocked = next(r for r in fake_service.rows if r.callable_now is False)
    w.worklist.select_case(blocked.case_id)
    seen = _answer_dialog(lambda d: d.reject())
    qtbot.keyClick(w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    dialog = seen[0]
    assert dialog.reason.isHidden() and not dialog.call_anyway.isVisible()  # not a lead
    assert softphone.targets == [] and w.calls.active is None
    # the emergency contact is not a link until "debtor unreachable" is recorded
    assert "dial:" not in w.profile.values["contacts"].text()


def test_a_team_lead_may_override_with_a_reason(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    fake_service.calls.role = "team_lead"
    softphone = Softphone()
    settings.set_str("softphone/template", "sip:{phone_id}@pbx.example;rec={recording}")
    w = _window(qtbot, fake_service, softphone=softphone)
    blocked = next(r for r in fake_service.rows if r.callable_now is False)
    w.worklist.select_case(blocked.case_id)

    def override(d: DialBlockedDialog) -> None:
        assert not d.call_anyway.isEnabled()
        d.reason.setText("borrower asked for a late call")
        assert d.call_anyway.isEnabled()
        d.done(QDialog.DialogCode.Accepted)

    seen = _answer_dialog(override)
    qtbot.keyClick(w, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: w.calls.active is not None, timeout=3000)
    assert seen and w.calls.active.override_reason == "borrower asked for a late call"
    assert softphone.targets[0].url.startswith("sip:") and "rec=rec-" in softphone.targets[0].url
    # the dial is counted on the desk at once, under the id the wrap-up's contact keeps
    active = w.calls.active
    assert fake_service.calls.dials == [
        (blocked.case_id, active.phone_id, active.contact_id, False)
    ]
    qtbot.keyClick(w, Qt.Key.Key_F6)
    form = w.side.wrap_up
    form.text.setPlainText("late call at the borrower's request")
    assert not form.save()  # how the call ended is missing
    assert set(form.problems_shown()) == {"disposition"}
    form.disposition.setCurrentIndex(form.disposition.findData("no_answer"))
    assert form.save()
    saved = fake_service.calls.saved[-1]
    assert saved.override_reason == "borrower asked for a late call" and saved.call_placed


def test_reveal_needs_a_reason_from_the_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: list[dict[str, Any]] = []

    class Online:
        def reveal(self, case_id: str, field: str, **kw: Any) -> Revealed:
            calls.append({"case_id": case_id, "field": field, **kw})
            return Revealed(field, kw.get("phone_id"), "110105199001011234")

    d = RevealDialog(Online(), case_id="c1", field="id_number", masked="110105********1234")
    qtbot.addWidget(d)
    d.reveal()
    assert d.error.text() == "Pick a reason from the list." and calls == []
    d.reason.setCurrentIndex(d.reason.findData("other"))
    d.reveal()
    assert "Explain" in d.error.text() and calls == []
    d.note.setText("  padded  ")
    d.reveal()
    assert "spaces before and after" in d.error.text() and calls == []
    # the desk asks the server's judgement (app.domain.reveal_note): not words, not sent
    for junk in ("asdf", "a.b.c.d.", "qwer asdf", "a\u200bs\u200bd\u200bf", "好好好好"):
        d.note.setText(junk)
        d.reveal()
        assert "in words" in d.error.text() and calls == [], junk
    d.note.setText("court order\u200b 2026-118")
    d.reveal()
    qtbot.waitUntil(lambda: d.value.text() == "110105199001011234", timeout=3000)
    assert calls == [
        {
            "case_id": "c1",
            "field": "id_number",
            "reason": "other",
            "note": "court order 2026-118",
            "phone_id": None,
        }
    ]
    d._forget()  # the value goes away (after 30 s in use)
    assert d.value.text() == "" and d.value.isHidden()


def test_copying_a_masked_field_copies_the_masked_value(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    label = w.profile.values["id_number"]
    label.setSelection(0, len("110105********1234"))
    label.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "110105********1234"


def test_a_due_callback_is_reminded_once_and_opens_its_case(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    row = fake_service.rows[5]
    fake_service.calls.due.append(
        DueCallback(
            "cb1", row.case_id, row.borrower_name, datetime.now(UTC) - timedelta(minutes=1), "回电"
        )
    )
    w = MainWindow(fake_service, SignalHub(), restore=False)
    qtbot.addWidget(w)
    w.show()
    w.load()
    qtbot.waitUntil(lambda: w.banner.isVisible(), timeout=3000)
    assert row.borrower_name in w.banner.text.text()
    assert fake_service.calls.reminded == ["cb1"]
    assert w.reminders is not None and w.reminders.check() == 0  # not again
    w.banner.open_button.click()
    assert w.current.case.id == row.case_id and not w.banner.isVisible()


def test_f1_shows_the_keys(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    qtbot.keyClick(w, Qt.Key.Key_F1)
    assert w.help.isVisible()
    assert any(keys == "F5" for keys, _ in w.help.keys())
    qtbot.keyClick(w.help, Qt.Key.Key_Escape)
    assert not w.help.isVisible()

"""The wrap-up form: drafts survive switching case and re-opening the desk; F9 saves through
the outbox; every broken rule is explained next to its field and nothing is saved; banned
wording is warned about and then stored flagged; a store failure loses nothing; the
script's answers fill the form."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication

from app.client.wrap_up import WrapUp
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub
from ui.widgets.wrap_up_form import WrapUpForm

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _window(qtbot, service):  # type: ignore[no-untyped-def]
    w = MainWindow(service, SignalHub(), restore=False, reminders=False)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.load()
    return w


def test_draft_is_saved_as_the_agent_types(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    form = w.side.wrap_up
    qtbot.keyClicks(form.text, "pays on Monday")
    form.disposition.setCurrentIndex(form.disposition.findData("right_party"))
    qtbot.waitUntil(
        lambda: getattr(fake_service.calls.drafts.get(case_id), "text", "") == "pays on Monday",
        timeout=3000,
    )
    assert fake_service.calls.drafts[case_id].disposition == "right_party"
    assert form.draft_label.text() == "Draft saved"


def test_draft_survives_switching_case_and_reopening(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    first = w.current.case.id
    form = w.side.wrap_up
    form.text.setPlainText("half-written note")
    form.has_promise.setChecked(True)
    form.promise_amount.setText("1200.50")
    w.next_case()  # switching flushes the pending draft at once
    draft = fake_service.calls.drafts[first]
    assert (draft.text, draft.promise_amount_fen) == ("half-written note", 120_050)
    assert form.text.toPlainText() == ""
    w.worklist.select_case(first)
    assert form.text.toPlainText() == "half-written note"
    assert form.promise_amount.text() == "1200.50" and form.has_promise.isChecked()
    assert form.draft_label.text() == "Draft restored"
    w.close()
    again = _window(qtbot, fake_service)  # the desk restarts on the same store
    again.worklist.select_case(first)
    assert again.side.wrap_up.text.toPlainText() == "half-written note"


def test_close_flushes_the_draft(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    w.side.wrap_up.text.setPlainText("typed just before closing")
    w.close()
    assert fake_service.calls.drafts[case_id].text == "typed just before closing"


def test_f9_saves_and_refreshes_the_notes(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    case_id = w.current.case.id
    form = w.side.wrap_up
    form.text.setPlainText("本人接听，承诺30日还款")
    form.disposition.setCurrentIndex(form.disposition.findData("right_party"))
    notes_before = w.side.notes_model.rowCount()
    with qtbot.waitSignal(form.saved, timeout=2000):
        qtbot.keyClick(w, Qt.Key.Key_F9)
    saved = fake_service.calls.saved[0]
    assert (saved.case_id, saved.text, saved.disposition) == (
        case_id,
        "本人接听，承诺30日还款",
        "right_party",
    )
    assert form.text.toPlainText() == "" and case_id not in fake_service.calls.drafts
    assert w.side.notes_model.rowCount() == notes_before + 1  # the hub refreshed the case
    top = w.side.notes_model.data(w.side.notes_model.index(0, 0))
    assert "waiting to sync" in top and "本人接听" in top


def test_each_problem_is_shown_next_to_its_field_and_nothing_is_saved(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    form = WrapUpForm(fake_service.calls)
    qtbot.addWidget(form)
    now = datetime.now(UTC)
    form.set_case(fake_service.rows[0].case_id, now=now)
    form.text.setPlainText("   ")
    assert form.save() is False
    assert form.problems_shown() == {"text": "write what happened"}

    form.text.setPlainText("约了还款")
    form.has_promise.setChecked(True)
    form.promise_amount.setText("12,00x")
    assert form.save() is False
    assert "not an amount" in form.problems_shown()["promise"]

    form.promise_amount.setText("500")
    today = now.astimezone(SHANGHAI).date()
    form.promise_date.setDate(QDate(today - timedelta(days=2)))
    night = datetime.combine(today + timedelta(days=1), time(23, 30))
    form.has_callback.setChecked(True)
    form.callback_at.setDateTime(QDateTime(QDate(night.date()), QTime(23, 30)))
    assert form.save() is False
    shown = form.problems_shown()
    assert "before today" in shown["promise"]
    assert "outside the allowed hours" in shown["callback_at"]
    assert fake_service.calls.saved == []
    # fixed: saved, and the messages go away
    form.promise_date.setDate(QDate(today + timedelta(days=3)))
    form.callback_at.setDateTime(QDateTime(QDate(night.date()), QTime(10, 0)))
    assert form.save() is True and form.problems_shown() == {}
    saved = fake_service.calls.saved[0]
    assert saved.promise_amount_fen == 50_000 and saved.promise_date == today + timedelta(days=3)
    assert saved.callback_at is not None
    assert saved.callback_at.astimezone(SHANGHAI).time() == time(10)


def test_banned_wording_is_warned_then_saved_flagged(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    form = WrapUpForm(fake_service.calls)
    qtbot.addWidget(form)
    form.set_case(fake_service.rows[0].case_id, now=datetime.now(UTC))
    form.text.setPlainText("告诉客户不还钱就上征信黑名单")
    assert form.save() is False
    shown = form.banned_notice.shown()
    assert list(shown) == ["block"] and "征信黑名单" in shown["block"]
    assert fake_service.calls.saved == []
    assert form.save() is True  # the agent saves it anyway: stored, flagged
    assert fake_service.outbox[-1].banned_phrases == ("征信黑名单",)


def test_banned_wording_is_shown_by_severity_as_the_agent_types(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: a disguise is caught as the agent types; a quote is shown for review and
    does not hold Save up nor flag the note."""
    form = WrapUpForm(fake_service.calls)
    qtbot.addWidget(form)
    form.set_case(fake_service.rows[0].case_id, now=datetime.now(UTC))
    form.text.setPlainText("不还就上heimingdan")
    qtbot.waitUntil(lambda: "block" in form.banned_notice.shown())
    assert "黑名单" in form.banned_notice.shown()["block"]
    form.text.setPlainText("客户说：你们这些骗子。We have no blacklist.")
    qtbot.waitUntil(lambda: list(form.banned_notice.shown()) == ["review"])
    review = form.banned_notice.shown()["review"]
    assert "骗子" in review and "blacklist" in review
    assert form.save() is True  # a review warning does not hold Save up
    assert fake_service.outbox[-1].banned_phrases == ()


def test_a_store_failure_keeps_everything(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    calls = fake_service.calls

    def broken(w: WrapUp, *, now: datetime | None = None) -> None:
        raise OSError("database or disk is full")

    calls.save_wrap_up = broken  # type: ignore[method-assign]
    form = WrapUpForm(calls)
    qtbot.addWidget(form)
    case_id = fake_service.rows[0].case_id
    form.set_case(case_id, now=datetime.now(UTC))
    form.text.setPlainText("must not be lost")
    assert form.save() is False
    assert form.text.toPlainText() == "must not be lost"
    assert "could not be written" in form.problems_shown()["text"]
    qtbot.waitUntil(lambda: case_id in calls.drafts, timeout=3000)
    assert calls.drafts[case_id].text == "must not be lost"


def test_script_answers_fill_the_wrap_up(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    script, form = w.side.script, w.side.wrap_up
    script.setFocus()
    qtbot.keyClick(script, Qt.Key.Key_1)  # it is the borrower
    qtbot.keyClick(script, Qt.Key.Key_1)  # identity confirmed
    assert form.disposition.currentData() == "right_party"
    assert "identity verified" in script.status.text()
    qtbot.keyClick(script, Qt.Key.Key_Backspace)
    assert "not verified" in script.status.text()
    qtbot.keyClick(script, Qt.Key.Key_1)
    assert "本次通话将被录音" in script.text.text()  # in the borrower's language (zh_CN)
    script.language.setCurrentIndex(script.language.findData("en"))  # the walk is kept
    assert "verified" in script.status.text() and "Thank you" in script.text.text()
    # the follow-up script's "agrees a new date" sets the result and opens the promise
    labels = [b.text() for b in script.buttons if not b.isHidden()]
    index = next(i for i, t in enumerate(labels) if "new date" in t)
    qtbot.keyClick(script, Qt.Key.Key_1 + index)  # type: ignore[operator]
    assert form.result.currentData() == "promise_to_pay"
    assert form.has_promise.isChecked()
    case_id = w.current.case.id
    form.flush_draft()
    assert fake_service.calls.drafts[case_id].script["trail"]  # the walk is in the draft


def test_a_saved_note_is_corrected_by_a_new_note(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, fake_service)
    notes = w.side.notes
    w.side.tabs.setCurrentIndex(2)
    notes.setCurrentIndex(w.side.notes_model.index(0, 0))
    original = w.side.notes_model.row_at(0)
    correct = notes.actions()[0]  # "Correct this note…" in the list's context menu
    correct.trigger()
    form = w.side.wrap_up
    assert "Correction of the note of" in form.call_info.text() and form.text.hasFocus()
    form.text.setPlainText("the amount was 1,200, not 2,100")
    assert form.save()
    saved = fake_service.calls.saved[-1]
    assert saved.amends == original.id and not saved.call_placed
    assert w.side.notes_model.row_at(0).amends == original.id  # shown as a correction


def test_the_profile_shows_the_risk_factors_and_a_care_call(qtbot, fake_service) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from app.client.views import LoanRisk, RiskFactor

    case_id = fake_service.rows[3].case_id
    d = fake_service.details[case_id]
    risk = LoanRisk(0.41, "high", (RiskFactor("max_dpd_12m", "近12个月最长逾期32天",
                                              "longest delay 32 days", 3.5),), 3)  # fmt: skip
    fake_service.details[case_id] = replace(
        d, case=replace(d.case, kind="care"), loan=replace(d.loan, risk=risk)
    )
    w = _window(qtbot, fake_service)
    w.worklist.select_case(case_id)
    text = w.profile.values["risk"].text()
    assert "41% default risk" in text and "longest delay 32 days" in text
    assert "Care call" in w.profile.badges.text()

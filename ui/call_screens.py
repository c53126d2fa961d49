"""Screenshots of the call, for ui/screenshots.py: the call bar ringing and talking with a
controlled softphone (baresip mode, at 1366x768), the script during a call, the wrap-up
filled in, the dial guard refusing a call at night, the plan calculator with the agreement
it exports, and the F1 key list. Nothing is written to the store: `ReadOnlyService` keeps
drafts and saves away from it.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication, QWidget

from app.client.agreement import compose_agreement
from app.client.plan_calculator import lender_today
from ui import labels
from ui.agreement_pdf import render_pdf_page, write_agreement_pdf
from ui.call_controller import ActiveCall
from ui.plan_screens import fill_sample_plan
from ui.qt_util import to_qdate
from ui.widgets.case_side_panel import PLAN_TAB, SCRIPT_TAB

SCREEN_SIZE = (1680, 1050)
_size: list[tuple[int, int] | None] = [None]  # `demo --size WxH`: every screen at that size


def use_screen_size(size: tuple[int, int] | None) -> None:
    """Render every screenshot at `size` (None: each screen's own default)."""
    _size[0] = size


def screen_size(default: tuple[int, int] = SCREEN_SIZE) -> tuple[int, int]:
    """The size screenshots are rendered at (see use_screen_size)."""
    return _size[0] or default


CALL_STATE_SIZE = (1366, 768)


class _ReadOnlyCalls:
    """CallService without writes (drafts are dropped, saving is refused)."""

    def __init__(self, calls: Any) -> None:
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self._calls, name)

    def save_draft(self, w: Any) -> None:
        return None

    def clear_draft(self, case_id: str) -> None:
        return None

    def save_wrap_up(self, *_a: Any, **_k: Any) -> Any:
        raise RuntimeError("screenshots do not save")


class ReadOnlyService:
    """DeskService for screenshots: reads pass through; drafts and saves do not."""

    def __init__(self, service: Any) -> None:
        self._service = service
        self.calls = _ReadOnlyCalls(service.calls)

    def __getattr__(self, name: str) -> Any:
        if name in ("save_draft", "clear_draft", "save_note", "propose_plan", "set_case_flags"):
            return lambda *a, **k: None
        return getattr(self._service, name)


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(4):
        if app is not None:
            app.processEvents()


def _save(widget: QWidget, out: Path, name: str, lang: str) -> Path:
    path = out / f"{name}_{lang}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _render_call_state(window: Any, out: Path, lang: str, case_id: str, phone: Any) -> list[Path]:
    """call_ringing / call_answered: the call bar as the baresip phone reports the call."""
    bar = window.side.call_bar
    mode = bar.mode
    window.resize(*CALL_STATE_SIZE)
    dialled = datetime.now(UTC) - timedelta(minutes=1, seconds=31)
    call = ActiveCall(
        case_id=case_id,
        phone_id=phone.id,
        label=f"{phone.number_masked} ({labels.label(labels.phone_owners(), 'borrower')})",
        contact_id="00000000-0000-4000-8000-000000000002",
        recording_ref="rec-screenshot",
        started_at=dialled,
        override_reason=None,
        mode="baresip",
    )
    bar.set_mode("baresip")
    window._call_started(call)
    bar.ringing(call.label)
    _settle()
    written = [_save(window, out, "call_ringing", lang)]
    bar.answered(call.label, dialled + timedelta(seconds=9))
    _settle()
    written.append(_save(window, out, "call_answered", lang))
    bar.set_mode(mode)
    bar.idle()
    return written


def render_call_screens(window: Any, out: Path, lang: str) -> list[Path]:
    """The call screens of `window` (a MainWindow on a ReadOnlyService, a case selected)."""
    detail = window.current
    if detail is None:
        return []
    written: list[Path] = []
    window.fit_panes(*screen_size())
    side = window.side
    script = side.script
    script.language.setCurrentIndex(script.language.findData(lang))
    script.restart()
    phone = next(p for p in detail.borrower.phones if p.owner == "borrower")
    written += _render_call_state(window, out, lang, detail.case.id, phone)
    window.fit_panes(*screen_size())
    script.choose(0)  # the borrower answered
    script.choose(0)  # identity confirmed: the debt may now be discussed
    started = datetime.now(UTC) - timedelta(minutes=2, seconds=7)
    call = ActiveCall(
        case_id=detail.case.id,
        phone_id=phone.id,
        label=f"{phone.number_masked} ({labels.label(labels.phone_owners(), 'borrower')})",
        contact_id="00000000-0000-4000-8000-000000000001",
        recording_ref="rec-screenshot",
        started_at=started,
        override_reason=None,
    )
    window._call_started(call)
    _settle()
    written.append(_save(window, out, "call_script", lang))

    window._call_ended(call, 187)
    form = side.wrap_up
    form.disposition.setCurrentIndex(form.disposition.findData("right_party"))
    form.reason.setCurrentIndex(form.reason.findData("temporary_hardship"))
    form.result.setCurrentIndex(form.result.findData("promise_to_pay"))
    form.has_promise.setChecked(True)
    form.promise_amount.setText(f"{max(100, detail.overdue.total_fen // 200):d}.00")
    today = lender_today(datetime.now(UTC))
    form.promise_date.setDate(to_qdate(today + timedelta(days=3)))
    form.text.setPlainText(labels.quick_phrases()["promise"])
    side.tabs.setCurrentIndex(SCRIPT_TAB)
    _settle()
    written.append(_save(window, out, "wrap_up", lang))

    night = datetime.combine(today, time(22, 30), ZoneInfo(phone.timezone))
    check = window.service.calls.dial_check(detail.case.id, phone.id, now=night)
    from ui.dialogs.dial_blocked_dialog import DialBlockedDialog

    dialog = DialBlockedDialog(check, call.label, window)
    dialog.show()
    _settle()
    written.append(_save(dialog, out, "dial_blocked", lang))
    dialog.close()

    window.show_tab(PLAN_TAB)
    fill_sample_plan(side.plan, detail)
    _settle()
    written.append(_save(window, out, "plan_calculator", lang))
    outcome = side.plan.outcome()
    if outcome is not None and outcome.calculated:
        agreement = compose_agreement(
            detail,
            outcome,
            today=lender_today(datetime.now(UTC)),
            language=lang,
        )
        pdf = write_agreement_pdf(agreement, out / f"agreement_{lang}.pdf")
        written += [pdf, render_pdf_page(pdf, out / f"agreement_{lang}.png")]

    window.help.toggle()
    _settle()
    written.append(_save(window, out, "keys", lang))
    window.help.toggle()
    return written

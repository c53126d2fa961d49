"""The call, from the click on a number to the wrap-up: a thin coordinator on the GUI
thread between the dial guard (local), the server's dial route (the clear number, checked
and audited again; run off the GUI thread), the softphone and the wrap-up form.

1. `dial(detail, phone_id)`: the dial guard answers first; a block shows every reason and
   the next allowed time (a team lead may override with a reason).
2. The number goes to the softphone (a template without {number} needs no server).
3. The call's id (the attempt id) is made at the click and sent with the dial: the server
   records the dial as a provisional attempt with it, the desk counts it locally at once
   (CallService.record_dial; offline too); the wrap-up form holds the id and the recording
   reference (its contact completes that attempt).
4. `end_call()`: the duration goes to the form and the focus to the outcome.

Two modes (app.client.telephony). In "hand-off" mode the number goes to the tel:/sip: URL or
command template and the desk knows nothing more: the call bar's timer runs from the dial and
F6 ends the call. In "baresip" mode the controlled softphone dials and reports the call:
`on_phone_event` (fed by ui.phone_bridge on the GUI thread) moves the call from dialling to
ringing to answered (`answered`: the timer starts now) to ended; the end (SIP cause, reason,
timestamps, talk time) stays on the call (`ActiveCall.end`, `last_call`) for the wrap-up.
F6 asks the phone to hang up and the end arrives as an event.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.client.dial_guard import DialCheck
from app.client.online import DialRateLimited, PolicyBlocked
from app.client.softphone import SoftphoneError, needs_number
from app.client.telephony.handoff import HandOffPhone
from app.client.telephony.phone import ANSWERED, ENDED, RINGING, CallEnd, CallEvent, PhoneError
from app.client.views import CaseDetail
from app.domain.call_end import outcome_from_end
from app.domain.errors import DomainError
from ui import labels
from ui.background import run_task
from ui.softphone import problem_text

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ActiveCall:
    """The call in progress."""

    case_id: str
    phone_id: str
    label: str  # masked number and who
    contact_id: str
    recording_ref: str
    started_at: datetime
    override_reason: str | None
    mode: str = "hand-off"  # or "baresip": the phone reports the call's state
    state: str = "dialling"  # dialling, ringing, answered, ended (baresip mode)
    answered_at: datetime | None = None
    end: CallEnd | None = None  # how it ended, as the phone reported it


class CallController(QObject):
    """See module docstring. `message(str)` carries what the status bar should say."""

    started = Signal(object)  # ActiveCall (dialling)
    ringing = Signal(object)  # ActiveCall (baresip mode)
    answered = Signal(object)  # ActiveCall with answered_at (baresip mode)
    ended = Signal(object, int)  # ActiveCall (with `end` in baresip mode), talk time in seconds
    message = Signal(str)

    def __init__(
        self,
        calls: Any,
        *,
        online: Any | None,
        softphone: Callable[[Any], None],
        template: Callable[[], str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        phone: Any | None = None,
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._calls = calls
        self._online = online
        self._softphone = softphone
        self._template = template
        self._clock = clock
        self._phone = phone if phone is not None and phone.has_call_state else None
        self._parent = parent_widget
        self.active: ActiveCall | None = None
        self.last_call: ActiveCall | None = None  # the last ended call, with its end
        self.pending = False  # waiting for the server's dial answer
        self.notice: QMessageBox | None = None  # the last 'dialing paused' box

    def set_phone(self, phone: Any | None) -> None:
        """Use another phone (Settings changed); only between calls."""
        self._phone = phone if phone is not None and phone.has_call_state else None

    @property
    def mode(self) -> str:
        """ "baresip" (the desk controls the softphone) or "hand-off"."""
        return "baresip" if self._phone is not None else "hand-off"

    # --- dialing ----------------------------------------------------------------------
    def dial(self, detail: CaseDetail, phone_id: str) -> bool:
        """Check, then dial `phone_id` of the case; False when nothing was dialled now."""
        if self.active is not None or self.pending:
            self.message.emit(self.tr("End the current call first (F6)."))
            return False
        phone = next((p for p in detail.borrower.phones if p.id == phone_id), None)
        if phone is None:
            return False
        check = self._calls.dial_check(detail.case.id, phone_id, now=self._clock())
        override: str | None = None
        if not check.allowed:
            override = self._ask_override(check, _who(phone))
            if override is None:
                return False
        template = self._template()
        if self._phone is not None or needs_number(template):
            if self._online is None:
                self.message.emit(
                    self.tr("Dialing needs the server to fetch the number; it is unreachable.")
                )
                return False
            self.pending = True
            online = self._online
            attempt_id = str(uuid.uuid4())
            run_task(
                lambda: online.dial(
                    detail.case.id, phone_id, override_reason=override, attempt_id=attempt_id
                ),
                lambda n: self._place(
                    detail, check, _who(phone), template, n.number, override, attempt_id
                ),
                lambda exc: self._dial_failed(exc, check, _who(phone), detail, template),
            )
            return True
        self._place(detail, check, _who(phone), template, None, override, None)
        return True

    def _ask_override(self, check: DialCheck, who: str) -> str | None:
        from ui.dialogs.dial_blocked_dialog import DialBlockedDialog

        dialog = DialBlockedDialog(check, who, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and check.overridable:
            return dialog.override_reason()
        return None

    def _dial_failed(
        self, exc: BaseException, check: DialCheck, who: str, detail: CaseDetail, template: str
    ) -> None:
        self.pending = False
        if isinstance(exc, PolicyBlocked):  # the server knows of calls this desk has not seen
            self.message.emit(self.tr("The server refused the call: %1").replace("%1", str(exc)))
            return
        if isinstance(exc, DialRateLimited):
            self._rate_limited(exc)
            return
        log.warning("dial failed: %s", type(exc).__name__)
        self.message.emit(self.tr("Could not dial: %1").replace("%1", str(exc)))

    def _rate_limited(self, exc: DialRateLimited) -> None:
        """429 from the dial route: say so in the status bar and in a (non-modal) box."""
        text = (
            self.tr("Too many dials in a short time (at most %1 in %2 s). Try again in %3 s.")
            .replace("%1", str(exc.limit) if exc.limit is not None else "?")
            .replace("%2", str(exc.window_s) if exc.window_s is not None else "60")
            .replace("%3", str(exc.retry_after_s))
        )
        self.message.emit(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Dialing paused"),
            text,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setObjectName("dialRateLimited")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.notice = box

    def _place(
        self,
        detail: CaseDetail,
        check: DialCheck,
        who: str,
        template: str,
        number: str | None,
        override: str | None,
        attempt_id: str | None,
    ) -> None:
        """Hand the number to the softphone; `attempt_id`: the attempt the server's dial
        route recorded (None: dialled without the server, the desk makes the id)."""
        self.pending = False
        contact_id = attempt_id or str(uuid.uuid4())
        recording = f"rec-{contact_id}"
        if self._phone is not None:
            self._dial_phone(detail, check, who, number or "", override, contact_id, attempt_id)
            return
        try:  # hand-off: the template's URL or command, no call state
            HandOffPhone(lambda: template, self._softphone).dial(
                number or "",
                phone_id=check.phone_id,
                case_id=detail.case.id,
                recording=recording,
            )
        except PhoneError as exc:
            cause = exc.__cause__
            why = problem_text(cause) if isinstance(cause, SoftphoneError) else str(exc)
            self.message.emit(self.tr("The softphone did not take the call: %1").replace("%1", why))
            return
        started = self._clock()
        self._count_dial(detail, check, contact_id, started, attempt_id, override)
        self.active = ActiveCall(
            case_id=detail.case.id,
            phone_id=check.phone_id,
            label=who,
            contact_id=contact_id,
            recording_ref=recording,
            started_at=started,
            override_reason=override,
        )
        self.started.emit(self.active)

    def _count_dial(
        self,
        detail: CaseDetail,
        check: DialCheck,
        contact_id: str,
        started: datetime,
        attempt_id: str | None,
        override: str | None,
    ) -> None:
        """The dial guard counts this dial from now on, offline too (a local provisional
        attempt; `attempt_id` None: the server has not recorded it)."""
        try:
            self._calls.record_dial(
                detail.case.id,
                check.phone_id,
                attempt_id=contact_id,
                now=started,
                on_server=attempt_id is not None,
                override_reason=override,
            )
        except LookupError:  # the case left this desk meanwhile: the server still counts it
            log.warning("dial not counted locally: the case is no longer on this desk")

    def _dial_phone(
        self,
        detail: CaseDetail,
        check: DialCheck,
        who: str,
        number: str,
        override: str | None,
        contact_id: str,
        attempt_id: str | None = None,
    ) -> None:
        """Baresip mode: the phone dials (a local process: it answers in milliseconds, and
        its events queue behind this call on the GUI thread)."""
        assert self._phone is not None
        try:
            self._phone.dial(number)
        except PhoneError as exc:
            self.message.emit(
                self.tr("The softphone did not take the call: %1").replace("%1", str(exc))
            )
            return
        started = self._clock()
        self._count_dial(detail, check, contact_id, started, attempt_id, override)
        self.active = ActiveCall(
            case_id=detail.case.id,
            phone_id=check.phone_id,
            label=who,
            contact_id=contact_id,
            recording_ref=f"rec-{contact_id}",
            started_at=started,
            override_reason=override,
            mode="baresip",
        )
        self.started.emit(self.active)

    def on_phone_event(self, event: CallEvent) -> None:
        """A call event from the phone, on the GUI thread (see module docstring)."""
        call = self.active
        if call is None or call.mode != "baresip":
            return
        if event.kind == RINGING and call.state == "dialling":
            self.active = replace(call, state="ringing")
            self.ringing.emit(self.active)
        elif event.kind == ANSWERED and call.answered_at is None:
            self.active = replace(call, state="answered", answered_at=event.at)
            self.answered.emit(self.active)
        elif event.kind == ENDED and event.end is not None:
            self._finish(replace(call, state="ended", end=event.end))

    def _finish(self, call: ActiveCall) -> None:
        self.active = None
        self.last_call = call
        talk = call.end.talk_s if call.end is not None else 0
        if call.end is not None:
            self._report_end(call, call.end)
        self.ended.emit(call, talk)

    def _report_end(self, call: ActiveCall, end: CallEnd) -> None:
        """The phone's end completes the dialled attempt (#17 point 3: whichever of this and
        the wrap-up comes first; the other only adds what is missing), queued for the server."""
        outcome = outcome_from_end(
            answered=end.answered,
            status=end.status,
            reason=end.reason,
            local_hangup=end.local_hangup,
        )
        try:
            self._calls.record_end(
                call.case_id,
                call.contact_id,
                answered=outcome.reached_borrower,
                disposition=outcome.disposition,
                duration_s=end.talk_s,
                ended_at=end.ended_at,
                recording_ref=call.recording_ref,
            )
        except (LookupError, DomainError) as exc:  # the wrap-up still records the call
            log.warning("the phone's end was not recorded: %s", type(exc).__name__)

    def end_call(self) -> bool:
        """End the call in progress (False when there is none). In baresip mode the phone
        hangs up and the end arrives as an event (at once here when the phone is gone)."""
        call = self.active
        if call is None:
            return False
        if call.mode == "baresip" and self._phone is not None:
            try:
                self._phone.hangup()
            except PhoneError as exc:
                log.warning("hang-up failed: %s", type(exc).__name__)
                now = self._clock()
                end = CallEnd(
                    dialled_at=call.started_at,
                    answered_at=call.answered_at,
                    ended_at=now,
                    status=None,
                    reason=str(exc),
                    local_hangup=True,
                )
                self._finish(replace(call, state="ended", end=end))
            return True
        self.active = None
        self.last_call = call
        duration = max(0, int((self._clock() - call.started_at).total_seconds()))
        self.ended.emit(call, duration)
        return True


def _who(phone: Any) -> str:
    owner = labels.label(labels.phone_owners(), phone.owner)
    name = f" {phone.name}" if phone.name else ""
    return f"{phone.number_masked}{name} ({owner})"

"""The call, from the click on a number to the wrap-up: a thin coordinator on the GUI
thread between the dial guard (local), the server's dial route (the clear number, checked
and audited again; run off the GUI thread), the softphone and the wrap-up form.

1. `dial(detail, phone_id)`: the dial guard answers first; a block shows every reason and
   the next allowed time (a team lead may override with a reason).
2. The number goes to the softphone (a template without {number} needs no server).
3. The call's id (the attempt id) is made at the click and sent with the dial: the server
   records the dial as a provisional attempt with it, the desk counts it locally at once
   (CallService.record_dial; offline too); the wrap-up form holds the id and the recording
   reference (its contact completes that attempt), the call bar runs a timer.
4. `end_call()`: the duration goes to the form and the focus to the outcome.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from app.client.dial_guard import DialCheck
from app.client.online import PolicyBlocked
from app.client.softphone import SoftphoneError, build_target, needs_number
from app.client.views import CaseDetail
from ui import labels
from ui.background import run_task

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


class CallController(QObject):
    """See module docstring. `message(str)` carries what the status bar should say."""

    started = Signal(object)  # ActiveCall
    ended = Signal(object, int)  # ActiveCall, duration in seconds
    message = Signal(str)

    def __init__(
        self,
        calls: Any,
        *,
        online: Any | None,
        softphone: Callable[[Any], None],
        template: Callable[[], str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._calls = calls
        self._online = online
        self._softphone = softphone
        self._template = template
        self._clock = clock
        self._parent = parent_widget
        self.active: ActiveCall | None = None
        self.pending = False  # waiting for the server's dial answer

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
        if needs_number(template):
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
        log.warning("dial failed: %s", type(exc).__name__)
        self.message.emit(self.tr("Could not dial: %1").replace("%1", str(exc)))

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
        try:
            target = build_target(
                template,
                number=number or "",
                phone_id=check.phone_id,
                case_id=detail.case.id,
                recording=recording,
            )
            self._softphone(target)
        except SoftphoneError as exc:
            self.message.emit(
                self.tr("The softphone did not take the call: %1").replace("%1", str(exc))
            )
            return
        started = self._clock()
        try:  # the dial guard counts this dial from now on, offline too
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

    def end_call(self) -> bool:
        """End the call in progress (False when there is none)."""
        call = self.active
        if call is None:
            return False
        self.active = None
        duration = max(0, int((self._clock() - call.started_at).total_seconds()))
        self.ended.emit(call, duration)
        return True


def _who(phone: Any) -> str:
    owner = labels.label(labels.phone_owners(), phone.owner)
    name = f" {phone.name}" if phone.name else ""
    return f"{phone.number_masked}{name} ({owner})"

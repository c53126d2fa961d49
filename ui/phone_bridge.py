"""The phone in the UI: which mode the desk uses (Settings) and the bridge that carries the
phone's call events into the GUI thread.

`PhoneBridge` is a QObject living on the GUI thread; the phone calls `deliver` on its own
socket thread and the emission of `call_event` is queued to the GUI thread (the house's way, as
ui.background's dispatcher: the worker only emits; receivers run on the GUI thread). No
widget is touched off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.client.softphone import DialTarget
from app.client.telephony.baresip import DEFAULT_ADDRESS, BaresipPhone
from app.client.telephony.handoff import HandOffPhone
from app.client.telephony.phone import CallEvent, Phone
from ui import settings

MODE_KEY = "phone/mode"
ADDRESS_KEY = "phone/baresip_address"
MODES = ("hand-off", "baresip")


def phone_mode() -> str:
    mode = settings.get_str(MODE_KEY)
    return mode if mode in MODES else "hand-off"


def baresip_address() -> str:
    return settings.get_str(ADDRESS_KEY) or DEFAULT_ADDRESS


def make_phone(template: Callable[[], str], launch: Callable[[DialTarget], None]) -> Phone:
    """The phone Settings ask for (baresip connects on the first dial)."""
    if phone_mode() == "baresip":
        return BaresipPhone(baresip_address())
    return HandOffPhone(template, launch)


class PhoneBridge(QObject):
    """See module docstring. Connect `call_event` to the GUI-side handler."""

    call_event = Signal(object)  # CallEvent, delivered on the GUI thread

    def attach(self, phone: Any) -> None:
        phone.subscribe(self.deliver)

    def deliver(self, event: CallEvent) -> None:
        """Called on the phone's thread: only emits."""
        self.call_event.emit(event)

"""The hand-off mode: the number goes to the workstation's softphone through the tel:/sip:
URL or command template of app.client.softphone; no call state comes back.

`launch` is how a `DialTarget` is started (the UI passes ui.softphone.launch, which opens URLs
through the desktop; app.client cannot). Hold, mute and DTMF are the softphone's own
buttons in this mode: asking for them here raises PhoneError.
"""

from __future__ import annotations

from collections.abc import Callable

from app.client.softphone import DialTarget, SoftphoneError, build_target
from app.client.telephony.phone import Listener, PhoneError


class HandOffPhone:
    """See module docstring. `template()` is read at every dial (Settings may change)."""

    mode = "hand-off"
    has_call_state = False

    def __init__(self, template: Callable[[], str], launch: Callable[[DialTarget], None]) -> None:
        self._template = template
        self._launch = launch

    def subscribe(self, listener: Listener) -> None:
        """No events ever come in this mode."""

    def target(self, number: str, **values: str) -> DialTarget:
        return build_target(self._template(), number=number, **values)

    def dial(self, number: str, **values: str) -> None:
        try:
            self._launch(self.target(number, **values))
        except SoftphoneError as exc:  # the cause keeps its `code` for the desk's sentence
            raise PhoneError(str(exc)) from exc

    def hangup(self) -> None:
        """Nothing to do: the agent ends the call in the softphone."""

    def hold(self, on: bool) -> None:
        raise PhoneError("hold is done in the softphone in hand-off mode")

    def mute(self, on: bool) -> None:
        raise PhoneError("mute is done in the softphone in hand-off mode")

    def send_dtmf(self, digits: str) -> None:
        raise PhoneError("keypad tones are sent from the softphone in hand-off mode")

    def close(self) -> None:
        """Nothing held open."""

"""The baresip phone: a real softphone driven over its TCP control interface (ctrl_tcp).

ctrl_tcp speaks netstrings (``LEN:JSON,``) both ways. A command is
``{"command": "dial", "params": "...", "token": "t1"}`` and is answered by a message with
``"response": true`` and the same token; events are ``{"event": true, "type": "CALL_...",
"id": <call id>, "param": <text>, ...}``. The call's life as baresip reports it:
CALL_RINGING (or CALL_PROGRESS, early media) -> CALL_ESTABLISHED -> CALL_CLOSED with the
reason ("486 Busy Here", "Connection reset by user", "end of file"...).

`BaresipPhone` keeps one connection; a daemon thread reads it and turns baresip's events into
`CallEvent`s for the listeners (called on that thread). Timestamps come from `clock`, read
when the message arrives. A call not answered within `ring_timeout_s` is hung up by the
adapter (it ends as "no answer", local hang-up).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.client.telephony.phone import (
    ANSWERED,
    ENDED,
    RINGING,
    CallEnd,
    CallEvent,
    Listener,
    PhoneError,
)
from app.domain.call_end import sip_status

log = logging.getLogger(__name__)

DEFAULT_ADDRESS = "127.0.0.1:4444"
COMMAND_TIMEOUT_S = 5.0
HANGUP_GRACE_S = 2.0
MAX_MESSAGE = 1 << 20
_DIAL_VALUE = re.compile(r"^[0-9A-Za-z+*#@._:;=-]{1,200}$")
_DTMF = re.compile(r"^[0-9*#A-Da-d]{1,32}$")


def parse_address(text: str) -> tuple[str, int]:
    """``host:port`` -> (host, port); PhoneError when it is not one."""
    host, sep, port = text.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise PhoneError(f"not a host:port address: {text!r}")
    return host.strip("[]"), int(port)


def encode(message: dict[str, Any]) -> bytes:
    """One netstring."""
    body = json.dumps(message).encode()
    return str(len(body)).encode() + b":" + body + b","


class NetstringReader:
    """Splits a byte stream into netstring bodies (`feed` returns the complete ones)."""

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        while True:
            colon = self._buf.find(b":")
            if colon < 0:
                if len(self._buf) > 12:
                    raise PhoneError("malformed netstring from baresip")
                return out
            head = self._buf[:colon]
            if not head.isdigit() or int(head) > MAX_MESSAGE:
                raise PhoneError("malformed netstring from baresip")
            size = int(head)
            end = colon + 1 + size
            if len(self._buf) < end + 1:
                return out
            if self._buf[end : end + 1] != b",":
                raise PhoneError("malformed netstring from baresip")
            out.append(self._buf[colon + 1 : end])
            self._buf = self._buf[end + 1 :]


@dataclass
class _Call:
    dialled_at: datetime
    call_id: str = ""
    answered_at: datetime | None = None
    ringing: bool = False
    local_hangup: bool = False
    muted: bool = False
    timer: threading.Timer | None = None


class BaresipPhone:
    """See module docstring. `connect()` opens the control connection (PhoneError when
    baresip is not listening); `close()` ends it."""

    mode = "baresip"
    has_call_state = True

    def __init__(
        self,
        address: str = DEFAULT_ADDRESS,
        *,
        ring_timeout_s: float = 45.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.address = parse_address(address)
        self.ring_timeout_s = ring_timeout_s
        self._clock = clock
        self._sock: socket.socket | None = None
        self._reader: threading.Thread | None = None
        self._send_lock = threading.Lock()
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)
        self._waiting: dict[str, tuple[threading.Event, list[dict[str, Any]]]] = {}
        self._listeners: list[Listener] = []
        self._call: _Call | None = None
        self._finished: set[str] = set()  # ids of calls already ended
        self._closed = False

    # --- connection ---------------------------------------------------------------------
    def connect(self, timeout_s: float = 3.0) -> None:
        if self._sock is not None:
            return
        try:
            sock = socket.create_connection(self.address, timeout=timeout_s)
        except OSError as exc:
            raise PhoneError(
                f"baresip is not reachable at {self.address[0]}:{self.address[1]}: "
                f"{exc.strerror or exc}"
            ) from None
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock = sock
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, name="baresip-ctrl", daemon=True)
        self._reader.start()

    def close(self) -> None:
        self._closed = True
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._reader is not None and self._reader is not threading.current_thread():
            self._reader.join(timeout=2)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def in_call(self) -> bool:
        return self._call is not None

    # --- commands -----------------------------------------------------------------------
    def command(self, name: str, params: str = "") -> dict[str, Any]:
        """Send one command and wait for its response (PhoneError on failure)."""
        self.connect()
        token = f"desk{next(self._tokens)}"
        done = threading.Event()
        box: list[dict[str, Any]] = []
        self._waiting[token] = (done, box)
        message = {"command": name, "params": params, "token": token}
        try:
            with self._send_lock:
                sock = self._sock
                if sock is None:
                    raise PhoneError("the baresip connection is closed")
                sock.sendall(encode(message))
        except OSError as exc:
            self._waiting.pop(token, None)
            raise PhoneError(f"baresip connection lost: {exc}") from None
        if not done.wait(COMMAND_TIMEOUT_S):
            self._waiting.pop(token, None)
            raise PhoneError(f"baresip did not answer the {name} command")
        answer = box[0]
        if answer.get("ok") is False:
            raise PhoneError(f"baresip refused {name}: {answer.get('data', '')}".strip())
        return answer

    def dial(self, number: str) -> None:
        """Dial a number or SIP URI (baresip completes a bare number with its account's
        domain). The call's events follow; PhoneError when baresip does not take it."""
        if not _DIAL_VALUE.match(number):
            raise PhoneError("the number has characters a softphone cannot take")
        with self._lock:
            if self._call is not None:
                raise PhoneError("a call is already in progress")
            call = self._call = _Call(dialled_at=self._clock())
        try:
            self.command("dial", number)
        except PhoneError:
            with self._lock:
                self._call = None
            raise
        if self.ring_timeout_s > 0:
            call.timer = threading.Timer(self.ring_timeout_s, self._ring_timeout, args=(call,))
            call.timer.daemon = True
            call.timer.start()

    def hangup(self) -> None:
        """End the call in progress (its ENDED event follows)."""
        call = self._call
        if call is None:
            return
        call.local_hangup = True
        self.command("hangup")
        # baresip reports no CALL_CLOSED for a call that never got a SIP answer: end it here
        # if nothing came within a moment
        timer = threading.Timer(HANGUP_GRACE_S, self._finish_hung_up, args=(call,))
        timer.daemon = True
        timer.start()

    def _finish_hung_up(self, call: _Call) -> None:
        self._finish(call, status=None, reason="hung up before any answer from the network")

    def hold(self, on: bool) -> None:
        self._need_call()
        self.command("hold" if on else "resume")

    def mute(self, on: bool) -> None:
        """baresip's mute is a toggle answering "call muted" / "call un-muted": it is sent
        only when the state must change, and the answer is the state."""
        call = self._need_call()
        if call.muted == on:
            return
        data = str(self.command("mute").get("data", "")).lower()
        call.muted = "un-muted" not in data and "muted" in data
        if call.muted != on:
            raise PhoneError("baresip did not change the microphone's state")

    @property
    def muted(self) -> bool:
        call = self._call
        return call is not None and call.muted

    def send_dtmf(self, digits: str) -> None:
        if not _DTMF.match(digits):
            raise PhoneError("keypad tones are 0-9, *, # and A-D")
        self._need_call()
        for digit in digits:
            self.command("sndcode", digit)

    def _need_call(self) -> _Call:
        call = self._call
        if call is None or call.answered_at is None:
            raise PhoneError("no call is connected")
        return call

    def _ring_timeout(self, call: _Call) -> None:
        if self._call is call and call.answered_at is None:
            log.info("no answer within %.0f s: hanging up", self.ring_timeout_s)
            try:
                self.hangup()
            except PhoneError:
                log.warning("could not hang up the unanswered call")

    # --- events -------------------------------------------------------------------------
    def _read_loop(self) -> None:
        reader = NetstringReader()
        sock = self._sock
        try:
            while sock is not None:
                data = sock.recv(65536)
                if not data:
                    break
                for body in reader.feed(data):
                    self._handle(json.loads(body))
        except (OSError, ValueError, PhoneError) as exc:
            if not self._closed:
                log.warning("baresip control connection failed: %s", type(exc).__name__)
        finally:
            if not self._closed:
                self._connection_lost()

    def _connection_lost(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()
        for done, box in list(self._waiting.values()):
            box.append({"ok": False, "data": "connection lost"})
            done.set()
        self._waiting.clear()
        call = self._call
        if call is not None:
            self._finish(call, status=None, reason="connection to baresip lost")

    def _handle(self, message: dict[str, Any]) -> None:
        if message.get("response"):
            waiting = self._waiting.pop(str(message.get("token", "")), None)
            if waiting is not None:
                waiting[1].append(message)
                waiting[0].set()
            return
        if not message.get("event"):
            return
        kind = str(message.get("type", ""))
        call = self._call
        if call is None or not kind.startswith("CALL_"):
            return
        if message.get("direction") == "incoming":
            return
        call_id = str(message.get("id", ""))
        if call_id in self._finished or (call.call_id and call_id and call_id != call.call_id):
            return  # a late event of an earlier call (e.g. closed locally after a hang-up)
        if call_id and not call.call_id:
            call.call_id = call_id
        now = self._clock()
        if kind in ("CALL_RINGING", "CALL_PROGRESS") and not call.ringing:
            call.ringing = True
            self._emit(CallEvent(RINGING, now, call.call_id))
        elif kind == "CALL_ESTABLISHED" and call.answered_at is None:
            call.answered_at = now
            if call.timer is not None:
                call.timer.cancel()
            self._emit(CallEvent(ANSWERED, now, call.call_id))
        elif kind == "CALL_CLOSED":
            reason = str(message.get("param", ""))
            self._finish(call, status=sip_status(reason), reason=reason, now=now)

    def _finish(
        self, call: _Call, *, status: int | None, reason: str, now: datetime | None = None
    ) -> None:
        with self._lock:
            if self._call is not call:
                return
            self._call = None
            if call.call_id:
                self._finished.add(call.call_id)
        if call.timer is not None:
            call.timer.cancel()
        end = CallEnd(
            dialled_at=call.dialled_at,
            answered_at=call.answered_at,
            ended_at=now or self._clock(),
            status=status,
            reason=reason,
            local_hangup=call.local_hangup,
        )
        self._emit(CallEvent(ENDED, end.ended_at, call.call_id, end))

    def _emit(self, event: CallEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a call event listener failed")

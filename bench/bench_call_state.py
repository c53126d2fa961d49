"""From baresip's answer event arriving on the control socket to the call bar showing
"Talking" (target < 100 ms).

    uv run python bench/bench_call_state.py [CALLS]     (default 40)

Two real baresip processes on loopback (tests/client/baresip_rig.py): the desk's, driven by
app.client.telephony.BaresipPhone over ctrl_tcp, and the borrower's, answering by itself and
playing a 0.5 s WAV. The desk side is the real chain offscreen: the adapter's socket thread ->
ui.phone_bridge.PhoneBridge (a queued signal into the GUI thread) -> CallController ->
CallBar.answered, then a synchronous repaint of the bar. The clock starts when the reader
thread has the CALL_ESTABLISHED message (just after it is read and parsed from the socket)
and stops after the bar has repainted with "Talking".
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.client.telephony.baresip import BaresipPhone
    from tests.client.baresip_rig import Baresip, tone_wav
    from ui.call_controller import CallController
    from ui.phone_bridge import PhoneBridge
    from ui.widgets.call_bar import CallBar

    _app = QApplication.instance() or QApplication([])
    root = Path(tempfile.mkdtemp(prefix="bench-call-"))
    wav = tone_wav(root / "voice.wav", 0.5)
    borrower = Baresip(root, "borrower", source=wav, answermode="auto")
    desk = Baresip(root, "agent", source=wav, ctrl=True)
    arrived: dict[str, float] = {}

    class TimedPhone(BaresipPhone):
        def _handle(self, message: dict[str, Any]) -> None:
            if message.get("type") == "CALL_ESTABLISHED":
                arrived["t"] = time.perf_counter()
            super()._handle(message)

    phone = TimedPhone(desk.ctrl_address, ring_timeout_s=0)
    bar = CallBar()
    bar.set_mode("baresip")
    bar.resize(1366 // 2, 40)
    bar.show()
    controller = CallController(
        None, online=None, softphone=lambda t: None, template=lambda: "", phone=phone
    )
    bridge = PhoneBridge()
    bridge.call_event.connect(controller.on_phone_event)
    bridge.attach(phone)
    shown: list[float] = []

    def on_answered(call: Any) -> None:
        bar.answered(call.label, call.answered_at)
        bar.repaint()
        shown.append(time.perf_counter() - arrived["t"])

    controller.answered.connect(on_answered)
    controller.ended.connect(lambda call, talk: bar.ended(call.label, "", talk))
    detail = SimpleNamespace(case=SimpleNamespace(id="case-1"))
    check = SimpleNamespace(phone_id="phone-1")
    try:
        for i in range(calls):
            controller._dial_phone(detail, check, "138****5678", borrower.uri, None, f"c{i}")  # type: ignore[arg-type]
            bar.dialling("138****5678")
            if controller.active is not None:  # wait in the GUI event loop, as the desk does
                loop = QEventLoop()
                controller.ended.connect(loop.quit)
                QTimer.singleShot(10_000, loop.quit)
                loop.exec()
                controller.ended.disconnect(loop.quit)
            if controller.active is not None:
                raise RuntimeError("a call did not end")
    finally:
        phone.close()
        desk.stop()
        borrower.stop()
    ms = sorted(x * 1000 for x in shown)
    print(f"answer event on the socket -> call bar shows it, {len(ms)} real calls:")
    print(
        f"  median {statistics.median(ms):.2f} ms  p95 {ms[int(0.95 * (len(ms) - 1))]:.2f} ms  "
        f"max {ms[-1]:.2f} ms  (target < 100 ms)"
    )


if __name__ == "__main__":
    main()

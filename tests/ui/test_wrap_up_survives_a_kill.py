"""kill -9 in the middle of a call: the desk process is killed with a half-typed wrap-up;
the desk started again on the same store shows the wrap-up as it was — the call (its id,
number and start), the script's step, the promise and the half-written note."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from app.client.desk_service import DeskService
from app.client.store import LocalStore, keys
from ui.main_window import MainWindow
from ui.signal_hub import SignalHub

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, time
    from zoneinfo import ZoneInfo
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
    from PySide6.QtTest import QTest
    from app.client.desk_service import DeskService
    from app.client.store import LocalStore
    from app.client.store.apply import apply_upserts
    from tests.client import factories as f
    from ui import settings
    from ui.application import create_application
    from ui.main_window import MainWindow
    from ui.signal_hub import SignalHub

    app = create_application(language="en")
    settings.set_str("softphone/template", "sip:{phone_id}@pbx.example")
    store = LocalStore(sys.argv[1], key=bytes.fromhex(sys.argv[3]))
    with store.transaction() as tx:
        apply_upserts(tx, f.book(3), gen=1)
    w = MainWindow(DeskService(store, user="agent1"), SignalHub(), restore=False,
                   reminders=False, softphone=lambda target: None)
    noon = datetime.combine(datetime.now(ZoneInfo("Asia/Shanghai")).date(), time(12),
                            ZoneInfo("Asia/Shanghai"))
    w.calls._clock = lambda: noon  # inside the calling hours whatever the test's clock
    w.show()
    w.load()
    case = w.current
    assert w.calls.dial(case, case.borrower.phones[0].id)
    w.side.script.choose(0)
    w.side.script.choose(0)
    form = w.side.wrap_up
    form.has_promise.setChecked(True)
    form.promise_amount.setText("300")
    QTest.keyClicks(form.text, "borrower says he will pay on fri")
    QTest.qWait(900)  # the draft is written 400 ms after the last key
    print("READY", case.case.id, w.calls.active.contact_id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_half_typed_wrap_up_survives_kill_9(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store_path = tmp_path / "desk.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(store_path),
            str(tmp_path / "settings"),
            keys.store_key(store_path).hex(),  # the test keyring keeps it for the reopen
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr[-2000:]
    ready = next(line for line in done.stdout.splitlines() if line.startswith("READY"))
    _, case_id, contact_id = ready.split()

    store = LocalStore(store_path)  # the desk starts again on the same file
    service = DeskService(store, user="agent1")
    w = MainWindow(service, SignalHub(), restore=False, reminders=False)
    qtbot.addWidget(w)
    w.show()
    w.load()
    assert w.worklist.select_case(case_id)
    form = w.side.wrap_up
    assert form.text.toPlainText() == "borrower says he will pay on fri"
    assert form.has_promise.isChecked() and form.promise_amount.text() == "300.00"
    assert form.disposition.currentData() == "right_party"  # set by the script's answer
    assert form.draft_label.text() == "Draft restored"
    kept = form.current()
    assert kept.contact_id == contact_id and kept.call_placed and kept.phone_id
    assert "identity verified" in w.side.script.status.text()  # back at the same step
    w.close()
    store.close()

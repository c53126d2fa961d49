"""The background sync helper: the engine lives and runs in the worker thread, results come
back by signal, writes are coalesced, the first sync's progress dialog can cancel."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QPushButton

from app.client.views import CancelToken, ChangeSet, SyncReport
from ui.background import BackgroundSync, run_task
from ui.dialogs.first_sync_dialog import FirstSyncDialog


class FakeEngine:
    """Records the thread it was created and run on; can run "long" until cancelled."""

    def __init__(self, *, long: bool = False) -> None:
        self.created_in = threading.get_ident()
        self.ran_in: list[int] = []
        self.long = long
        self.closed = False

    def run_once(
        self, cancel: CancelToken | None = None, progress=None, *, confirm_mass_removal=False
    ):  # type: ignore[no-untyped-def]
        self.ran_in.append(threading.get_ident())
        if self.long:
            for k in range(1, 500):
                if cancel is not None and cancel.cancelled:
                    return SyncReport(outcome="cancelled")
                if progress is not None:
                    progress("pull", k * 1000, None)
                time.sleep(0.01)
        return SyncReport(outcome="ok", changes=ChangeSet(worklist=True))

    def close(self) -> None:
        self.closed = True


def test_engine_is_created_and_run_in_the_worker_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    engines: list[FakeEngine] = []

    def factory() -> FakeEngine:
        engines.append(FakeEngine())
        return engines[-1]

    sync = BackgroundSync(factory, interval_ms=3_600_000)
    with qtbot.waitSignal(sync.report, timeout=5_000) as blocker:
        sync.start()
    assert blocker.args[0].outcome == "ok"
    gui = threading.get_ident()
    assert engines[0].created_in != gui and engines[0].ran_in == [engines[0].created_in]
    sync.stop()
    assert engines[0].closed
    assert sync.sync_now() is None  # stopped: nothing runs any more


def test_local_writes_are_coalesced_into_one_sync(qtbot) -> None:  # type: ignore[no-untyped-def]
    engine = FakeEngine()
    sync = BackgroundSync(lambda: engine, interval_ms=3_600_000, debounce_ms=100)
    sync.start(sync_now=False)
    reports: list[SyncReport] = []
    sync.report.connect(reports.append)
    for _ in range(5):
        sync.after_local_write()
    qtbot.waitUntil(lambda: len(reports) == 1, timeout=5_000)
    qtbot.wait(300)
    assert len(reports) == 1 and len(engine.ran_in) == 1
    sync.stop()


def test_first_sync_dialog_shows_progress_and_cancels(qtbot) -> None:  # type: ignore[no-untyped-def]
    engine = FakeEngine(long=True)
    sync = BackgroundSync(lambda: engine, interval_ms=3_600_000)
    dialog = FirstSyncDialog(sync)
    qtbot.addWidget(dialog)
    try:
        sync.start()
        dialog.open()
        qtbot.waitUntil(lambda: "records" in dialog.labelText(), timeout=5_000)
        with qtbot.waitSignal(sync.report, timeout=5_000) as blocker:
            dialog.findChild(QPushButton).click()  # the agent presses Cancel
        assert blocker.args[0].outcome == "cancelled"
        assert dialog.report is not None and dialog.report.outcome == "cancelled"
    finally:
        sync.stop()


def test_run_task_delivers_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = QThread.currentThread()
        return 42

    run_task(work, lambda r: seen.update(result=r, done_in=QThread.currentThread()), seen.update)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5_000)
    assert seen["result"] == 42
    assert seen["done_in"] is QThread.currentThread() and seen["worker"] is not seen["done_in"]

    errors: list[BaseException] = []
    run_task(lambda: 1 / 0, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ZeroDivisionError)

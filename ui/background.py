"""The one background-work helper: a sync worker thread and a small task runner.

* `BackgroundSync` owns a QThread with a `SyncWorker` QObject living in it. The worker
  creates the SyncEngine (app.client) inside that thread, so the engine's own SQLite
  connection and `requests.Session` never cross threads. Sync runs on a timer, after local
  writes (debounced), and on demand; results return by signal to the GUI thread.
* `run_task(fn, on_done, on_error)` runs one short blocking call (sign-in) on the global
  QThreadPool and delivers the result by signal.

No widget is touched off the GUI thread: both only emit signals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal, Slot

from app.client.views import CancelToken, SyncReport

log = logging.getLogger(__name__)

SYNC_INTERVAL_MS = 60_000
WRITE_DEBOUNCE_MS = 1_500
RETRY_FIRST_MS = 5_000


class Engine(Protocol):
    """What the worker needs from app.client.sync_engine.SyncEngine."""

    def run_once(
        self, cancel: Any = None, progress: Any = None, *, confirm_mass_removal: bool = False
    ) -> SyncReport: ...


class SyncWorker(QObject):
    """Lives in the sync thread; owns the engine (created lazily in that thread)."""

    finished = Signal(object)  # SyncReport
    progress = Signal(str, int, int)  # phase, done, total (0 = unknown)

    def __init__(self, engine_factory: Callable[[], Engine]) -> None:
        super().__init__()
        self._factory = engine_factory
        self._engine: Engine | None = None

    @Slot(object, bool)
    def run(self, cancel: CancelToken, confirm_mass_removal: bool) -> None:
        try:
            if self._engine is None:
                self._engine = self._factory()
            report = self._engine.run_once(
                cancel=cancel, progress=self._progress, confirm_mass_removal=confirm_mass_removal
            )
        except Exception as exc:  # the engine reports faults itself; this is a last resort
            log.exception("sync cycle failed")
            report = SyncReport(outcome="error", error=type(exc).__name__)
        self.finished.emit(report)

    def _progress(self, phase: str, done: int, total: int | None) -> None:
        self.progress.emit(phase, done, total or 0)

    @Slot()
    def shutdown(self) -> None:
        """Close the engine in this (its own) thread, then end the thread's event loop.

        Runs as a queued call after any cycle in progress, so the close always happens
        before the thread finishes."""
        self.close()
        thread = QThread.currentThread()
        if thread is not None:
            thread.quit()

    @Slot()
    def close(self) -> None:
        close = getattr(self._engine, "close", None)
        if callable(close):
            try:
                close()
            except Exception:
                log.exception("closing the sync engine failed")
        self._engine = None


class BackgroundSync(QObject):
    """Schedules sync cycles on the worker thread; see module docstring."""

    started = Signal()
    report = Signal(object)  # SyncReport, on the GUI thread
    progress = Signal(str, int, int)
    _run = Signal(object, bool)
    _shutdown = Signal()

    def __init__(
        self,
        engine_factory: Callable[[], Engine],
        parent: QObject | None = None,
        *,
        interval_ms: int = SYNC_INTERVAL_MS,
        debounce_ms: int = WRITE_DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("sync-worker")
        self._worker = SyncWorker(engine_factory)
        self._worker.moveToThread(self._thread)
        self._run.connect(self._worker.run)
        # Stopping is a queued request to the worker: it closes the engine (and its store
        # connection) in the thread that opened it, then quits that thread.
        self._shutdown.connect(self._worker.shutdown)
        self._worker.finished.connect(self._on_finished)
        self._worker.progress.connect(self.progress)
        self._interval = interval_ms
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._on_timer)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self._on_timer)
        self._cancel: CancelToken | None = None
        self._again = False
        self._again_confirm = False
        self._failures = 0
        self._stopped = False

    # --- lifecycle --------------------------------------------------------------------
    def start(self, *, sync_now: bool = True) -> None:
        if self._stopped:
            return
        self._thread.start()
        if sync_now:
            self.sync_now()
        else:
            self._timer.start(self._interval)

    def stop(self, timeout_ms: int = 5_000) -> None:
        """Cancel a running cycle, close the engine in its thread and end the thread.

        `timeout_ms=0` asks the thread to end without waiting (the GUI stays responsive);
        a later `stop()` waits for it."""
        if not self._stopped:
            self._stopped = True
            self._timer.stop()
            self._debounce.stop()
            if self._cancel is not None:
                self._cancel.cancel()
            if self._thread.isRunning():
                self._shutdown.emit()
        if timeout_ms > 0 and self._thread.isRunning():
            if not self._thread.wait(timeout_ms):
                log.warning("sync thread did not stop in time")

    # --- triggers ---------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._cancel is not None

    def sync_now(self, *, confirm_mass_removal: bool = False) -> CancelToken | None:
        """Start a cycle now (or right after the running one); returns its cancel token.

        `confirm_mass_removal` lets a pull go ahead that removes many cached cases (the
        agent confirmed after a "paused" report)."""
        if self._stopped:
            return None
        self._debounce.stop()
        self._timer.stop()
        if self._cancel is not None:
            self._again = True
            self._again_confirm = self._again_confirm or confirm_mass_removal
            return self._cancel
        self._cancel = CancelToken()
        self.started.emit()
        self._run.emit(self._cancel, confirm_mass_removal)
        return self._cancel

    def _on_timer(self) -> None:
        self.sync_now()

    def after_local_write(self, *, urgent: bool = False) -> None:
        """A note was saved: push it soon, coalescing bursts of writes. `urgent` (a saved
        wrap-up: the server should have it within a second) starts a cycle now."""
        if self._stopped:
            return
        if urgent:
            self.sync_now()
        else:
            self._debounce.start()

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    # --- results ----------------------------------------------------------------------
    @Slot(object)
    def _on_finished(self, report: SyncReport) -> None:
        self._cancel = None
        if self._stopped:
            return
        if report.outcome in ("offline", "error"):
            self._failures += 1
            delay = min(self._interval, RETRY_FIRST_MS * 2 ** min(self._failures - 1, 10))
        else:
            self._failures = 0
            delay = self._interval
        self.report.emit(report)
        again, self._again = self._again, False
        confirm, self._again_confirm = self._again_confirm, False
        if report.outcome == "unauthorized":
            return  # no timer: nothing can sync until the agent signs in again (sync_now)
        if again and (report.outcome not in ("cancelled", "paused") or confirm):
            self.sync_now(confirm_mass_removal=confirm)
        else:
            self._timer.start(delay)


class _Dispatcher(QObject):
    """Lives on the GUI thread and delivers every task's answer there.

    One long-lived object for all tasks: a worker emits `done`/`failed` with the task's
    ticket (a cross-thread emission is queued to this object's thread) and the callbacks are
    looked up and called here. Earlier each task had its own signals and receiver QObjects,
    released inside the receiver's own slot; deleting a Python-owned QObject from the call
    Qt is making into it crashed the desk (SIGSEGV in ~QObject, seen in the team console's
    UI tests, which run many calls)."""

    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[Any], None]]] = {}
        self._tickets = itertools.count(1)
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    def add(self, on_done: Callable[[Any], None], on_error: Callable[[Any], None]) -> int:
        ticket = next(self._tickets)
        self._pending[ticket] = (on_done, on_error)
        return ticket

    @Slot(int, object)
    def _deliver_done(self, ticket: int, result: Any) -> None:
        callbacks = self._pending.pop(ticket, None)
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _deliver_failed(self, ticket: int, exc: Any) -> None:
        callbacks = self._pending.pop(ticket, None)
        if callbacks is not None:
            callbacks[1](exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], ticket: int, dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._fn = fn
        self._ticket = ticket
        self._dispatcher = dispatcher

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._dispatcher.failed.emit(self._ticket, exc)
        else:
            self._dispatcher.done.emit(self._ticket, result)


_dispatcher: list[_Dispatcher] = []  # created on first use, on the GUI thread


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run a short blocking `fn` off the GUI thread; callbacks run on the GUI thread.
    Call it from the GUI thread."""
    if not _dispatcher:
        _dispatcher.append(_Dispatcher())
    dispatcher = _dispatcher[0]
    ticket = dispatcher.add(on_done, on_error)
    QThreadPool.globalInstance().start(_Task(fn, ticket, dispatcher))

"""From "Save (F9)" on a wrap-up to the server's acknowledgement, online (target < 1 s).

    uv run python bench/bench_save_ack.py [LOANS] [SAVES]     (defaults 5000, 60)

The central API runs in its own process on the SQLite demo book (every open case on one
agent, bench_client_common: ~500 cases for 5,000 loans, a full agent's load), the desk is the real one offscreen: DeskService on its local
store, the background sync worker, the wrap-up form. Each round fills a wrap-up (a call with
its outcome, a promise and a note: three ops) and presses Save; the clock stops when the
local outbox is empty — the server has committed the ops and the desk has stored their
acknowledgement (polled every 2 ms on the GUI thread) — and again when the sync cycle has
finished (push, pull of what changed, push).
"""

from __future__ import annotations

import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

from bench_client_common import (
    AGENT,
    PASSWORD,
    ServerProcess,
    book_db,
    describe,
    fresh_desk_dir,
    use_memory_keyring,
)


def main() -> None:
    loans = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    db = book_db(loans)
    use_memory_keyring()
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.client import paths
    from app.client.desk_service import DeskService
    from app.client.session import Session
    from app.client.store import LocalStore
    from app.client.sync_engine import SyncEngine
    from app.client.views import WorklistQuery
    from ui.background import BackgroundSync
    from ui.widgets.wrap_up_form import WrapUpForm

    app = QApplication([])
    server = ServerProcess(db)
    try:
        session = Session(server.url, AGENT, timeout=120)
        session.login(PASSWORD)
        store = LocalStore(paths.store_path(server.url, AGENT, base=fresh_desk_dir("save_ack")))
        service = DeskService(store, user=AGENT)
        sync = BackgroundSync(lambda: SyncEngine(store, session.api), interval_ms=3_600_000)
        reports: list[object] = []
        sync.report.connect(reports.append)
        t = time.perf_counter()
        sync.start()
        _wait(app, lambda: bool(reports), 900)
        print(f"first sync: {time.perf_counter() - t:.1f} s ({reports[-1].summary()})")  # type: ignore[attr-defined]
        cases = [r.case_id for r in service.worklist(WorklistQuery(limit=saves)).rows]
        from app.client.desk_service import warm_up

        warm_up()  # as the launcher does off the GUI thread after start-up
        form = WrapUpForm(service.calls)
        form.saved.connect(lambda _c: sync.after_local_write(urgent=True))
        conn = store.connection()
        acks: list[float] = []
        cycles: list[float] = []
        for k in range(saves):
            case_id = cases[k % len(cases)]
            now = datetime.now(UTC)
            form.set_case(case_id, now=now)
            detail = service.case_detail(case_id)
            phone = next(p for p in detail.borrower.phones if p.owner == "borrower")
            form.begin_call(
                phone_id=phone.id,
                contact_id=str(uuid.uuid4()),
                started_at=now - timedelta(minutes=3),
                recording_ref="rec-bench",
                override_reason=None,
                label=phone.number_masked,
            )
            form.end_call(duration_s=170)
            form.disposition.setCurrentIndex(form.disposition.findData("right_party"))
            form.has_promise.setChecked(True)
            form.promise_amount.setText("100")
            form.text.setPlainText(f"bench wrap-up {k}")
            seen = len(reports)
            start = time.perf_counter()
            if not form.save():
                raise RuntimeError(f"not saved: {form.problems_shown()}")
            _wait(
                app,
                lambda: conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0,
                30,
                poll_ms=2,
            )
            acks.append(time.perf_counter() - start)
            _wait(app, lambda seen=seen: len(reports) > seen, 30)
            cycles.append(time.perf_counter() - start)
            bad = reports[-1]
            if getattr(bad, "outcome", "ok") != "ok":
                raise RuntimeError(bad.summary())  # type: ignore[attr-defined]
        print(describe("save -> acknowledged by the server", acks, 1000))
        print(describe("save -> sync cycle finished (push, pull, push)", cycles))
        sync.stop()
        store.close()
    finally:
        server.stop()


def _wait(app: object, done: object, timeout_s: float, *, poll_ms: int = 10) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not done():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("waited too long")
        QTimer.singleShot(poll_ms, loop.quit)
        loop.exec()


if __name__ == "__main__":
    main()

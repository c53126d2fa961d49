"""Client sync benchmark against the real central API (separate process) over HTTP.

    uv run python bench/bench_client_sync.py [LOANS]     (default 200000 if that demo book
                                                          is built, else 20000)

Measures: first full sync (rows/s and cases), an incremental sync with nothing new
(target < 150 ms), pushing 1,000 queued notes (target < 3 s), resident memory.
The store it leaves behind is reused by bench_client_worklist.py.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time

from bench_client_common import (
    AGENT,
    BENCH_DIR,
    PASSWORD,
    ServerProcess,
    book_db,
    describe,
    fresh_desk_dir,
    use_memory_keyring,
)


def main() -> None:
    default = (
        200_000
        if (BENCH_DIR / "client_bench_200000.db").exists() or (BENCH_DIR / "demo200k.db").exists()
        else 20_000
    )
    loans = int(sys.argv[1]) if len(sys.argv) > 1 else default
    db = book_db(loans)
    use_memory_keyring()
    from app.client import paths
    from app.client.desk_service import DeskService
    from app.client.session import Session
    from app.client.store import LocalStore
    from app.client.sync_engine import SyncEngine
    from app.client.views import WorklistQuery

    server = ServerProcess(db)
    try:
        data_dir = fresh_desk_dir(f"desk_{loans}")
        session = Session(server.url, AGENT, timeout=120)
        session.login(PASSWORD)
        store = LocalStore(paths.store_path(server.url, AGENT, base=data_dir))
        engine = SyncEngine(store, session.api)  # default page size (200 cases)
        desk = DeskService(store, user=AGENT)

        network = [0.0]
        fetch = session.api.changes

        def timed_changes(*a: object, **k: object) -> dict[str, object]:
            t = time.perf_counter()
            try:
                return fetch(*a, **k)  # type: ignore[arg-type]
            finally:
                network[0] += time.perf_counter() - t

        session.api.changes = timed_changes  # type: ignore[method-assign]
        t0 = time.perf_counter()
        report = engine.run_once()
        first = time.perf_counter() - t0
        session.api.changes = fetch  # type: ignore[method-assign]
        cases = desk.worklist(WorklistQuery(limit=1, status=None)).total
        print(f"demo book: {loans} loans; {AGENT} holds {cases} cases")
        print(
            f"first full sync: {report.pulled_upserts} rows in {report.pages} pages, "
            f"{first:.1f} s -> {report.pulled_upserts / first:,.0f} rows/s "
            f"({cases / first:,.0f} cases/s); outcome={report.outcome}"
        )
        local = first - network[0]
        print(
            f"  of which the HTTP calls (server work + transfer + JSON decode): {network[0]:.1f} s; "
            f"client-side apply: {local:.2f} s -> "
            f"{report.pulled_upserts / max(local, 1e-9):,.0f} rows/s"
        )
        size_mb = store.path.stat().st_size / 1e6
        print(f"local store: {size_mb:.0f} MB ({store.path})")

        runs = []
        for _ in range(20):
            t0 = time.perf_counter()
            r = engine.run_once()
            runs.append(time.perf_counter() - t0)
            assert r.outcome == "ok" and r.pulled_upserts == 0, r.summary()
        print(describe("incremental sync, nothing new", runs, 150))

        ids = [r.case_id for r in desk.worklist(WorklistQuery(limit=1000)).rows]
        t0 = time.perf_counter()
        for i in range(1000):
            desk.save_note(ids[i % len(ids)], f"压测备注 {i}: 客户表示月底前还款", "right_party")
        queued = time.perf_counter() - t0
        print(
            f"queue 1,000 notes locally: {queued * 1000:.0f} ms "
            f"({queued:.4f} s / 1000 = {queued:.2f} ms per note)"
        )
        stats = {k: 0 for k in ("pushed_applied", "pushed_duplicate", "pushed_rejected")}
        t0 = time.perf_counter()
        engine._push(stats, None, None)  # the push phase alone
        pushed = time.perf_counter() - t0
        print(
            f"push 1,000 queued notes: {pushed:.2f} s (applied={stats['pushed_applied']}, "
            f"rejected={stats['pushed_rejected']})  target < 3 s"
        )
        t0 = time.perf_counter()
        r = engine.run_once()
        print(
            f"next cycle pulling them back: {time.perf_counter() - t0:.2f} s "
            f"({r.pulled_upserts} upserts)"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"client process peak RSS: {rss:.0f} MB")
        print(f"median incremental: {statistics.median(runs) * 1000:.1f} ms")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

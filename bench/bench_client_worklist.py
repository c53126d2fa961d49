"""Client read-path benchmark on a local store holding an agent's whole book.

    uv run python bench/bench_client_worklist.py [STORE.sqlite3]

Uses the store left by bench_client_sync.py (largest one found), or builds a synthetic
20,000-case store when none exists. Measures: opening the store to the first worklist
page (cold start, client part), worklist query, search-as-you-type per keystroke
(target < 50 ms), case_detail (target p95 < 50 ms), resident memory.
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

from bench_client_common import BENCH_DIR, ROOT, describe, use_memory_keyring


def _find_store() -> Path | None:
    stores = sorted(BENCH_DIR.glob("desk_*/stores/*.sqlite3"), key=lambda p: p.stat().st_size)
    return stores[-1] if stores else None


def _synthetic(n: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from app.client.store import LocalStore
    from app.client.store.apply import apply_upserts
    from tests.client import factories

    path = BENCH_DIR / f"synthetic_{n}.sqlite3"
    if path.exists():
        return path
    store = LocalStore(path)
    with store.transaction() as tx:
        for start in range(0, n, 1000):
            apply_upserts(tx, factories.book(1000, start=start), gen=1)
    store.connection().execute("ANALYZE")  # as the sync engine does after a large pull
    store.close()
    return path


def main() -> None:
    use_memory_keyring()  # the stores' keys (bench_client_sync.py put them there)
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else (_find_store() or _synthetic(20_000))
    t0 = time.perf_counter()
    from app.client.desk_service import DeskService
    from app.client.store import LocalStore
    from app.client.views import WorklistQuery

    store = LocalStore(path)
    desk = DeskService(store, user="bench-agent")
    first = desk.worklist(WorklistQuery())
    cold = time.perf_counter() - t0
    total = desk.worklist(WorklistQuery(status=None, limit=1)).total
    print(f"store: {path} ({path.stat().st_size / 1e6:.0f} MB), {total} cases, {first.total} open")
    print(
        f"open store + imports + first worklist page ({len(first.rows)} rows, callable-now "
        f"evaluated): {cold * 1000:.0f} ms"
    )

    runs = []
    for _ in range(30):
        t = time.perf_counter()
        desk.worklist(WorklistQuery())
        runs.append(time.perf_counter() - t)
    print(describe("worklist page (next-action order, 200 rows + counts)", runs, 50))
    for sort in ("priority", "dpd", "overdue", "name"):
        runs = []
        for _ in range(10):
            t = time.perf_counter()
            desk.worklist(WorklistQuery(sort=sort, descending=True))  # type: ignore[arg-type]
            runs.append(time.perf_counter() - t)
        print(describe(f"  sort by {sort}", runs))

    rows = desk.worklist(WorklistQuery(limit=5000, status=None)).rows
    rng = random.Random(7)
    samples = rng.sample(list(rows), min(20, len(rows)))
    keystrokes: list[float] = []
    for r in samples:
        words = [r.borrower_name, r.contract_no, r.plate, (r.phone_masked or "")[-4:]]
        for word in words:
            for k in range(1, len(word) + 1):
                t = time.perf_counter()
                desk.worklist(WorklistQuery(search=word[:k], limit=200))
                keystrokes.append(time.perf_counter() - t)
    print(
        describe(
            "search as you type (per keystroke: name / contract / plate / phone last 4)",
            keystrokes,
            50,
        )
    )
    cold: list[float] = []
    for r in samples[:10]:
        for word in (r.borrower_name, r.contract_no):
            for k in range(1, len(word) + 1):
                desk._callable.clear()  # worst case: no cached "callable now" answers
                t = time.perf_counter()
                desk.worklist(WorklistQuery(search=word[:k], limit=200))
                cold.append(time.perf_counter() - t)
    print(describe("  same, callable-now cache cleared before every keystroke", cold, 50))
    t = time.perf_counter()
    desk.worklist(WorklistQuery(search="M", buckets=("M2", "M3")))
    print(f"  search + bucket filter: {(time.perf_counter() - t) * 1000:.1f} ms")

    ids = [r.case_id for r in rng.sample(list(rows), min(300, len(rows)))]
    details = []
    for cid in ids:
        t = time.perf_counter()
        d = desk.case_detail(cid)
        details.append(time.perf_counter() - t)
        assert d.case.id == cid
    print(describe("case_detail (profile + schedule + payments + history + policy)", details, 50))
    runs = []
    current = None
    for _ in range(20):
        t = time.perf_counter()
        current = desk.next_case(WorklistQuery(), current)
        runs.append(time.perf_counter() - t)
    print(describe("next case (F2, keyset seek in next-action order)", runs, 50))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS after loading: {rss:.0f} MB  target < 400 MB (whole desk)")


if __name__ == "__main__":
    main()

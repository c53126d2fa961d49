"""Shared helpers of the team-console benchmarks: clone the 200,000-loan book, time a call.

The book is `bench/make_demo_book.py`'s (database $COLLECTION_DESK_BENCH_DB, default
`collection_desk_bench`); benchmarks work on a clone (CREATE DATABASE ... TEMPLATE) so the
shared book stays at its seed state. Never used by tests.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_demo_book import BENCH_DB, _admin, db_url, ensure_book  # noqa: E402


def clone_book(name: str) -> str:
    """A fresh clone of the book (built first when missing); its URL."""
    from sqlalchemy import text

    ensure_book(200_000)
    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        t0 = time.perf_counter()
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{BENCH_DB}"'))
        print(f"cloned {BENCH_DB} -> {name} in {time.perf_counter() - t0:.1f}s", flush=True)
    eng.dispose()
    return db_url(name)


def drop_clone(name: str) -> None:
    from sqlalchemy import text

    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    eng.dispose()


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """Wall-clock seconds of `repeat` calls and the last result."""
    out: list[float] = []
    result: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        out.append(time.perf_counter() - t0)
    return out, result


def summary(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms (n={len(ms)})"


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]

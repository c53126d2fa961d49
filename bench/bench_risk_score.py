"""`risk fit`, `risk score` and the reminder batch over the 200,000-loan demo book (PostgreSQL).

    uv run python bench/bench_risk_score.py [--loans 200000]

1. builds the demo book once (bench/make_demo_book.py; reused; $COLLECTION_DESK_BENCH_DB
   names its database) and clones it (CREATE DATABASE ... TEMPLATE);
2. times `fit_model` (6 monthly snapshots of features and labels, scikit-learn) and prints
   the held-out AUC;
3. times `score_book` for the book's business date: the first run writes every loan's
   score, segment and factors, the borrowers' segments, priorities, care calls and sync
   changes; the second run for the same date finds nothing to change;
4. times the reminder batch for the date (file written to a temporary directory);
5. prints the figures and drops the clone. Target: `risk score` < 60 s on 200,000 loans.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_demo_book import BENCH_DB, BENCH_TODAY, _admin, db_url, ensure_book  # noqa: E402

CLONE = f"{BENCH_DB}_risk"


def _clone() -> str:
    from sqlalchemy import text

    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
        t0 = time.perf_counter()
        conn.execute(text(f'CREATE DATABASE "{CLONE}" TEMPLATE "{BENCH_DB}"'))
        print(f"cloned {BENCH_DB} -> {CLONE} in {time.perf_counter() - t0:.1f}s")
    eng.dispose()
    return db_url(CLONE)


def _drop() -> None:
    from sqlalchemy import text

    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
    eng.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=200_000)
    args = parser.parse_args()
    ensure_book(args.loans)
    url = _clone()
    from sqlalchemy.orm import Session

    from app.server.db import make_engine
    from app.server.risk.fitting import fit_model
    from app.server.risk.reminders import write_reminder_batch
    from app.server.risk.scoring import score_book
    from app.server.settings import Settings

    engine = make_engine(url)
    settings = Settings(database_url=url)
    try:
        t0 = time.perf_counter()
        with Session(engine) as s:
            fit = fit_model(s, as_of=BENCH_TODAY)
        print(
            f"risk fit: {time.perf_counter() - t0:.1f}s; {fit.train_rows:,} training rows"
            f" ({fit.train_loans:,} loans), {fit.test_rows:,} held out ({fit.test_loans:,}"
            f" loans); AUC held out {fit.auc_test:.3f}, train {fit.auc_train:.3f}"
        )
        for label in ("risk score (first)", "risk score (again)"):
            t0 = time.perf_counter()
            rep = score_book(engine, business_date=BENCH_TODAY, settings=settings)
            took = time.perf_counter() - t0
            steps = ", ".join(f"{k} {v:.1f}s" for k, v in rep.timings.items())
            print(f"{label}: {took:.1f}s ({steps})")
            print(f"  segments {rep.segments}; {rep.counts}")
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            summary = write_reminder_batch(
                engine,
                business_date=BENCH_TODAY,
                out=Path(tmp) / "reminders.csv",
                settings=settings,
            )
            print(f"reminders: {time.perf_counter() - t0:.1f}s; {summary.line()}")
    finally:
        engine.dispose()
        _drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

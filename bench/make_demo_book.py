"""Build the 200,000-loan demo book once into PostgreSQL database `collection_desk_bench`.

    uv run python bench/make_demo_book.py [--loans 200000] [--force]

($COLLECTION_DESK_BENCH_DB names another database than `collection_desk_bench`.)

Shared by bench/bench_overdue_run.py and the worklist benchmark. The server is
$COLLECTION_DESK_BENCH_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres,
only used to create/drop the database); $COLLECTION_DESK_BENCH_DB names the database. The book is `seed_demo(loans=200000, seed=42,
today=2026-11-29)`: migrated schema, demo users (password demo-pass), loans, installments,
payments, the overdue run for the business date, call history and promises. Reused (migrated to head)
when it already holds that many loans; --force rebuilds it. Prints the build time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# another name (COLLECTION_DESK_BENCH_DB) keeps a branch whose schema differs from main's
# off the shared book
BENCH_DB = os.environ.get("COLLECTION_DESK_BENCH_DB", "collection_desk_bench")
BENCH_TODAY = date(2026, 11, 29)
ADMIN_URL = os.environ.get(
    "COLLECTION_DESK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def db_url(name: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    from app.server.db import normalize_url

    return (
        make_url(normalize_url(ADMIN_URL))
        .set(database=name or BENCH_DB)
        .render_as_string(hide_password=False)
    )


def _admin():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    from app.server.db import normalize_url

    return create_engine(normalize_url(ADMIN_URL), isolation_level="AUTOCOMMIT")


def database_exists(name: str) -> bool:
    from sqlalchemy import text

    eng = _admin()
    try:
        with eng.connect() as conn:
            return bool(
                conn.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).scalar()
            )
    finally:
        eng.dispose()


def loan_count(name: str | None = None) -> int:
    from sqlalchemy import create_engine, text

    name = name or BENCH_DB
    if not database_exists(name):
        return 0
    eng = create_engine(db_url(name))
    try:
        with eng.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT CASE WHEN to_regclass('loans') IS NULL THEN 0"
                        " ELSE (SELECT COUNT(*) FROM loans) END"
                    )
                ).scalar_one()
            )
    finally:
        eng.dispose()


def _vacuum_analyze(url: str) -> None:
    from sqlalchemy import create_engine, text

    from app.server.db import normalize_url

    eng = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text("VACUUM (ANALYZE) cases"))
    finally:
        eng.dispose()


def ensure_book(loans: int = 200_000, *, force: bool = False) -> str:
    """URL of `collection_desk_bench` holding the demo book of `loans` loans (built if needed;
    a book built by older code is brought to the current schema by its migrations)."""
    from sqlalchemy import text

    if not force and loan_count() == loans:
        from app.server.migrate import upgrade

        upgrade(db_url())  # nothing to do when it is at head
        _vacuum_analyze(db_url())  # as autovacuum would have done after a migration
        return db_url()
    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))
    eng.dispose()
    from app.server.db import make_engine
    from app.server.demo.seed import seed_demo
    from app.server.migrate import upgrade

    url = db_url()
    upgrade(url)
    engine = make_engine(url)
    print(f"building the demo book: {loans:,} loans into {BENCH_DB} ...", flush=True)
    t0 = time.perf_counter()
    seed_demo(engine, loans=loans, seed=42, today=BENCH_TODAY)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    took = time.perf_counter() - t0
    with engine.connect() as conn:
        rows = {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in ("loans", "installments", "payments", "cases", "contact_attempts")
        }
    engine.dispose()
    print(f"built in {took:.0f}s: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=200_000)
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    args = parser.parse_args()
    t0 = time.perf_counter()
    url = ensure_book(args.loans, force=args.force)
    print(f"ready: {url} ({loan_count():,} loans, {time.perf_counter() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

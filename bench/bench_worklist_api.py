"""Worklist page of 50 and case detail: requests/s and p99 at 50 concurrent clients against
one uvicorn worker on the 200,000-loan demo book in PostgreSQL.

    uv run python bench/bench_worklist_api.py [--database-url URL] [--seconds 15]

Without --database-url it uses (and builds once if missing) the shared demo book of
bench/make_demo_book.py, on a clone (CREATE DATABASE ... TEMPLATE; opening a case writes an
audit row) that is dropped at the end. Each request is made as one of up to 50 demo agents (their own
worklist, default "next action" order; a case detail of one of their own cases), round-robin,
from `wrk` on loopback (or an asyncio httpx client when wrk is not installed).
Targets (issue 3): worklist >= 500 req/s, p99 < 100 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_api_common import login, run_load, uvicorn_server


def _agents_and_cases(database_url: str, agents: int) -> list[tuple[str, list[str]]]:
    from sqlalchemy import create_engine, text

    from app.server.db import normalize_url

    eng = create_engine(normalize_url(database_url))
    with eng.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT u.username, c.id FROM users u JOIN cases c ON c.assigned_to_id = u.id"
                " WHERE u.role = 'agent' AND c.status <> 'closed' ORDER BY u.username, c.id"
            )
        ).all()
        loans = conn.execute(text("SELECT COUNT(*) FROM loans")).scalar_one()
        cases = conn.execute(
            text("SELECT COUNT(*) FROM cases WHERE status <> 'closed'")
        ).scalar_one()
    eng.dispose()
    by_agent: dict[str, list[str]] = {}
    for username, case_id in rows:
        by_agent.setdefault(username, []).append(case_id)
    print(f"book: {loans:,} loans, {cases:,} open cases, {len(by_agent)} agents with cases")
    return list(by_agent.items())[:agents]


CLONE = "collection_desk_bench_desk"


def _clone_book(loans: int) -> str:
    """Clone the shared demo book (retrying while someone is connected to it)."""
    import time

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from app.server.db import normalize_url
    from bench.make_demo_book import ADMIN_URL, BENCH_DB, db_url, ensure_book

    ensure_book(loans)
    admin = create_engine(normalize_url(ADMIN_URL), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
            for attempt in range(30):
                try:
                    t0 = time.perf_counter()
                    conn.execute(text(f'CREATE DATABASE "{CLONE}" TEMPLATE "{BENCH_DB}"'))
                    print(f"cloned {BENCH_DB} -> {CLONE} in {time.perf_counter() - t0:.0f}s")
                    break
                except OperationalError:  # the template is in use: wait and retry
                    if attempt == 29:
                        raise
                    time.sleep(5)
    finally:
        admin.dispose()
    return db_url(CLONE)


def _drop_clone() -> None:
    from sqlalchemy import create_engine, text

    from app.server.db import normalize_url
    from bench.make_demo_book import ADMIN_URL

    admin = create_engine(normalize_url(ADMIN_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--loans", type=int, default=200_000, help="demo book size to use/build")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--password", default="demo-pass")
    parser.add_argument(
        "--worklist-only", action="store_true", help="skip the case detail and 1-client runs"
    )
    args = parser.parse_args()
    url = args.database_url or _clone_book(args.loans)
    try:
        return _bench(url, args)
    finally:
        if args.database_url is None:
            _drop_clone()


def _bench(url: str, args: argparse.Namespace) -> int:
    agents = _agents_and_cases(url, args.connections)
    if not agents:
        print("no agent has cases in this book")
        return 1
    with uvicorn_server(url) as api:
        tokens = {name: login(api.url, name, args.password) for name, _ in agents}
        per_agent = max(1, len(agents))
        mean = sum(len(c) for _, c in agents) / per_agent
        print(f"{len(agents)} agents logged in, {mean:.0f} open cases each on average")
        worklist = [("/worklist?limit=50", tokens[name]) for name, _ in agents]
        detail = [
            (f"/cases/{case_id}", tokens[name]) for name, cases in agents for case_id in cases[:20]
        ]
        print(f"one uvicorn worker, {args.connections} concurrent clients, {args.seconds}s each")
        run_load(api, worklist, connections=args.connections, seconds=3)  # warm-up
        wl = run_load(api, worklist, connections=args.connections, seconds=args.seconds)
        print(wl.line("GET /worklist (page of 50)"))
        if args.worklist_only:
            return _verdict(wl)
        cd = run_load(api, detail, connections=args.connections, seconds=args.seconds)
        print(cd.line("GET /cases/{id} (detail)"))
        time.sleep(2)  # let the server finish the requests wrk left in flight
        one = run_load(api, worklist, connections=1, seconds=5)
        print(one.line("GET /worklist, 1 client"))
        one = run_load(api, detail, connections=1, seconds=5)
        print(one.line("GET /cases/{id}, 1 client"))
    return _verdict(wl)


def _verdict(wl: Any) -> int:
    ok = wl.rps >= 500 and wl.p99_ms < 100 and wl.errors == 0
    print(f"target worklist >= 500 req/s and p99 < 100 ms: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`main.py demo-data [--loans N] [--seed S] [--date D] [--database-url URL]`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the demo-data command."""
    p = sub.add_parser("demo-data", help="generate the deterministic demo loan book")
    p.add_argument("--loans", type=int, default=5000, help="number of loans (default 5000)")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--date", default=None, help="business date YYYY-MM-DD (default today)")
    p.add_argument("--database-url", default=None, help="database URL (default settings)")
    p.add_argument("--no-upgrade", action="store_true", help="do not run migrations first")
    p.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    import time
    from datetime import date

    from app.server.db import make_engine
    from app.server.demo.seed import seed_demo
    from app.server.migrate import upgrade
    from app.server.settings import get_settings

    settings = get_settings(database_url=args.database_url)
    url = settings.resolved_database_url()
    if not args.no_upgrade:
        upgrade(url)
    today = date.fromisoformat(args.date) if args.date else None
    engine = make_engine(url)
    t0 = time.perf_counter()
    try:
        creds = seed_demo(engine, loans=args.loans, seed=args.seed, today=today, settings=settings)
    finally:
        engine.dispose()
    print(f"demo data ready in {time.perf_counter() - t0:.1f}s")
    for line in creds.lines():
        print(line)
    return 0

"""Team dashboard for a team of 30 agents over the 200,000-loan book (target < 1 s), and the
other reads of the team console, server-side (PostgreSQL).

    uv run python bench/bench_team_dashboard.py [--repeat 15] [--keep]

Clones the book (`bench/make_demo_book.py`), makes team-mid a team of 30 agents (10 agents
of team-late join it with their cases and history), then times, in-process, each call the
way a request runs it (a new Session, the team resolved for the caller, the service): the
dashboard for today / this week / this month as `lead02` (team-mid) and as `admin` (every
team), and for comparison the team's cases (pages, filters, search), the agents' load, the
approval queue and the exports of the team's cases. The business date is the book's
(2026-11-29). Prints median / p95 / max per call.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench_team_common import ROOT, clone_book, drop_clone, load_average, summary, timed

sys.path.insert(0, str(ROOT))

CLONE = "collection_desk_bench_team_dash"
TZ = ZoneInfo("Asia/Shanghai")


def make_team_of_30(engine) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with engine.begin() as conn:
        mid = conn.execute(text("SELECT id FROM teams WHERE name = 'team-mid'")).scalar_one()
        late = conn.execute(text("SELECT id FROM teams WHERE name = 'team-late'")).scalar_one()
        movers = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT id FROM users WHERE team_id = :t AND role = 'agent' ORDER BY id"
                    " LIMIT 10"
                ),
                {"t": late},
            )
        ]
        for table, col in (("users", "id"), ("cases", "assigned_to_id"),
                           ("case_snapshots", "assigned_to_id")):  # fmt: skip
            conn.execute(
                text(f"UPDATE {table} SET team_id = :mid WHERE {col} = ANY(:ids)"),
                {"mid": mid, "ids": movers},
            )
        n = conn.execute(
            text("SELECT COUNT(*) FROM users WHERE team_id = :mid AND role = 'agent'"),
            {"mid": mid},
        ).scalar_one()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE) users, cases, case_snapshots"))
    return int(n)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args()

    from sqlalchemy import func, select, text
    from sqlalchemy.orm import Session

    from app.protocol.desk import AuditQuery
    from app.server.db import make_engine
    from app.server.models import Case, CaseSnapshot, User
    from app.server.services import exports
    from app.server.services.approval_queue import approval_queue
    from app.server.services.dashboard import dashboard
    from app.server.services.team_cases import TeamCaseFilter, team_cases_page
    from app.server.services.team_scope import resolve_team
    from app.server.services.team_stats import team_agents

    sys.path.insert(0, str(ROOT / "bench"))
    from make_demo_book import BENCH_TODAY

    url = clone_book(CLONE)
    engine = make_engine(url)
    try:
        agents = make_team_of_30(engine)
        with Session(engine) as s:
            mid = s.scalar(text("SELECT id FROM teams WHERE name = 'team-mid'"))
            cases = s.scalar(
                select(func.count())
                .select_from(Case)
                .where(Case.team_id == mid, Case.status != "closed")
            )
            snaps = s.scalar(select(func.count()).select_from(CaseSnapshot))
            print(f"team-mid: {agents} agents, {cases:,} open cases; {snaps:,} snapshot rows")
        now = datetime.combine(BENCH_TODAY, datetime.min.time(), TZ).astimezone(UTC) + timedelta(
            hours=10
        )
        day_start = datetime.combine(BENCH_TODAY, datetime.min.time(), TZ).astimezone(UTC)

        def as_user(name: str, work):  # type: ignore[no-untyped-def]
            def call():  # type: ignore[no-untyped-def]
                with Session(engine) as s:
                    user = s.execute(select(User).where(User.username == name)).scalar_one()
                    return work(s, user)

            return call

        print(f"load average before: {load_average()}", flush=True)
        rows: list[tuple[str, str]] = []
        for who in ("lead02", "admin"):
            for period in ("today", "week", "month"):

                def dash(s, user, period=period):  # type: ignore[no-untyped-def]
                    return dashboard(s, resolve_team(s, user, None), period=period,
                                     today=BENCH_TODAY, tz=TZ)  # fmt: skip

                t, d = timed(as_user(who, dash), args.repeat)
                tot = d.total
                rows.append(
                    (
                        f"dashboard {period:<5} as {who}",
                        f"{summary(t)}; {len(d.by_agent)} agents, {tot.attempts:,} calls,"
                        f" cases at start {tot.cases_at_start:,}, cure {tot.cure_rate},"
                        f" roll M1→M2 {tot.roll[0].rate}",
                    )
                )
                print(*rows[-1], sep=": ", flush=True)
        checks = {
            "team cases, page 1 (next action)": TeamCaseFilter(),
            "team cases, sort by DPD": TeamCaseFilter(sort="dpd"),
            "team cases, promise = broken": TeamCaseFilter(promise="broken"),
            "team cases, search a name": TeamCaseFilter(search="王"),
            "team cases, search phone digits": TeamCaseFilter(search="5678"),
        }
        for who in ("lead02", "admin"):
            for label, f in checks.items():

                def page(s, user, f=f):  # type: ignore[no-untyped-def]
                    return team_cases_page(s, user, resolve_team(s, user, None), f, limit=50,
                                           offset=0)  # fmt: skip

                t, p = timed(as_user(who, page), args.repeat)
                rows.append((f"{label} as {who}", f"{summary(t)}; total {p.total:,}"))
                print(*rows[-1], sep=": ", flush=True)
        t, load = timed(
            as_user("lead02", lambda s, u: team_agents(s, u, team=None, now=now,
                                                       today=BENCH_TODAY, day_start=day_start)),
            args.repeat,
        )  # fmt: skip
        rows.append(("agents' load", f"{summary(t)}; {len(load.agents)} agents"))
        print(*rows[-1], sep=": ", flush=True)
        t, q = timed(
            as_user("lead02", lambda s, u: approval_queue(s, u, resolve_team(s, u, None),
                                                          today=BENCH_TODAY, limit=50, offset=0)),
            args.repeat,
        )  # fmt: skip
        rows.append(("approval queue", f"{summary(t)}; {q.total} pending"))
        print(*rows[-1], sep=": ", flush=True)
        for fmt in ("csv", "xlsx"):

            def export(s, user, fmt=fmt):  # type: ignore[no-untyped-def]
                team = resolve_team(s, user, None)
                body = exports.case_rows(s, user, team, TeamCaseFilter(sort="dpd"), TZ)
                return exports.finish(s, user, table="team_cases", fmt=fmt, lang="zh",
                                      columns=exports.CASE_COLUMNS, rows=body, filters={},
                                      now=now)  # fmt: skip

            t, f = timed(as_user("lead02", export), 3)
            rows.append((f"export team cases ({fmt})", f"{summary(t)}; {f.rows:,} rows, "
                                                      f"{len(f.content) / 1e6:.1f} MB"))  # fmt: skip
            print(*rows[-1], sep=": ", flush=True)
        t0 = time.perf_counter()
        with Session(engine) as s:
            admin = s.execute(select(User).where(User.username == "admin")).scalar_one()
            n = len(exports.audit_rows(s, admin, AuditQuery(), TZ))
        rows.append(("audit export rows (admin)", f"{n:,} in {time.perf_counter() - t0:.2f} s"))
        print(f"load average after: {load_average()}")
    finally:
        engine.dispose()
        if not args.keep:
            drop_clone(CLONE)
    return 0


if __name__ == "__main__":
    sys.exit(main())

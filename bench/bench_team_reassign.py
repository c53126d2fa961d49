"""Reassigning 5,000 cases by rule on the 200,000-loan book (target < 2 s server-side,
PostgreSQL).

    uv run python bench/bench_team_reassign.py [--cases 5000] [--rounds 3] [--keep]

Clones the book (`bench/make_demo_book.py`). Each round, untimed: `--cases` active cases of
team-early are given to one of its agents, who is then marked on leave (so the rule must
move every one of them). Timed: the rule's preview (balance by count over the team's 20
agents) and the apply of its moves (all or nothing: row locks in id order, holder checks,
set-based history / cases / change log, one audit row per case), each in its own
transaction as the routes run them; round 1 in-process (the services), later rounds through
the ASGI app (FastAPI TestClient: JSON of the 5,000 moves in and out, auth included).
"""

from __future__ import annotations

import argparse
import sys
import time

from bench_team_common import ROOT, clone_book, drop_clone, load_average

sys.path.insert(0, str(ROOT))

CLONE = "collection_desk_bench_team_reassign"


def pile_up(engine, agent: str, n: int) -> int:  # type: ignore[no-untyped-def]
    """Give `n` active team-early cases held by others to `agent` and mark them on leave."""
    from sqlalchemy import text

    with engine.begin() as conn:
        uid, team = conn.execute(
            text("SELECT id, team_id FROM users WHERE username = :u"), {"u": agent}
        ).one()
        moved = conn.execute(
            text(
                "UPDATE cases SET assigned_to_id = :uid WHERE id IN (SELECT id FROM cases"
                " WHERE team_id = :t AND status <> 'closed' AND assigned_to_id <> :uid"
                " ORDER BY id LIMIT :n)"
            ),
            {"uid": uid, "t": team, "n": n - _held(conn, uid)},
        ).rowcount
        conn.execute(text("UPDATE users SET on_leave = TRUE WHERE id = :uid"), {"uid": uid})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE) cases"))
    return int(moved)


def _held(conn, uid: int) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    return int(
        conn.execute(
            text("SELECT COUNT(*) FROM cases WHERE assigned_to_id = :u AND status <> 'closed'"),
            {"u": uid},
        ).scalar_one()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args()

    from fastapi.testclient import TestClient
    from sqlalchemy import func, select, text
    from sqlalchemy.orm import Session

    from app.protocol.team import ApplyMoves, CaseMove, ReassignRule
    from app.server.app_factory import create_app
    from app.server.db import make_engine
    from app.server.models import AuditLog, User
    from app.server.services.rule_reassign import apply_moves, preview
    from app.server.settings import Settings

    url = clone_book(CLONE)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            early = [
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT u.username FROM users u JOIN teams t ON t.id = u.team_id"
                        " WHERE t.name = 'team-early' AND u.role = 'agent' ORDER BY u.username"
                    )
                )
            ]
            total = conn.execute(
                text(
                    "SELECT COUNT(*) FROM cases c JOIN teams t ON t.id = c.team_id"
                    " WHERE t.name = 'team-early' AND c.status <> 'closed'"
                )
            ).scalar_one()
        print(f"team-early: {len(early)} agents, {total:,} open cases", flush=True)
        rule = ReassignRule(balance="count", per_bucket=False)
        app = create_app(Settings(database_url=url), engine=engine)
        client = TestClient(app)
        token = client.post(
            "/auth/token", json={"username": "lead01", "password": "demo-pass"}
        ).json()["access_token"]
        h = {"Authorization": f"Bearer {token}"}
        for rnd in range(args.rounds):
            agent = early[rnd]
            pile_up(engine, agent, args.cases)
            print(f"round {rnd + 1}: {agent} holds {args.cases:,} cases and is on leave; "
                  f"load average {load_average()}", flush=True)  # fmt: skip
            if rnd == 0:
                with Session(engine) as s:
                    lead = s.execute(select(User).where(User.username == "lead01")).scalar_one()
                    t0 = time.perf_counter()
                    p = preview(s, lead, rule)
                    t_preview = time.perf_counter() - t0
                    s.rollback()
                body = ApplyMoves(
                    moves=[CaseMove(case_id=m.case_id, from_agent=m.from_agent,
                                    to_agent=m.to_agent) for m in p.moves],
                    rule=rule,
                )  # fmt: skip
                with Session(engine) as s:
                    lead = s.execute(select(User).where(User.username == "lead01")).scalar_one()
                    t0 = time.perf_counter()
                    result = apply_moves(s, lead, body)
                    t_apply = time.perf_counter() - t0
                mode = "in-process services"
                moved, n_moves = result.moved, len(p.moves)
            else:
                t0 = time.perf_counter()
                resp = client.post("/team/reassign/preview", json=rule.model_dump(), headers=h)
                t_preview = time.perf_counter() - t0
                pj = resp.json()
                moves = [{k: m[k] for k in ("case_id", "from_agent", "to_agent")}
                         for m in pj["moves"]]  # fmt: skip
                t0 = time.perf_counter()
                resp = client.post("/team/reassign/apply", json={"moves": moves}, headers=h)
                t_apply = time.perf_counter() - t0
                assert resp.status_code == 200, resp.text[:300]
                mode = "HTTP (ASGI, JSON)"
                moved, n_moves = resp.json()["moved"], len(moves)
            print(f"  {mode}: preview {t_preview:.2f} s ({n_moves:,} moves), apply "
                  f"{t_apply:.2f} s ({moved:,} cases moved)", flush=True)  # fmt: skip
            with Session(engine) as s:
                left = s.scalar(
                    select(func.count()).select_from(text("cases")).where(
                        text("assigned_to_id = (SELECT id FROM users WHERE username = :u)"
                             " AND status <> 'closed'")
                    ), {"u": agent}
                )  # fmt: skip
                audits = s.scalar(
                    select(func.count())
                    .select_from(AuditLog)
                    .where(AuditLog.action == "case.reassign")
                )
            print(f"  {agent} holds {left} cases now; case.reassign audit rows so far: "
                  f"{audits:,}", flush=True)  # fmt: skip
            with engine.begin() as conn:
                conn.execute(text("UPDATE users SET on_leave = FALSE WHERE username = :u"),
                             {"u": agent})  # fmt: skip
        client.close()
        print(f"load average after: {load_average()}")
    finally:
        engine.dispose()
        if not args.keep:
            drop_clone(CLONE)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Desk side of the team worklist at 20,000+ cases (issue 9).

    uv run python bench/bench_team_worklist_desk.py

The team worklist pages from the server (GET /team/cases, 200 rows a page); the server's
time per page is in bench/README.md ("Team console", 43–494 ms by filter on the 200,000-loan
book). This measures what the desk adds per page, with QT_QPA_PLATFORM=offscreen and no
network: a 200-row answer (JSON bytes as the server writes them) validated by the wire
model, turned into frozen rows, and appended to the TeamCasesModel of a view that shows it;
then paging through 20,000 rows (100 pages) the way a scrolling lead would, and the repaint
of a screenful. Targets: a page taken < 50 ms (p95); memory for 20,000 rows < 100 MB.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROWS, PAGE = 20_000, 200


def answer(offset: int) -> bytes:
    """One page of the team's cases as the server's JSON (protocol.team.TeamCasePage)."""
    from app.protocol.team import TeamCasePage, TeamCaseRow

    rng = random.Random(offset)
    now = datetime(2026, 11, 29, 10, tzinfo=UTC)
    rows = [
        TeamCaseRow(
            case_id=f"00000000-0000-4000-8000-{offset + i:012d}",
            borrower_name=rng.choice("张王李赵刘陈") + rng.choice("伟芳娜敏静强磊"),
            status="open",
            bucket=rng.choice(["M1", "M2", "M3", "M3+"]),
            dpd=rng.randint(1, 200),
            overdue_total=rng.randint(10_000, 5_000_000),
            priority=rng.randint(0, 10**9),
            assigned_to=f"agent{rng.randint(1, 30):02d}",
            agent_name=rng.choice("张王李赵") + "某",
            team="team-mid",
            last_contact_at=now - timedelta(minutes=rng.randint(1, 50_000)),
            next_action_kind=rng.choice(["promise_due", "callback", "broken_promise", "none"]),
            next_action_at=now + timedelta(hours=rng.randint(-48, 48)),
            promise_status=rng.choice(["pending", "kept", "broken", None]),
            promise_amount=rng.randint(10_000, 500_000),
            promise_date=date(2026, 11, 29) + timedelta(days=rng.randint(-10, 10)),
            phone_masked="138****5678",
            contract_no=f"AL{offset + i:010d}",
            plate="京A***K9",
        )
        for i in range(PAGE)
    ]
    page = TeamCasePage(rows=rows, total=ROWS, limit=PAGE, offset=offset)
    return page.model_dump_json().encode()


def main() -> None:
    import json

    from PySide6.QtWidgets import QApplication

    from app.client.team_convert import team_case_page
    from app.client.team_views import TeamCaseQuery
    from app.protocol.team import TeamCasePage
    from ui.team.models import TeamCasesModel
    from ui.team.parts import table_view

    app = QApplication.instance() or QApplication([])
    pages = [answer(o) for o in range(0, ROWS, PAGE)]
    model = TeamCasesModel()
    view = table_view(model, widths=(120, 90, 56, 56, 110, 110, 210, 160))
    view.resize(1600, 800)
    view.show()
    app.processEvents()
    gc.collect()
    took: list[float] = []
    for k, raw in enumerate(pages):
        t0 = time.perf_counter()
        wire = TeamCasePage.model_validate(json.loads(raw))
        page = team_case_page(wire, TeamCaseQuery(offset=k * PAGE))
        if k == 0:
            model._take_first(page)
        else:
            model._append(page)
        app.processEvents()  # the view lays out and paints the new rows
        took.append(time.perf_counter() - t0)
    ms = sorted(t * 1000 for t in took)
    print(f"{len(pages)} pages, {model.rowCount():,} rows in the model")
    print(
        f"page taken (JSON -> validated -> frozen rows -> model -> painted): median "
        f"{statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms, "
        f"max {ms[-1]:.1f} ms (target p95 < 50 ms)"
    )
    repaint: list[float] = []
    for row in range(0, ROWS, 997):
        view.scrollTo(model.index(row, 0))
        t0 = time.perf_counter()
        view.viewport().repaint()
        repaint.append((time.perf_counter() - t0) * 1000)
    repaint.sort()
    print(
        f"repaint of a screenful anywhere in the 20,000 rows: median "
        f"{statistics.median(repaint):.1f} ms, max {repaint[-1]:.1f} ms"
    )
    # memory, apart (tracemalloc slows every allocation down): the rows of a second model
    gc.collect()
    tracemalloc.start()
    other = TeamCasesModel()
    for k, raw in enumerate(pages):
        page = team_case_page(TeamCasePage.model_validate(json.loads(raw)), TeamCaseQuery())
        (other._take_first if k == 0 else other._append)(page)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"Python memory held for 20,000 rows: {current / 2**20:.1f} MB "
        f"(peak {peak / 2**20:.1f} MB; target < 100 MB)"
    )


if __name__ == "__main__":
    main()

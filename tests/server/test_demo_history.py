"""The demo book's backfilled history: daily snapshots of the weeks before its business date
that follow from the installments' due and paid dates, the cases cured in them, and a
dashboard with a start of period to compare with."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.server.demo.snapshot_history import DEFAULT_DAYS
from app.server.models import Case, CaseSnapshot, Installment
from app.server.services.dashboard import dashboard
from app.server.services.team_scope import TeamScope
from tests.server.test_overdue_run_support import TODAY, seed_small


def _dpd(installments: list[tuple[date, date | None]], day: date) -> int:
    overdue = [due for due, paid in installments if due < day and (paid is None or paid > day)]
    return (day - min(overdue)).days if overdue else 0


def test_history_follows_the_installments(engine: Engine) -> None:
    seed_small(engine, 1500)
    with Session(engine) as s:
        days = sorted(set(s.scalars(select(CaseSnapshot.snap_date).distinct())))
        assert days[0] == TODAY - timedelta(days=DEFAULT_DAYS) and days[-1] == TODAY
        assert len(days) == DEFAULT_DAYS + 1
        snaps = s.execute(
            select(CaseSnapshot.case_id, CaseSnapshot.loan_id, CaseSnapshot.snap_date,
                   CaseSnapshot.dpd, CaseSnapshot.bucket, CaseSnapshot.assigned_to_id)
            .where(CaseSnapshot.snap_date < TODAY)
        ).all()  # fmt: skip
        loans = {r[1] for r in snaps}
        inst: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for loan_id, due, paid in s.execute(
            select(Installment.loan_id, Installment.due_date, Installment.paid_on).where(
                Installment.loan_id.in_(sorted(loans))
            )
        ):
            inst[loan_id].append((due, paid))
        for _case, loan_id, day, dpd, _bucket, holder in snaps:
            assert dpd == _dpd(inst[loan_id], day) > 0, (loan_id, day)
            assert holder is not None
        # every delinquent day of these loans in the window has its row
        covered = {(r[1], r[2]) for r in snaps}
        for loan_id in loans:
            for k in range(DEFAULT_DAYS):
                day = TODAY - timedelta(days=DEFAULT_DAYS - k)
                assert (_dpd(inst[loan_id], day) > 0) == ((loan_id, day) in covered)
        # cured episodes in the window are closed cases: closed the day after their last row
        # (older past spells, built by the generator with their calls, have no rows here)
        last_day: dict[str, date] = {}
        for case_id, _l, day, *_ in snaps:
            last_day[case_id] = max(day, last_day.get(case_id, day))
        cured = s.execute(
            select(Case.id, Case.opened_on, Case.closed_on).where(
                Case.status == "closed",
                Case.closed_on < TODAY,
                Case.closed_on > TODAY - timedelta(days=DEFAULT_DAYS),
            )
        ).all()
        assert cured
        for case_id, opened, closed in cured:
            assert closed == last_day[case_id] + timedelta(days=1)
            assert opened <= last_day[case_id]
        board = dashboard(s, TeamScope(None, None), period="month", today=TODAY,
                          tz=ZoneInfo("Asia/Shanghai"))  # fmt: skip
        month = board.total
        assert month.cases_at_start > 0 and month.cure_rate.value is not None
        assert month.cured > 0 and all(r.rate is not None for r in month.roll)
        assert month.attempts > 0 and month.amount_collected > 0
        # every call, promise, payment and case of the month in exactly one bucket row
        for key in ("attempts", "connected", "right_party", "promise_contacts",
                    "inbound_calls", "promises_due", "promises_kept", "amount_collected",
                    "cases_at_start", "cured"):  # fmt: skip
            assert sum(getattr(b, key) for b in board.by_bucket) == getattr(month, key), key

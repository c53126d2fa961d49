"""The team dashboard: KPIs by agent, by bucket and in total for today / this week / this
month (business dates in the lender's zone; a week starts on Monday).

The facts are counted in SQL (services/kpi_sql.py); the ratios are the domain's
(app.domain.kpis: `ratio`, `roll_rate`), so the server and any other caller of the domain
agree to the last digit. Roll rates cover M1→M2, M2→M3 and M3→M3+: cases exist only for
delinquent loans, so the M0→M1 flow (the whole book) is not a collection team's number.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import kpis
from app.domain.kpis import roll_rate
from app.domain.money import Money
from app.protocol.team import (
    AgentKpis,
    BucketKpis,
    Dashboard,
    KpiFigures,
    Period,
    Rate,
    RollRate,
)
from app.server.jobs.sqlkit import SqlRunner
from app.server.models import User
from app.server.services import kpi_sql
from app.server.services.team_scope import TeamScope

BUCKETS = ("M1", "M2", "M3", "M3+")
ALL_BUCKETS = ("M0", *BUCKETS)  # M0: shown only when something counted there
_CALLS = (
    "attempts connected right_party promise_contacts inbound_calls inbound_right_party"
).split()
_FIELDS = [*_CALLS, *"kept broken collected start_cases cured".split()]


def _rate(numerator: int, denominator: int) -> Rate:
    r = kpis.Rate(numerator, denominator)
    return Rate(value=r.value, numerator=r.numerator, denominator=r.denominator)


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """[start, end] of the period ending today."""
    if period == "week":
        return today - timedelta(days=today.weekday()), today
    if period == "month":
        return today.replace(day=1), today
    return today, today


def _instant(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tz).astimezone(ZoneInfo("UTC"))


class _Acc:
    """Counts of one group, and its balances by bucket for the roll rates."""

    def __init__(self) -> None:
        self.n: dict[str, int] = dict.fromkeys(_FIELDS, 0)
        self.start_balance: dict[str, int] = defaultdict(int)
        self.rolled: dict[str, int] = defaultdict(int)

    def figures(self) -> dict[str, Any]:
        n = self.n
        roll = []
        for b in BUCKETS[:-1]:
            nxt = kpi_sql.NEXT_BUCKET[b]
            rate = roll_rate({b: Money(self.start_balance[b])}, {nxt: Money(self.rolled[b])}, b)
            roll.append(
                RollRate(
                    from_bucket=b,  # type: ignore[arg-type]
                    to_bucket=nxt,  # type: ignore[arg-type]
                    start_balance=self.start_balance[b],
                    rolled_balance=self.rolled[b],
                    rate=rate,
                )
            )
        return {
            **{name: n[name] for name in _CALLS},
            "contact_rate": _rate(n["connected"], n["attempts"]),
            "rpc_rate": _rate(n["right_party"], n["connected"]),
            "ptp_rate": _rate(n["promise_contacts"], n["right_party"]),
            "promises_due": n["kept"] + n["broken"],
            "promises_kept": n["kept"],
            "ptp_kept_rate": _rate(n["kept"], n["kept"] + n["broken"]),
            "amount_collected": n["collected"],
            "cases_at_start": n["start_cases"],
            "cured": n["cured"],
            "cure_rate": _rate(n["cured"], n["start_cases"]),
            "roll": roll,
        }

    def empty(self) -> bool:
        return not any(self.n.values()) and not any(self.start_balance.values())


def _agents(session: Session, team: TeamScope) -> list[tuple[int, str, str]]:
    stmt = select(User.id, User.username, User.display_name).where(User.role == "agent")
    if team.team_id is not None:
        stmt = stmt.where(User.team_id == team.team_id)
    return [(r[0], r[1], r[2]) for r in session.execute(stmt.order_by(User.username))]


def dashboard(
    session: Session, team: TeamScope, *, period: Period, today: date, tz: ZoneInfo
) -> Dashboard:
    """The KPIs of `team` (None: every team) for `period` ending `today`."""
    start, end = period_dates(period, today)
    run = SqlRunner(session)
    if run.dialect.pg:
        # a few set-based statements whose estimates cross jit_above_cost: compiling them
        # cost more than running them (measured ~0.8 s of JIT for a 0.5 s query)
        run.execute("SET LOCAL jit = off")
    w = kpi_sql.Window(
        start=start,
        end=end,
        start_at=_instant(start, tz),
        end_at=_instant(end + timedelta(days=1), tz),
        baseline=kpi_sql.snapshot_before(run, start),
        last=kpi_sql.snapshot_before(run, end, inclusive=True),
        zone=tz.key,
    )
    by_agent: dict[int | None, _Acc] = defaultdict(_Acc)
    by_bucket: dict[str, _Acc] = defaultdict(_Acc)
    total = _Acc()

    def add(key: kpi_sql.Key, values: Iterable[tuple[str, int]]) -> None:
        for name, value in values:
            for acc in (by_agent[key[0]], by_bucket[key[1]], total):
                acc.n[name] += value

    for key, counts in kpi_sql.calls(run, w, team.team_id).items():
        add(key, zip(_CALLS, counts, strict=True))
    for key, (kept, broken) in kpi_sql.promises(run, w, team.team_id).items():
        add(key, (("kept", kept), ("broken", broken)))
    for key, amount in kpi_sql.collected(run, w, team.team_id).items():
        add(key, (("collected", amount),))
    for key, (cases, cured, balance, rolled) in kpi_sql.cohort(run, w, team.team_id).items():
        add(key, (("start_cases", cases), ("cured", cured)))
        for acc in (by_agent[key[0]], by_bucket[key[1]], total):
            acc.start_balance[key[1]] += balance
            acc.rolled[key[1]] += rolled
    agents = _agents(session, team)
    known = {a[0] for a in agents}
    others = [k for k in by_agent if k is not None and k not in known]
    if others:  # figures of people who have left the team since (admin views, history)
        extra = session.execute(
            select(User.id, User.username, User.display_name).where(User.id.in_(others))
        )
        agents = sorted([*agents, *((r[0], r[1], r[2]) for r in extra)], key=lambda a: a[1])
    return Dashboard(
        period=period,
        start=start,
        end=end,
        baseline=w.baseline,
        team=team.name,
        total=KpiFigures(**total.figures()),
        by_agent=[
            AgentKpis(username=name, display_name=display, **by_agent[uid].figures())
            for uid, name, display in agents
        ],
        by_bucket=[
            BucketKpis(bucket=b, **by_bucket[b].figures())  # type: ignore[arg-type]
            for b in ALL_BUCKETS
            if b in BUCKETS or (b in by_bucket and not by_bucket[b].empty())
        ],
    )

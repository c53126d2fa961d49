"""The dashboard's KPIs against a hand-computed fixture, and against app.domain.kpis run on
the same records (the SQL and the domain must agree).

Team T (agents x, y) and team U (agent z). Yesterday's snapshot (the baseline of "today"):
c1 x M1 ¥1,000.00, c2 x M1 ¥2,000.00, c3 y M2 ¥3,000.00, c4 y M3 ¥4,000.00 (balances: the
loans' outstanding principal), c5 z M1. The agents push their morning calls through the real
API (POST /sync/push) while the cases are in those buckets; then today's run (its snapshot
and the cases): c1 was cured (closed), c2 rolled to M2 (balance ¥2,100.00), c3 stayed in M2,
c4 rolled to M3+ (¥3,900.00), c5 rolled to M2; then the afternoon's calls, among them the
borrower of the cured c1 calling in. Each call counts in the bucket its case was in when
it was made; inbound calls are their own figure.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.domain import kpis
from app.domain.money import Money
from app.server.models import Case, CaseSnapshot, ContactAttempt, Loan, Payment, Promise, User
from app.server.services.clock import end_of_day
from app.server.services.dashboard import dashboard, period_dates
from app.server.services.team_scope import TeamScope
from app.server.settings import Settings
from tests.server.conftest import SeededCase, business_today
from tests.server.sync_helpers import push

SF = sessionmaker[Session]
Headers = Callable[[User], dict[str, str]]


@dataclass
class Book:
    lead_t: User
    lead_u: User
    admin: User
    x: User
    y: User
    z: User
    c: dict[str, SeededCase]


# (case, agent, disposition, channel, minutes after local midnight today; negative: yesterday)
MORNING = [  # before today's run: c1, c2 in M1, c3 in M2, c4 in M3, c5 in M1
    ("c1", "x", "no_answer", "outbound_call", 60),
    ("c1", "x", "right_party", "outbound_call", 70),  # ends in the promise made at 80
    ("c1", "x", "busy", "outbound_call", 80),
    ("c2", "x", "right_party", "outbound_call", 90),
    ("c3", "y", "right_party", "outbound_call", 110),
    ("c3", "y", "hung_up", "inbound_call", 120),
    ("c4", "y", "right_party", "sms", 130),  # not a call
    ("c4", "y", "no_answer", "outbound_call", -120),  # yesterday
    ("c5", "z", "right_party", "outbound_call", 140),  # team U
]
AFTERNOON = [  # after today's run: c1 cured, c2 in M2, c4 in M3+, c5 in M2
    ("c2", "x", "third_party", "outbound_call", 300),
    ("c2", "x", "right_party", "inbound_call", 310),  # 40 min before x's promise on c2
    ("c4", "y", "busy", "outbound_call", 320),
    ("c1", "x", "right_party", "inbound_call", 330),  # the cured case's borrower calls in
    ("c2", "x", "right_party", "outbound_call", 340),  # ends in the promise made at 350
]
CALLS = MORNING + AFTERNOON
# the bucket each call of x and y today was made in (the hand-computed attribution)
BUCKET_AT_CALL = {60: "M1", 70: "M1", 80: "M1", 90: "M1", 110: "M2", 120: "M2",
                  300: "M2", 310: "M2", 320: "M3+", 330: "M1", 340: "M2"}  # fmt: skip
# (case, agent, status, promised_on offset in days, created minutes after midnight)
PROMISES = [
    ("c1", "x", "pending", 5, 80),  # 10 min after x's right-party call on c1: ends it
    ("c3", "y", "pending", 5, 290),  # 3 h after y's call on c3: outside the 2 h window
    ("c2", "x", "pending", 7, 350),  # 10 min after x's afternoon call on c2
    ("c1", "x", "kept", 0, -600),  # made yesterday (c1 in M1 then)
    ("c2", "x", "broken", 0, -600),
    ("c3", "y", "pending", 0, -600),  # due today, not judged yet
    ("c4", "y", "kept", -1, -4000),  # due yesterday
    ("c5", "z", "broken", 0, -600),  # team U
]
# (case, amount fen, paid_on offset in days)
PAYMENTS = [("c1", 50_000, 0), ("c3", 30_000, 0), ("c5", 70_000, 0), ("c2", 99_999, -1)]
SNAPSHOT = {  # case: (agent, bucket, outstanding principal)
    "c1": ("x", "M1", 100_000),
    "c2": ("x", "M1", 200_000),
    "c3": ("y", "M2", 300_000),
    "c4": ("y", "M3", 400_000),
    "c5": ("z", "M1", 500_000),
}
NOW_STATE = {  # today's run: case: (status, bucket, loan outstanding now)
    "c1": ("closed", "M0", 0),
    "c2": ("open", "M2", 210_000),
    "c3": ("open", "M2", 300_000),
    "c4": ("open", "M3+", 390_000),
    "c5": ("open", "M2", 500_000),
}


def _call_op(case: SeededCase, disposition: str, channel: str, at: datetime) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "kind": "contact.create",
        "case_id": case.case_id,
        "entity_id": str(uuid.uuid4()),
        "payload": {"channel": channel, "disposition": disposition, "started_at": at.isoformat()},
    }


def _push_calls(
    client: TestClient, headers: Headers, people: dict[str, User], cases: dict[str, SeededCase],
    calls: list[tuple[str, str, str, str, int]], midnight: datetime,
) -> None:  # fmt: skip
    for agent in sorted({c[1] for c in calls}):
        ops = [
            _call_op(cases[key], disp, channel, midnight + timedelta(minutes=minutes))
            for key, who, disp, channel, minutes in calls
            if who == agent
        ]
        results = push(client, headers(people[agent]), *ops)
        assert [r["status"] for r in results] == ["applied"] * len(ops), results


@pytest.fixture
def book(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: SF,
    client: TestClient,
    auth_headers: Headers,
) -> Book:
    people = {
        "lead_t": make_user("team_lead", "team-t", username="lead-t"),
        "lead_u": make_user("team_lead", "team-u", username="lead-u"),
        "admin": make_user("admin", None, username="admin-k"),
        "x": make_user("agent", "team-t", username="x"),
        "y": make_user("agent", "team-t", username="y"),
        "z": make_user("agent", "team-u", username="z"),
    }
    dpds = {"c1": 10, "c2": 25, "c3": 45, "c4": 80, "c5": 12}
    cases = {k: make_case(people[SNAPSHOT[k][0]], dpd=d) for k, d in dpds.items()}
    today = business_today()
    midnight = end_of_day(Settings(), today - timedelta(days=1))
    agent_id = {k: people[k].id for k in ("x", "y", "z")}
    with session_factory() as s:
        for key, (agent, bucket, balance) in SNAPSHOT.items():
            seeded = cases[key]
            for day, b in ((today - timedelta(days=1), bucket), (today - timedelta(days=2), "M3+")):
                s.add(CaseSnapshot(snap_date=day, case_id=seeded.case_id, loan_id=seeded.loan_id,
                                   status="open", team_id=seeded.team_id,
                                   assigned_to_id=agent_id[agent], bucket=b, dpd=dpds[key],
                                   overdue_total=1, outstanding_principal=balance))  # fmt: skip
        s.commit()
    _push_calls(client, auth_headers, people, cases, MORNING, midnight)
    with session_factory() as s:
        for key, (status, bucket, balance) in NOW_STATE.items():
            s.execute(update(Case).where(Case.id == cases[key].case_id).values(
                status=status, bucket=bucket, closed_on=today if status == "closed" else None))  # fmt: skip
            s.execute(update(Loan).where(Loan.id == cases[key].loan_id).values(
                outstanding_principal=balance))  # fmt: skip
            if status != "closed":  # today's run wrote its snapshot (the state now)
                seeded = cases[key]
                s.add(CaseSnapshot(snap_date=today, case_id=seeded.case_id,
                                   loan_id=seeded.loan_id, status=status,
                                   team_id=seeded.team_id, assigned_to_id=seeded.agent_id,
                                   bucket=bucket, dpd=dpds[key], overdue_total=1,
                                   outstanding_principal=balance))  # fmt: skip
        s.commit()
    _push_calls(client, auth_headers, people, cases, AFTERNOON, midnight)
    with session_factory() as s:
        for key, agent, status, due, minutes in PROMISES:
            s.add(Promise(case_id=cases[key].case_id, agent_id=agent_id[agent], amount=10_000,
                          status=status, promised_on=today + timedelta(days=due),
                          created_at=midnight + timedelta(minutes=minutes)))  # fmt: skip
        for key, amount, day in PAYMENTS:
            s.add(Payment(loan_id=cases[key].loan_id, amount=amount, allocated=True,
                          paid_on=today + timedelta(days=day)))  # fmt: skip
        s.commit()
    return Book(**people, c=cases)  # type: ignore[arg-type]


def _get(client: TestClient, h: dict[str, str], **params: Any) -> dict[str, Any]:
    resp = client.get("/team/dashboard", params=params, headers=h)
    assert resp.status_code == 200, resp.text
    data: dict[str, Any] = resp.json()
    return data


def _rate(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _r(rate: dict[str, Any]) -> tuple[Decimal | None, int, int]:
    """A rate as (value, numerator, denominator)."""
    value = None if rate["value"] is None else Decimal(rate["value"])
    return value, rate["numerator"], rate["denominator"]


CALL_COUNTS = ("attempts", "connected", "right_party", "promise_contacts", "inbound_calls",
               "inbound_right_party")  # fmt: skip
SUMMED = (*CALL_COUNTS, "promises_due", "promises_kept", "amount_collected", "cases_at_start",
          "cured")  # fmt: skip


def test_kpis_against_the_hand_computed_fixture(
    client: TestClient, book: Book, auth_headers: Headers
) -> None:
    d = _get(client, auth_headers(book.lead_t), period="today")
    today = business_today()
    assert (d["start"], d["end"], d["team"]) == (today.isoformat(), today.isoformat(), "team-t")
    assert d["baseline"] == (today - timedelta(days=1)).isoformat()
    t = d["total"]
    # outbound calls of x and y today: 8 (inbound, sms, yesterday's call and team U apart)
    assert tuple(t[k] for k in CALL_COUNTS) == (8, 5, 4, 2, 3, 2)
    assert _r(t["contact_rate"]) == (Decimal("0.6250"), 5, 8)
    assert _r(t["rpc_rate"]) == (Decimal("0.8000"), 4, 5)
    assert _r(t["ptp_rate"]) == (Decimal("0.5000"), 2, 4)
    # promises due today and judged: x kept 1, x broken 1 (y's is still pending)
    assert (t["promises_due"], t["promises_kept"]) == (2, 1)
    assert _r(t["ptp_kept_rate"]) == (Decimal("0.5000"), 1, 2)
    assert t["amount_collected"] == 80_000  # c1 500.00 + c3 300.00 today
    assert (t["cases_at_start"], t["cured"]) == (4, 1)
    assert _r(t["cure_rate"]) == (Decimal("0.2500"), 1, 4)
    roll = {(r["from_bucket"], r["to_bucket"]): r for r in t["roll"]}
    assert roll[("M1", "M2")] == {"from_bucket": "M1", "to_bucket": "M2", "start_balance": 300_000,
                                  "rolled_balance": 210_000, "rate": "0.7000"}  # fmt: skip
    assert (roll[("M2", "M3")]["start_balance"], roll[("M2", "M3")]["rate"]) == (300_000, "0.0000")
    assert roll[("M3", "M3+")]["rate"] == "0.9750"  # 3,900.00 / 4,000.00
    agents = {a["username"]: a for a in d["by_agent"]}
    assert set(agents) == {"x", "y"}
    x, y = agents["x"], agents["y"]
    assert tuple(x[k] for k in CALL_COUNTS) == (6, 4, 3, 2, 2, 2)
    assert _r(x["contact_rate"]) == (Decimal("0.6667"), 4, 6)
    assert _r(x["ptp_rate"]) == (Decimal("0.6667"), 2, 3)
    assert tuple(y[k] for k in CALL_COUNTS) == (2, 1, 1, 0, 1, 0)
    # y's 100 % is one call: the API says so
    assert _r(y["rpc_rate"]) == (Decimal("1.0000"), 1, 1)
    assert _r(y["ptp_rate"]) == (Decimal("0.0000"), 0, 1)
    assert (x["amount_collected"], y["amount_collected"]) == (50_000, 30_000)
    assert (_r(x["cure_rate"]), _r(y["cure_rate"])) == ((Decimal("0.5000"), 1, 2),
                                                       (Decimal("0.0000"), 0, 2))  # fmt: skip
    assert _r(y["ptp_kept_rate"]) == (None, 0, 0)  # nothing of y's was due and judged
    buckets = {b["bucket"]: b for b in d["by_bucket"]}
    assert list(buckets) == ["M1", "M2", "M3", "M3+"]  # nothing counted in M0
    # each call in the bucket of its moment: c2's afternoon calls in M2, c4's in M3+, the
    # cured c1's inbound call in M1 (the bucket it was cured from)
    assert {b: tuple(v[k] for k in CALL_COUNTS) for b, v in buckets.items()} == {
        "M1": (4, 2, 2, 1, 1, 1),
        "M2": (3, 3, 2, 1, 2, 1),
        "M3": (0, 0, 0, 0, 0, 0),
        "M3+": (1, 0, 0, 0, 0, 0),
    }
    assert _r(buckets["M2"]["contact_rate"]) == (Decimal("1.0000"), 3, 3)
    assert _r(buckets["M1"]["ptp_kept_rate"]) == (Decimal("0.5000"), 1, 2)
    assert _r(buckets["M1"]["cure_rate"]) == (Decimal("0.5000"), 1, 2)
    assert buckets["M3+"]["cases_at_start"] == 0
    assert buckets["M3"]["roll"][2]["rate"] == "0.9750"
    for group in ("by_bucket", "by_agent"):  # the rows add up to the total
        for key in SUMMED:
            assert sum(row[key] for row in d[group]) == t[key], (group, key)


def test_each_call_records_the_bucket_of_its_moment(
    client: TestClient, book: Book, session_factory: SF
) -> None:
    """The bucket is written on the attempt when the server takes it (POST /sync/push)."""
    midnight = end_of_day(Settings(), business_today() - timedelta(days=1))
    with session_factory() as s:
        got = {
            round((a.started_at - midnight).total_seconds() / 60): a.bucket
            for a in s.scalars(select(ContactAttempt))
            if a.agent_id in (book.x.id, book.y.id) and a.channel.endswith("_call")
        }
    assert got == {**BUCKET_AT_CALL, -120: "M3"}  # yesterday's call: yesterday's snapshot


def test_sql_agrees_with_the_domain_functions(
    client: TestClient, book: Book, auth_headers: Headers
) -> None:
    """app.domain.kpis over the fixture's records, selected by the documented rules."""
    team = {"x", "y"}
    calls = [c for c in CALLS if c[1] in team and c[3].endswith("_call") and c[4] >= 0]
    ended = {
        (case, agent, minutes)
        for case, agent, _d, _ch, minutes in calls
        if any(p[0] == case and p[1] == agent and 0 <= p[4] - minutes < 120 for p in PROMISES)
    }
    attempts = [
        kpis.Attempt.from_disposition(
            case,
            agent,
            disp,
            promise=disp == "right_party" and ch == "outbound_call" and (case, agent, m) in ended,
            inbound=ch == "inbound_call",
        )
        for case, agent, disp, ch, m in calls
    ]
    due = [p[2] for p in PROMISES if p[1] in team and p[3] == 0]
    collected = [
        kpis.CollectedPayment(Money(amount), business_today(), agent=SNAPSHOT[case][0])
        for case, amount, day in PAYMENTS
        if day == 0 and SNAPSHOT[case][0] in team
    ]
    start = [k for k, v in SNAPSHOT.items() if v[0] in team]
    last = {}
    for k in start:
        last[SNAPSHOT[k][1]] = last.get(SNAPSHOT[k][1], Money(0)) + Money(SNAPSHOT[k][2])
    this = {"M2": Money(210_000), "M3+": Money(390_000)}  # c2 now M2, c4 now M3+
    t = _get(client, auth_headers(book.lead_t), period="today")["total"]
    for name, of in (("contact_rate", kpis.contact_rate_of), ("rpc_rate", kpis.rpc_rate_of),
                     ("ptp_rate", kpis.ptp_rate_of)):  # fmt: skip
        rate = of(attempts)
        assert _r(t[name]) == (rate.value, rate.numerator, rate.denominator), name
    assert t["inbound_calls"] == kpis.inbound_calls(attempts)
    assert _r(t["ptp_kept_rate"])[0] == kpis.ptp_kept_rate(due)
    assert t["amount_collected"] == kpis.amount_collected(collected).fen
    assert _r(t["cure_rate"])[0] == kpis.cure_rate(start, ["c1"])
    rates = kpis.roll_rates(last, this)
    got = {f"{r['from_bucket']}->{r['to_bucket']}": _rate(r["rate"]) for r in t["roll"]}
    assert got == {k: v for k, v in rates.items() if k != "M0->M1"}


def test_scope_of_the_dashboard(
    client: TestClient, book: Book, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    hu = auth_headers(book.lead_u)
    u = _get(client, hu)
    assert [a["username"] for a in u["by_agent"]] == ["z"]
    assert (u["total"]["attempts"], u["total"]["amount_collected"]) == (1, 70_000)
    assert u["total"]["promises_due"] == 1
    assert _r(u["total"]["ptp_kept_rate"]) == (Decimal("0.0000"), 0, 1)
    assert client.get("/team/dashboard", params={"team": "team-t"}, headers=hu).status_code == 404
    everyone = _get(client, auth_headers(book.admin))
    assert everyone["team"] is None and everyone["total"]["attempts"] == 9
    assert _get(client, auth_headers(book.admin), team="team-u")["total"] == u["total"]
    month = _get(client, auth_headers(book.lead_t), period="month")
    assert month["start"] == business_today().replace(day=1).isoformat()
    assert month["total"]["attempts"] >= 8


def test_period_dates() -> None:
    thursday = date(2026, 12, 3)
    assert period_dates("today", thursday) == (thursday, thursday)
    assert period_dates("week", thursday) == (date(2026, 11, 30), thursday)
    assert period_dates("month", thursday) == (date(2026, 12, 1), thursday)
    assert period_dates("week", date(2026, 11, 30)) == (date(2026, 11, 30), date(2026, 11, 30))


def test_no_history_means_no_baseline(
    client: TestClient,
    make_user: Callable[..., User],
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    lead = make_user("team_lead", "team-new", username="lead-new")
    d = _get(client, auth_headers(lead), period="week")
    assert d["baseline"] is None and d["by_agent"] == []
    assert _r(d["total"]["cure_rate"]) == _r(d["total"]["contact_rate"]) == (None, 0, 0)
    assert [r["rate"] for r in d["total"]["roll"]] == [None, None, None]


def test_care_calls_are_not_collection_work(
    client: TestClient,
    book: Book,
    make_case: Callable[..., SeededCase],
    session_factory: SF,
    auth_headers: Callable[[User], dict[str, str]],
) -> None:
    """A care call on a current loan (kind 'care') is outside the collection KPIs: its calls,
    promises and the loan's regular payments do not count, and it has no snapshot row."""
    from app.server.jobs.case_snapshots import write_snapshot
    from app.server.jobs.sqlkit import SqlRunner

    before = _get(client, auth_headers(book.lead_t), period="today")["total"]
    care = make_case(book.x, dpd=0)
    today = business_today()
    midnight = end_of_day(Settings(), today - timedelta(days=1))
    with session_factory() as s:
        s.execute(update(Case).where(Case.id == care.case_id).values(kind="care", bucket="M0"))
        for minutes, disp in ((30, "right_party"), (40, "no_answer")):
            s.add(ContactAttempt(case_id=care.case_id, agent_id=book.x.id, channel="outbound_call",
                                 disposition=disp, started_at=midnight + timedelta(minutes=minutes)))  # fmt: skip
        s.add(Promise(case_id=care.case_id, agent_id=book.x.id, amount=10_000, status="kept",
                      promised_on=today, created_at=midnight + timedelta(minutes=31)))  # fmt: skip
        s.add(Payment(loan_id=care.loan_id, amount=300_000, allocated=True, paid_on=today))
        s.commit()
        write_snapshot(SqlRunner(s), business_date=today)
        s.commit()
        rows = s.query(CaseSnapshot).filter(CaseSnapshot.case_id == care.case_id).count()
    assert rows == 0
    after = _get(client, auth_headers(book.lead_t), period="today")["total"]
    for key in (*CALL_COUNTS, "promises_due", "amount_collected", "cases_at_start"):
        assert after[key] == before[key], key


def test_a_case_opened_and_cured_within_the_month_stays_in_its_buckets(
    client: TestClient,
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: SF,
    auth_headers: Headers,
) -> None:
    """A month that ended on its 20th, two months back. Case k opened on the 5th in M1 and
    was cured on the 10th (closed, M0 now); case j was in M1 at the start and rolled to M2
    on the 12th. The calls reach the server afterwards (a late sync): each counts in the
    bucket of its day, so k's calls, payment and kept promise stay in M1, j's split M1/M2,
    and the bucket rows add up to the total (nothing falls into M0)."""
    x = make_user("agent", "team-m", username="xm")
    first = (business_today().replace(day=1) - timedelta(days=40)).replace(day=1)
    today = first.replace(day=20)

    def on(day: int) -> date:
        return first.replace(day=day)

    k, j = make_case(x, dpd=5), make_case(x, dpd=20)
    with session_factory() as s:
        snaps = [(k, on(5), "M1"), (k, on(9), "M1"), (j, first - timedelta(days=1), "M1"),
                 (j, on(8), "M1"), (j, on(12), "M2"), (j, on(20), "M2")]  # fmt: skip
        for case, day, bucket in snaps:
            s.add(CaseSnapshot(snap_date=day, case_id=case.case_id, loan_id=case.loan_id,
                               status="open", team_id=case.team_id, assigned_to_id=x.id,
                               bucket=bucket, dpd=5, overdue_total=1,
                               outstanding_principal=100_000))  # fmt: skip
        s.execute(update(Case).where(Case.id == k.case_id).values(
            status="closed", bucket="M0", opened_on=on(5), closed_on=on(10)))  # fmt: skip
        s.execute(update(Case).where(Case.id == j.case_id).values(bucket="M2"))
        tz = ZoneInfo(Settings().lender_timezone)
        s.add(Promise(case_id=k.case_id, agent_id=x.id, amount=10_000, status="kept",
                      promised_on=on(9), created_at=datetime.combine(on(7), time(10), tz)))  # fmt: skip
        s.add(Payment(loan_id=k.loan_id, amount=40_000, allocated=True, paid_on=on(5)))
        s.commit()
    calls = [(k, 7, "right_party", "outbound_call"), (k, 10, "no_answer", "outbound_call"),
             (j, 8, "right_party", "outbound_call"), (j, 15, "busy", "outbound_call"),
             (j, 16, "right_party", "inbound_call")]  # fmt: skip
    ops = [
        _call_op(case, disp, ch, datetime.combine(on(day), time(9, 30), tz))
        for case, day, disp, ch in calls
    ]
    assert {r["status"] for r in push(client, auth_headers(x), *ops)} == {"applied"}
    with session_factory() as s:
        d = dashboard(s, TeamScope(x.team_id, "team-m"), period="month", today=today, tz=tz)
    t = d.total
    buckets = {b.bucket: b for b in d.by_bucket}
    assert list(buckets) == ["M1", "M2", "M3", "M3+"]
    assert (t.attempts, t.connected, t.right_party, t.inbound_calls) == (4, 2, 2, 1)
    m1, m2 = buckets["M1"], buckets["M2"]
    assert (m1.attempts, m1.right_party, m2.attempts, m2.inbound_calls) == (3, 2, 1, 1)
    assert (m1.promises_kept, m1.amount_collected) == (1, 40_000)
    assert (m1.contact_rate.numerator, m1.contact_rate.denominator) == (2, 3)
    for key in SUMMED:
        assert sum(getattr(b, key) for b in d.by_bucket) == getattr(t, key), key


def test_backfill_of_calls_recorded_without_a_bucket(book: Book, session_factory: SF) -> None:
    """Migration 0015_kpi's backfill (services/call_bucket.backfill_buckets): a row without a
    bucket takes its case's latest snapshot dated on or before the call's business day. It
    cannot tell a call before today's run from one after it, so c2's morning call (made in
    M1) takes today's M2; the cured c1's calls take the M1 it was cured from."""
    from app.server.jobs.sqlkit import SqlRunner
    from app.server.services.call_bucket import backfill_buckets

    midnight = end_of_day(Settings(), business_today() - timedelta(days=1))
    with session_factory() as s:
        s.execute(update(ContactAttempt).values(bucket=None))
        n = backfill_buckets(SqlRunner(s), lender_timezone=Settings().lender_timezone)
        s.commit()
        rows = list(s.scalars(select(ContactAttempt)))
    assert n == len(rows) == len(CALLS)
    got = {
        round((a.started_at - midnight).total_seconds() / 60): a.bucket
        for a in rows
        if a.agent_id in (book.x.id, book.y.id) and a.channel.endswith("_call")
    }
    assert got == {**BUCKET_AT_CALL, 90: "M2", -120: "M3"}

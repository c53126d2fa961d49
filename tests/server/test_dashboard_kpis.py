"""The dashboard's KPIs against a hand-computed fixture, and against app.domain.kpis run on
the same records (the SQL and the domain must agree).

Team T (agents x, y) and team U (agent z). Yesterday's snapshot (the baseline of "today"):
c1 x M1 ¥1,000.00, c2 x M1 ¥2,000.00, c3 y M2 ¥3,000.00, c4 y M3 ¥4,000.00 (balances: the
loans' outstanding principal), c5 z M1. Today's run (its snapshot and the cases): c1 was
cured (closed), c2 rolled to M2 (balance ¥2,100.00), c3 stayed in M2, c4 rolled to M3+
(¥3,900.00), c5 rolled to M2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.domain import kpis
from app.domain.money import Money
from app.server.models import Case, CaseSnapshot, ContactAttempt, Loan, Payment, Promise, User
from app.server.services.clock import end_of_day
from app.server.services.dashboard import period_dates
from app.server.settings import Settings
from tests.server.conftest import SeededCase, business_today

SF = sessionmaker[Session]


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
CALLS = [
    ("c1", "x", "no_answer", "outbound_call", 60),
    ("c1", "x", "right_party", "outbound_call", 70),
    ("c1", "x", "busy", "outbound_call", 80),
    ("c2", "x", "right_party", "outbound_call", 90),
    ("c2", "x", "third_party", "outbound_call", 100),
    ("c3", "y", "right_party", "outbound_call", 110),
    ("c3", "y", "hung_up", "inbound_call", 120),
    ("c4", "y", "right_party", "sms", 130),  # not a call
    ("c4", "y", "no_answer", "outbound_call", -120),  # yesterday
    ("c5", "z", "right_party", "outbound_call", 140),  # team U
]
# (case, agent, status, promised_on offset in days, created minutes after midnight)
PROMISES = [
    ("c1", "x", "pending", 5, 80),  # 10 min after x's right-party call on c1: ends it
    ("c3", "y", "pending", 5, 290),  # 3 h after y's call on c3: outside the 2 h window
    ("c1", "x", "kept", 0, -3000),
    ("c2", "x", "broken", 0, -3000),
    ("c3", "y", "pending", 0, -3000),  # due today, not judged yet
    ("c4", "y", "kept", -1, -4000),  # due yesterday
    ("c5", "z", "broken", 0, -3000),  # team U
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


@pytest.fixture
def book(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: SF,
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
        now_state = {  # case: (status, bucket, loan outstanding now)
            "c1": ("closed", "M0", 0),
            "c2": ("open", "M2", 210_000),
            "c3": ("open", "M2", 300_000),
            "c4": ("open", "M3+", 390_000),
            "c5": ("open", "M2", 500_000),
        }
        for key, (status, bucket, balance) in now_state.items():
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
        for key, agent, disp, channel, minutes in CALLS:
            s.add(ContactAttempt(case_id=cases[key].case_id, agent_id=agent_id[agent],
                                 channel=channel, disposition=disp,
                                 started_at=midnight + timedelta(minutes=minutes)))  # fmt: skip
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


def test_kpis_against_the_hand_computed_fixture(
    client: TestClient, book: Book, auth_headers: Callable[[User], dict[str, str]]
) -> None:
    d = _get(client, auth_headers(book.lead_t), period="today")
    today = business_today()
    assert (d["start"], d["end"], d["team"]) == (today.isoformat(), today.isoformat(), "team-t")
    assert d["baseline"] == (today - timedelta(days=1)).isoformat()
    t = d["total"]
    # calls of x and y today: 7 (sms and yesterday's call excluded; z is team U)
    assert (t["attempts"], t["connected"], t["right_party"], t["promise_contacts"]) == (7, 5, 3, 1)
    assert _rate(t["contact_rate"]) == Decimal("0.7143")  # 5 / 7
    assert _rate(t["rpc_rate"]) == Decimal("0.6000")  # 3 / 5
    assert _rate(t["ptp_rate"]) == Decimal("0.3333")  # 1 / 3
    # promises due today and judged: x kept 1, x broken 1 (y's is still pending)
    assert (t["promises_due"], t["promises_kept"], _rate(t["ptp_kept_rate"])) == (
        2, 1, Decimal("0.5000"),
    )  # fmt: skip
    assert t["amount_collected"] == 80_000  # c1 500.00 + c3 300.00 today
    assert (t["cases_at_start"], t["cured"], _rate(t["cure_rate"])) == (4, 1, Decimal("0.2500"))
    roll = {(r["from_bucket"], r["to_bucket"]): r for r in t["roll"]}
    assert roll[("M1", "M2")] == {"from_bucket": "M1", "to_bucket": "M2", "start_balance": 300_000,
                                  "rolled_balance": 210_000, "rate": "0.7000"}  # fmt: skip
    assert (roll[("M2", "M3")]["start_balance"], roll[("M2", "M3")]["rate"]) == (300_000, "0.0000")
    assert roll[("M3", "M3+")]["rate"] == "0.9750"  # 3,900.00 / 4,000.00
    agents = {a["username"]: a for a in d["by_agent"]}
    assert set(agents) == {"x", "y"}
    x, y = agents["x"], agents["y"]
    assert (x["attempts"], x["connected"], x["right_party"], x["promise_contacts"]) == (5, 3, 2, 1)
    assert (_rate(x["contact_rate"]), _rate(x["ptp_rate"])) == (Decimal("0.6000"),
                                                              Decimal("0.5000"))  # fmt: skip
    assert (y["attempts"], y["connected"], y["right_party"], y["ptp_rate"]) == (2, 2, 1, "0.0000")
    assert (x["amount_collected"], y["amount_collected"]) == (50_000, 30_000)
    assert (x["cure_rate"], y["cure_rate"]) == ("0.5000", "0.0000")
    assert y["ptp_kept_rate"] is None  # nothing of y's was due and judged
    buckets = {b["bucket"]: b for b in d["by_bucket"]}
    assert (buckets["M1"]["attempts"], buckets["M2"]["attempts"], buckets["M3"]["attempts"]) == (
        5, 2, 0,
    )  # fmt: skip
    assert buckets["M1"]["cure_rate"] == "0.5000" and buckets["M3+"]["cases_at_start"] == 0
    assert buckets["M3"]["roll"][2]["rate"] == "0.9750"


def test_sql_agrees_with_the_domain_functions(
    client: TestClient, book: Book, auth_headers: Callable[[User], dict[str, str]]
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
            case, agent, disp, promise=disp == "right_party" and (case, agent, m) in ended
        )
        for case, agent, disp, _ch, m in calls
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
    assert _rate(t["contact_rate"]) == kpis.contact_rate(attempts)
    assert _rate(t["rpc_rate"]) == kpis.rpc_rate(attempts)
    assert _rate(t["ptp_rate"]) == kpis.ptp_rate(attempts)
    assert _rate(t["ptp_kept_rate"]) == kpis.ptp_kept_rate(due)
    assert t["amount_collected"] == kpis.amount_collected(collected).fen
    assert _rate(t["cure_rate"]) == kpis.cure_rate(start, ["c1"])
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
    assert (u["total"]["promises_due"], u["total"]["ptp_kept_rate"]) == (1, "0.0000")
    assert client.get("/team/dashboard", params={"team": "team-t"}, headers=hu).status_code == 404
    everyone = _get(client, auth_headers(book.admin))
    assert everyone["team"] is None and everyone["total"]["attempts"] == 8
    assert _get(client, auth_headers(book.admin), team="team-u")["total"] == u["total"]
    month = _get(client, auth_headers(book.lead_t), period="month")
    assert month["start"] == business_today().replace(day=1).isoformat()
    assert month["total"]["attempts"] >= 7


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
    assert d["total"]["cure_rate"] is None and d["total"]["contact_rate"] is None
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
    for key in ("attempts", "connected", "right_party", "promise_contacts", "promises_due",
                "amount_collected", "cases_at_start"):  # fmt: skip
        assert after[key] == before[key], key

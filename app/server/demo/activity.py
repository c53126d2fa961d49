"""Collection history for the demo's open cases: call attempts, notes, promises, callbacks.

Generated per case from a seeded RNG (a demo fixture, not a job: the jobs stay set-based).
Calls fall between 09:00 and 20:30 Shanghai time (inside the contact policy's window);
right-party contacts give a reason and a note in Chinese, some end in a promise to pay
(a few dated today, most in the past so the overdue run marks them kept or broken), and
some cases have a callback due today.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Row = dict[str, Any]
SHANGHAI = ZoneInfo("Asia/Shanghai")

DISPOSITIONS = (
    ("no_answer", 35),
    ("right_party", 25),
    ("busy", 10),
    ("voicemail", 8),
    ("third_party", 6),
    ("hung_up", 6),
    ("refused", 4),
    ("wrong_number", 3),
    ("number_invalid", 3),
)
REASONS = (
    ("temporary_hardship", "临时资金周转困难"),
    ("unemployment", "失业，正在找工作"),
    ("illness", "家人生病住院"),
    ("forgot", "忘记还款日"),
    ("amount_dispute", "对罚息金额有异议"),
    ("vehicle_problem", "车辆出险在修"),
    ("other", "生意回款慢"),
)


@dataclass(slots=True)
class CaseInfo:
    """What the generator needs to know about one case."""

    case_id: str
    loan_id: str
    agent_id: int
    dpd: int
    overdue_total: int
    phone_ids: list[str]
    emergency_phone_ids: list[str]


@dataclass(slots=True)
class Activity:
    """Rows to insert, by table."""

    contact_attempts: list[Row] = field(default_factory=list)
    notes: list[Row] = field(default_factory=list)
    promises: list[Row] = field(default_factory=list)
    callbacks: list[Row] = field(default_factory=list)
    payments: list[Row] = field(default_factory=list)  # promises kept (allocated by the run)


def _at(day: date, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(9, 0), tzinfo=SHANGHAI) + timedelta(
        minutes=rng.randint(0, 11 * 60 + 30)
    )
    return local.astimezone(UTC)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def call_disposition(rng: random.Random, cooperation: float) -> str:
    """A call's outcome: a cooperative borrower (cooperation near 1) answers and talks more
    often; an uncooperative one lets it ring, hangs up or refuses."""
    c = min(max(cooperation, 0.0), 1.0)
    scale = {
        "right_party": 0.4 + 1.2 * c,
        "no_answer": 1.6 - 1.2 * c,
        "hung_up": 1.6 - 1.2 * c,
        "refused": 1.8 - 1.6 * c,
    }
    names = [d for d, _ in DISPOSITIONS]
    weights = [w * scale.get(d, 1.0) for d, w in DISPOSITIONS]
    return rng.choices(names, weights=weights, k=1)[0]


def episode_calls(
    rng: random.Random, *, start: date, end: date, cooperation: float
) -> list[tuple[date, str]]:
    """(day, disposition) of the calls on days [start, end) of a delinquency episode: most
    days of the first month, fewer later (one draw per day, at most one call a day)."""
    out: list[tuple[date, str]] = []
    day = start
    while day < end:
        age = (day - start).days
        rate = 0.35 if age < 30 else 0.2 if age < 90 else 0.08
        if rng.random() < rate:
            out.append((day, call_disposition(rng, cooperation)))
        day += timedelta(days=1)
    return out


def generate_activity(cases: list[CaseInfo], *, seed: int, today: date) -> Activity:
    """History for every case (deterministic for the seed and the case ids): calls over the
    whole episode (since DPD 1), with outcomes that are worse the further the case rolled."""
    out = Activity()
    for info in cases:
        if not info.phone_ids:
            continue
        rng = random.Random(f"{seed}:{info.loan_id}")
        cooperation = rng.uniform(0.1, 0.95) if info.dpd <= 30 else rng.uniform(0.0, 0.6)
        start = today - timedelta(days=max(info.dpd - 1, 0))
        promised = False
        for day, disposition in episode_calls(rng, start=start, end=today, cooperation=cooperation):
            at = _at(day, rng)
            phone = info.phone_ids[0]
            if disposition == "third_party" and info.emergency_phone_ids:
                phone = rng.choice(info.emergency_phone_ids)
            connected = disposition in ("right_party", "third_party", "refused", "hung_up")
            reason = rng.choice(REASONS) if disposition == "right_party" else None
            out.contact_attempts.append(
                {
                    "id": _uid(rng),
                    "case_id": info.case_id,
                    "agent_id": info.agent_id,
                    "phone_id": phone,
                    "channel": "outbound_call",
                    "disposition": disposition,
                    "reason": reason[0] if reason else None,
                    "started_at": at,
                    "duration_s": rng.randint(40, 420) if connected else 0,
                    "recording_ref": f"rec/{day:%Y%m%d}/{_uid(rng)[:8]}.mp3" if connected else None,
                    "policy_violation": None,
                    "received_at": at,
                }
            )
            if reason is not None:
                text = f"本人接听，称{reason[1]}。"
                if not promised and rng.random() < 0.45:
                    promised = True
                    amount = max(min(info.overdue_total, rng.randint(2, 8) * 50_000), 10_000)
                    on = day + timedelta(days=rng.randint(2, 10))
                    text += f"承诺{on:%m月%d日}前还款{amount / 100:.2f}元。"
                    if on < today and rng.random() < 0.5:
                        out.payments.append(
                            {
                                "id": _uid(rng),
                                "loan_id": info.loan_id,
                                "external_ref": f"PTP-{_uid(rng)[:18]}",
                                "paid_on": on
                                - timedelta(days=rng.randint(0, min(2, (on - day).days))),
                                "amount": amount,
                                "channel": "bank_transfer",
                                "reference": None,
                                "allocated": False,
                                "unapplied": 0,
                                "note": None,
                                "created_at": at,
                            }
                        )
                    out.promises.append(
                        {
                            "id": _uid(rng),
                            "case_id": info.case_id,
                            "agent_id": info.agent_id,
                            "amount": amount,
                            "promised_on": on,
                            "status": "pending",
                            "evaluated_on": None,
                            "created_at": at,
                            "received_at": at,
                        }
                    )
                out.notes.append(_note(rng, info, at, text, disposition))
            elif disposition == "third_party":
                out.notes.append(
                    _note(
                        rng,
                        info,
                        at,
                        "第三方接听，已请其转告本人回电，未透露欠款信息。",
                        disposition,
                    )
                )
            elif disposition in ("wrong_number", "number_invalid"):
                out.notes.append(_note(rng, info, at, "号码有误，需核实联系方式。", disposition))
        if not promised and info.dpd > 3 and rng.random() < 0.06:
            created = _at(today - timedelta(days=rng.randint(2, 5)), rng)
            out.promises.append(
                {
                    "id": _uid(rng),
                    "case_id": info.case_id,
                    "agent_id": info.agent_id,
                    "amount": max(min(info.overdue_total, 300_000), 10_000),
                    "promised_on": today,
                    "status": "pending",
                    "evaluated_on": None,
                    "created_at": created,
                    "received_at": created,
                }
            )
        if rng.random() < 0.12:
            due = datetime.combine(
                today, time(rng.randint(10, 17), rng.choice((0, 30))), tzinfo=SHANGHAI
            ).astimezone(UTC)
            out.callbacks.append(
                {
                    "id": _uid(rng),
                    "case_id": info.case_id,
                    "agent_id": info.agent_id,
                    "due_at": due,
                    "note": "客户要求下午回电",
                    "done": False,
                    "created_at": due,
                }
            )
    return out


def _note(rng: random.Random, info: CaseInfo, at: datetime, text: str, disposition: str) -> Row:
    return {
        "id": _uid(rng),
        "case_id": info.case_id,
        "author_id": info.agent_id,
        "text": text,
        "disposition": disposition,
        "next_action_on": None,
        "amends": None,
        "created_at": at + timedelta(seconds=30),
        "received_at": at + timedelta(seconds=30),
    }

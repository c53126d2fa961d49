"""Past delinquency episodes of a demo loan: closed cases with their calls and promises.

A loan that paid an installment late had a collection case while it was overdue: opened
the day after the due date (DPD 1, the default grace of 0 days) and closed the day the
payment arrived. This module rebuilds those closed cases from the generated installments
and gives each the calls an early-collections agent made (app.server.demo.activity's call
model) and the promises the borrower made on the phone, kept when the payment came by the
promised date + grace and broken otherwise (DOMAIN.md rule, decided here from the dates,
so the rows are final and the overdue run leaves them alone). The episode still open today
is not built here: the overdue run opens its case and `activity` adds its history.

Without these rows the book's history before today would hold calls and promises only for
the cases open now, and "had calls before date T" would tell a model which loans are still
delinquent today: a leak made by the generator, not a pattern of the borrowers.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.domain.money import Money
from app.domain.promises import DEFAULT_GRACE_DAYS, DatedPayment, evaluate_promise
from app.server.demo.activity import REASONS, _at, _uid, episode_calls

Row = dict[str, Any]
CONNECTED = frozenset({"right_party", "third_party", "refused", "hung_up"})


@dataclass(frozen=True, slots=True)
class HistoryAgents:
    """Who worked the past episodes: agent ids of the early-collections team and its id."""

    agent_ids: Sequence[int]
    team_id: int | None


@dataclass(frozen=True, slots=True)
class LoanFacts:
    """What the episode builder needs to know about one loan (display copies included)."""

    loan_id: str
    borrower_id: str
    borrower_name: str
    contract_no: str
    plate: str | None
    phone_id: str | None
    phone_masked: str | None


@dataclass(slots=True)
class HistoryRows:
    """Rows to insert, by table."""

    cases: list[Row] = field(default_factory=list)
    contact_attempts: list[Row] = field(default_factory=list)
    promises: list[Row] = field(default_factory=list)


def past_episodes(installments: Sequence[Row], today: date) -> list[tuple[date, date, int, int]]:
    """(first overdue day, cure day, max DPD, fen due) of each finished episode, oldest
    first: an installment paid after its due date was overdue from due + 1 to the day
    before payment; overlapping spells merge. Spells still open today are left out."""
    spells = []
    open_from = None
    for inst in installments:
        due, paid = inst["due_date"], inst["paid_on"]
        if due >= today:
            continue
        if paid is None:
            open_from = due + timedelta(days=1) if open_from is None else open_from
            continue
        if paid > due:
            spells.append((due + timedelta(days=1), paid, (paid - due).days, inst["payment"]))
    spells.sort()
    merged: list[tuple[date, date, int, int]] = []
    for start, end, dpd, fen in spells:
        if merged and start <= merged[-1][1]:
            s, e, d, f = merged[-1]
            merged[-1] = (s, max(e, end), max(d, dpd), f)
        else:
            merged.append((start, end, dpd, fen))
    if open_from is not None:  # the ongoing episode (and anything overlapping it) is today's
        merged = [m for m in merged if m[1] < open_from]
    return merged


def episode_history(
    rng: random.Random,
    facts: LoanFacts,
    installments: Sequence[Row],
    agents: HistoryAgents,
    *,
    today: date,
    payments: Sequence[DatedPayment] = (),
    defaults_later: bool = False,
) -> HistoryRows:
    """Closed cases, calls and promises of the loan's finished episodes (deterministic).
    A borrower who `defaults_later` cooperates less on the phone in these early episodes
    (answers less, breaks more promises): the pattern a risk model should pick up."""
    out = HistoryRows()
    if not agents.agent_ids or facts.phone_id is None:
        return out
    for start, end, max_dpd, fen in past_episodes(installments, today):
        # the worse an episode went, the less the borrower cooperated on the phone
        if defaults_later:
            cooperation = rng.uniform(0.05, 0.7)
        else:
            cooperation = rng.uniform(0.35, 1.0) if max_dpd < 30 else rng.uniform(0.1, 0.75)
        calls = episode_calls(rng, start=start, end=end, cooperation=cooperation)
        if not calls:
            continue  # a case nobody called leaves nothing a model could read
        agent = rng.choice(list(agents.agent_ids))
        case_id = _uid(rng)
        opened_at = datetime.combine(start, time(0, 0), tzinfo=UTC)
        promised = False
        last_at = None
        for day, disposition in calls:
            at = _at(day, rng)
            last_at = at
            connected = disposition in CONNECTED
            reason = rng.choice(REASONS)[0] if disposition == "right_party" else None
            out.contact_attempts.append(
                {
                    "id": _uid(rng),
                    "case_id": case_id,
                    "agent_id": agent,
                    "phone_id": facts.phone_id,
                    "channel": "outbound_call",
                    "disposition": disposition,
                    "reason": reason,
                    "started_at": at,
                    "duration_s": rng.randint(40, 420) if connected else 0,
                    "recording_ref": f"rec/{day:%Y%m%d}/{_uid(rng)[:8]}.mp3" if connected else None,
                    "policy_violation": None,
                    "received_at": at,
                }
            )
            if reason is not None and not promised and rng.random() < 0.45:
                promised = True
                if rng.random() < cooperation:  # means it: promises the day it will pay
                    on = max(day + timedelta(days=1), end - timedelta(days=rng.randint(0, 3)))
                else:
                    on = day + timedelta(days=rng.randint(2, 10))
                # judged by the domain rule over the loan's payments, as the run would
                status = evaluate_promise(Money(fen), at, on, payments, today=today)
                evaluated = None
                if status != "pending":
                    evaluated = min(today, on + timedelta(days=DEFAULT_GRACE_DAYS + 1))
                out.promises.append(
                    {
                        "id": _uid(rng),
                        "case_id": case_id,
                        "agent_id": agent,
                        "amount": fen,
                        "promised_on": on,
                        "status": status,
                        "evaluated_on": evaluated,
                        "created_at": at,
                        "received_at": at,
                    }
                )
        out.cases.append(
            {
                "id": case_id,
                "loan_id": facts.loan_id,
                "borrower_id": facts.borrower_id,
                "status": "closed",
                "assigned_to_id": agent,
                "team_id": agents.team_id,
                "assigned_at": opened_at,
                "dpd": 0,
                "bucket": "M0",
                "overdue_principal": 0,
                "overdue_interest": 0,
                "overdue_penalty": 0,
                "overdue_fees": 0,
                "overdue_total": 0,
                "priority": 0,
                "flags": [],
                "debtor_unreachable": False,
                "opened_on": start,
                "closed_on": end,
                "last_contact_at": last_at,
                "next_action_at": None,
                "next_action_kind": "none",
                "version": 0,
                "borrower_name": facts.borrower_name,
                "phone_masked": facts.phone_masked,
                "contract_no": facts.contract_no,
                "plate": facts.plate,
                "created_at": opened_at,
                "updated_at": datetime.combine(end, time(0, 0), tzinfo=UTC),
            }
        )
    return out

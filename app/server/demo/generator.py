"""Deterministic demo loan book: borrowers, phones, related parties, vehicles, loans,
installments and payments, produced in chunks of plain row dicts ready for bulk inserts.

Loan number i is generated from its own `random.Random((seed, i))`-style seed, so a book of
200 loans is exactly the first 200 loans of the 5,000-loan book with the same seed, and
chunking never changes the data. Nothing here touches a database or reads the clock.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.domain.masking import mask_card, mask_id_number, mask_phone, mask_vin
from app.domain.money import Money
from app.domain.schedule_types import RepaymentMethod
from app.domain.schedules import add_months, build_schedule
from app.server.demo import behaviour, catalog, identity
from app.server.demo.history import HistoryAgents, LoanFacts, episode_history

Row = dict[str, Any]
RATES = tuple(Decimal(f"0.{bp:04d}") for bp in range(399, 1800, 50))  # 3.99% ... 17.49%
TERMS = (36, 36, 48, 48, 60)


@dataclass(slots=True)
class BookChunk:
    """Rows for one slice of the book, keyed by table."""

    borrowers: list[Row] = field(default_factory=list)
    related_parties: list[Row] = field(default_factory=list)
    phones: list[Row] = field(default_factory=list)
    loans: list[Row] = field(default_factory=list)
    vehicles: list[Row] = field(default_factory=list)
    installments: list[Row] = field(default_factory=list)
    payments: list[Row] = field(default_factory=list)
    # past delinquency episodes (closed cases) and their calls and promises (demo.history)
    cases: list[Row] = field(default_factory=list)
    contact_attempts: list[Row] = field(default_factory=list)
    promises: list[Row] = field(default_factory=list)

    TABLES = (
        "borrowers",
        "related_parties",
        "phones",
        "loans",
        "vehicles",
        "installments",
        "payments",
        "cases",
        "contact_attempts",
        "promises",
    )

    def tables(self) -> list[tuple[str, list[Row]]]:
        """(table name, rows) in foreign-key order."""
        return [(name, getattr(self, name)) for name in self.TABLES]


@dataclass(frozen=True, slots=True)
class _Paid:
    """A payment as app.domain.promises reads it."""

    paid_on: date
    amount: Money


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate_book(
    *,
    loans: int,
    seed: int,
    today: date,
    chunk_size: int = 2000,
    start: int = 0,
    history: HistoryAgents | None = None,
) -> Iterator[BookChunk]:
    """Yield the book in chunks of `chunk_size` loans (one borrower per loan). With
    `history`, each chunk also holds the closed cases of past delinquency episodes, their
    calls and promises, worked by those agents (drawn from a stream of their own, so the
    loans are the same with or without history)."""
    created = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    for lo in range(start, start + loans, chunk_size):
        chunk = BookChunk()
        for i in range(lo, min(lo + chunk_size, start + loans)):
            _generate_loan(chunk, i, seed=seed, today=today, created=created, history=history)
        yield chunk


def _generate_loan(
    chunk: BookChunk,
    i: int,
    *,
    seed: int,
    today: date,
    created: datetime,
    history: HistoryAgents | None = None,
) -> None:
    rng = random.Random(seed * 10_000_019 + i)
    city = rng.choices(catalog.CITIES, weights=catalog.CITY_WEIGHTS, k=1)[0]
    district, division = rng.choice(city.districts)
    gender = "M" if rng.random() < 0.68 else "F"
    birth = identity.birth_date(rng, today)
    idn = identity.id_number(rng, division, birth, gender)
    card = identity.bank_card(rng)
    borrower_id = _uuid(rng)
    address = (
        f"{city.province if city.province != city.city else ''}{city.city}{district}"
        f"{rng.choice(catalog.STREETS)}{rng.randint(1, 999)}号"
        f"{rng.choice(catalog.COMPOUNDS)}{rng.randint(1, 30)}栋{rng.randint(1, 32)}0{rng.randint(1, 4)}室"
    )
    profile = behaviour.pick_profile(rng)
    risk = (
        "high"
        if profile in ("m3plus", "written_off", "m3")
        else rng.choice(
            ("low", "medium", "medium", "high")
            if profile != "current"
            else ("low", "low", "medium")
        )
    )
    name = identity.person_name(rng, gender)
    chunk.borrowers.append(
        {
            "id": borrower_id,
            "external_ref": f"C{seed:03d}{i:08d}",
            "name": name,
            "id_number": idn,
            "id_number_masked": mask_id_number(idn),
            "gender": gender,
            "birth_date": birth,
            "address": address,
            "employer": identity.employer(rng, city.city, catalog.EMPLOYER_SUFFIXES),
            "timezone": "Asia/Shanghai",
            "bank_card": card,
            "bank_card_masked": mask_card(card),
            "risk_segment": risk,
            "created_at": created,
            "updated_at": created,
        }
    )
    first_phone = len(chunk.phones)  # the borrower's own number comes first
    _phones(chunk, rng, borrower_id, gender, created)

    model = rng.choices(catalog.VEHICLES, weights=[v.weight for v in catalog.VEHICLES], k=1)[0]
    price = rng.randint(model.price_min, model.price_max) // 100 * 100
    down = Decimal(rng.choice((20, 25, 30, 35, 40))) / 100
    principal_fen = int(price * (1 - down)) // 100 * 100 * 100
    months = rng.choice(TERMS)
    rate = rng.choice(RATES)
    bad = profile in behaviour.BAD_PROFILES
    if bad and rng.random() < 0.5:  # risk-based pricing: riskier borrowers pay more
        rate = rng.choice(RATES[len(RATES) // 2 :])
    method = (
        RepaymentMethod.EQUAL_INSTALLMENT
        if rng.random() < 0.75
        else RepaymentMethod.EQUAL_PRINCIPAL
    )
    elapsed = rng.randint(2, months - 1)  # installments already due or about due
    if bad and rng.random() < 0.5:  # defaults come early in a loan's life more often
        elapsed = rng.randint(2, min(months - 1, 18))
    disbursed = today - timedelta(days=elapsed * 30 + rng.randint(0, 29))
    day = min(disbursed.day, 28) if rng.random() < 0.5 else disbursed.day
    first_due = add_months(disbursed, 1, day)
    schedule = build_schedule(
        principal=Money(principal_fen),
        annual_rate=rate,
        months=months,
        method=method,
        first_due=first_due,
        day_of_month=day,
    )
    states, events = behaviour.simulate(
        rng, schedule.lines, annual_rate=rate, profile=profile, today=today
    )
    loan_id = _uuid(rng)
    first_installment = len(chunk.installments)
    paid_principal = 0
    for line, st in zip(schedule.lines, states, strict=True):
        paid_principal += st.paid_principal
        chunk.installments.append(
            {
                "loan_id": loan_id,
                "n": line.n,
                "due_date": line.due_date,
                "payment": line.payment.fen,
                "principal": line.principal.fen,
                "interest": line.interest.fen,
                "fees": 0,
                "penalty": st.penalty_accrued,
                "penalty_accrued": st.penalty_accrued,
                "accrued_through": st.accrued_through,
                "paid_principal": st.paid_principal,
                "paid_interest": st.paid_interest,
                "paid_penalty": st.paid_penalty,
                "paid_fees": 0,
                "waived_penalty": 0,
                "waived_fees": 0,
                "waived_interest": 0,
                "paid_on": st.paid_on if st.paid_principal == line.principal.fen else None,
            }
        )
    used_share = 0.5 if bad else 0.28  # used-car loans default more often
    product = (
        "新能源车贷"
        if model.new_energy
        else ("二手车贷" if rng.random() < used_share else "新车贷")
    )
    chunk.loans.append(
        {
            "id": loan_id,
            "borrower_id": borrower_id,
            "contract_no": f"AL{disbursed:%Y%m}{seed % 100:02d}{i:07d}",
            "product": product,
            "method": method.value,
            "principal": principal_fen,
            "annual_rate": rate,
            "term_months": months,
            "disbursed_on": disbursed,
            "first_due_date": first_due,
            "day_of_month": day,
            "extensions_months": 0,
            "outstanding_principal": principal_fen - paid_principal,
            "dpd": 0,
            "bucket": "M0",
            "written_off": profile == "written_off",
            "closed_on": None,
            "created_at": created,
            "updated_at": created,
        }
    )
    year = min(disbursed.year, today.year) - (1 if product == "二手车贷" else 0) * rng.randint(1, 8)
    vin = identity.vin(rng, model.brand, year)
    chunk.vehicles.append(
        {
            "id": _uuid(rng),
            "loan_id": loan_id,
            "brand": model.brand,
            "model": model.model,
            "plate": identity.plate(rng, city.plate_prefix, new_energy=model.new_energy),
            "vin": vin,
            "vin_masked": mask_vin(vin),
            "year": year,
        }
    )
    if history is not None:
        own = chunk.phones[first_phone]
        facts = LoanFacts(
            loan_id,
            borrower_id,
            name,
            chunk.loans[-1]["contract_no"],
            chunk.vehicles[-1]["plate"],
            own["id"],
            own["number_masked"],
        )
        past = episode_history(
            random.Random(f"history:{seed}:{i}"),
            facts,
            chunk.installments[first_installment:],
            history,
            today=today,
            payments=[_Paid(ev.paid_on, Money(ev.amount)) for ev in events],
            defaults_later=bad,
        )
        chunk.cases.extend(past.cases)
        chunk.contact_attempts.extend(past.contact_attempts)
        chunk.promises.extend(past.promises)
    for k, ev in enumerate(events):
        chunk.payments.append(
            {
                "id": _uuid(rng),
                "loan_id": loan_id,
                "external_ref": f"P{seed:03d}{i:08d}{k:03d}",
                "paid_on": ev.paid_on,
                "amount": ev.amount,
                "channel": rng.choice(
                    ("bank_transfer", "auto_debit", "auto_debit", "alipay", "wechat_pay")
                ),
                "reference": None,
                "allocated": True,
                "unapplied": 0,
                "note": None,
                "created_at": created,
            }
        )


def _phones(
    chunk: BookChunk, rng: random.Random, borrower_id: str, gender: str, created: datetime
) -> None:
    """The borrower's own number(s), a related party and one or two emergency contacts."""
    order = 0
    for _ in range(1 if rng.random() < 0.8 else 2):
        number = identity.mobile_number(rng)
        chunk.phones.append(_phone(rng, borrower_id, None, "borrower", None, None, number, order))
        order += 1
    parties: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        parties.append(("related", rng.choice(catalog.RELATED_RELATIONS)))
    for _ in range(rng.randint(1, 2)):
        parties.append(("emergency", rng.choice(catalog.EMERGENCY_RELATIONS)))
    for kind, relation in parties:
        party_gender = ("F" if gender == "M" else "M") if relation == "spouse" else rng.choice("MF")
        party_name = identity.person_name(rng, party_gender)
        party_id = _uuid(rng)
        chunk.related_parties.append(
            {
                "id": party_id,
                "borrower_id": borrower_id,
                "kind": kind,
                "name": party_name,
                "relation": relation,
                "created_at": created,
            }
        )
        number = identity.mobile_number(rng)
        chunk.phones.append(
            _phone(rng, borrower_id, party_id, kind, relation, party_name, number, order)
        )
        order += 1


def _phone(
    rng: random.Random,
    borrower_id: str,
    party_id: str | None,
    owner: str,
    relation: str | None,
    name: str | None,
    number: str,
    order: int,
) -> Row:
    return {
        "id": _uuid(rng),
        "borrower_id": borrower_id,
        "related_party_id": party_id,
        "owner": owner,
        "relation": relation,
        "name": name,
        "number": number,
        "number_masked": mask_phone(number),
        "timezone": "Asia/Shanghai",
        "valid": rng.random() > 0.03,
        "sort_order": order,
    }

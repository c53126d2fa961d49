"""The demo generator (pure): deterministic, well-formed identities, plates, schedules."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from app.server.demo import catalog, identity
from app.server.demo.generator import generate_book

TODAY = date(2026, 11, 29)


def _book(n: int, seed: int = 42, chunk: int = 2000) -> list:  # type: ignore[type-arg]
    return list(generate_book(loans=n, seed=seed, today=TODAY, chunk_size=chunk))


def test_deterministic_and_prefix_stable() -> None:
    a = _book(300, chunk=50)
    b = _book(300, chunk=300)
    flat = lambda chunks, t: [r for c in chunks for r in getattr(c, t)]  # noqa: E731
    for table in ("borrowers", "loans", "installments", "payments", "phones", "vehicles"):
        assert flat(a, table) == flat(b, table)
    small = _book(50)
    assert flat(small, "loans") == flat(a, "loans")[:50]
    other = _book(50, seed=7)
    assert flat(other, "borrowers")[0]["name"] != flat(small, "borrowers")[0]["name"] or (
        flat(other, "loans")[0]["principal"] != flat(small, "loans")[0]["principal"]
    )


def test_identities_are_well_formed() -> None:
    chunk = _book(500)[0]
    prefixes = {c.plate_prefix for c in catalog.CITIES}
    for b in chunk.borrowers:
        assert identity.valid_id_number(b["id_number"]), b["id_number"]
        assert b["id_number_masked"] == b["id_number"][:6] + "*" * 8 + b["id_number"][-4:]
        assert int(b["id_number"][16]) % 2 == (1 if b["gender"] == "M" else 0)
        assert b["id_number"][6:14] == b["birth_date"].strftime("%Y%m%d")
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", b["name"]), b["name"]
    for p in chunk.phones:
        assert re.fullmatch(r"1[3-9]\d{9}", p["number"])
        assert p["number_masked"] == p["number"][:3] + "****" + p["number"][-4:]
    for v in chunk.vehicles:
        prefix, tail = v["plate"].split("·")
        assert prefix in prefixes
        assert re.fullmatch(r"[A-HJ-NP-Z0-9]{5}|[DF]\d{5}", tail), v["plate"]
        assert identity.vin_check_digit(v["vin"]) == v["vin"][8]
    owners = Counter(p["owner"] for p in chunk.phones)
    assert owners["borrower"] >= 500 and owners["emergency"] >= 500


def test_loans_are_realistic_and_schedules_reconcile() -> None:
    chunk = _book(600)[0]
    by_loan: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for i in chunk.installments:
        by_loan.setdefault(i["loan_id"], []).append(i)
    methods = Counter(loan["method"] for loan in chunk.loans)
    assert methods["equal_installment"] > 0 and methods["equal_principal"] > 0
    for loan in chunk.loans:
        assert 36 <= loan["term_months"] <= 60
        assert 0.03 < float(loan["annual_rate"]) < 0.18
        lines = by_loan[loan["id"]]
        assert len(lines) == loan["term_months"]
        assert sum(i["principal"] for i in lines) == loan["principal"]
        paid = sum(i["paid_principal"] for i in lines)
        assert loan["outstanding_principal"] == loan["principal"] - paid
        for i in lines:
            assert 0 <= i["paid_principal"] <= i["principal"]
            assert 0 <= i["paid_interest"] <= i["interest"]
            assert i["paid_penalty"] <= i["penalty_accrued"]


def test_delinquency_mix() -> None:
    chunk = _book(2000)[0]
    unpaid_due: Counter[str] = Counter()
    for i in chunk.installments:
        if i["due_date"] < TODAY and i["paid_principal"] < i["principal"]:
            unpaid_due[i["loan_id"]] += 1
    delinquent = len(unpaid_due)
    assert 0.05 * 2000 < delinquent < 0.25 * 2000  # most borrowers are current
    assert any(n >= 4 for n in unpaid_due.values())  # some rolled to M3+
    assert sum(1 for loan in chunk.loans if loan["written_off"]) > 0
    late_paid = [i for i in chunk.installments if i["paid_penalty"] > 0]
    assert late_paid  # some paid late and cured, with the penalty they owed

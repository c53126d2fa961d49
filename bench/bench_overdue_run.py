"""The daily overdue run over the 200,000-loan demo book on PostgreSQL, vs a per-loan ORM loop.

    uv run python bench/bench_overdue_run.py [--loans 200000] [--sample 5000]

1. builds the demo book once into `collection_desk_bench` (bench/make_demo_book.py; reused);
2. clones it (CREATE DATABASE ... TEMPLATE) so the shared book stays untouched;
3. adds a day of payments (3,000 on delinquent loans) dated the next business day;
4. times a per-loan ORM loop (load loan + installments + payments + case with the ORM,
   domain functions in Python, write back, one change row per case) on a random sample of
   `--sample` loans, flushed then rolled back, and extrapolates linearly to the whole book;
5. times the set-based `run_overdue` over the whole book for the next business day, then
   again for the same day (idempotent: nothing to change);
6. prints the figures and drops the clone. Target: set-based run < 30 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_demo_book import BENCH_DB, BENCH_TODAY, _admin, db_url, ensure_book  # noqa: E402

CLONE = "collection_desk_bench_overdue"


def clone_book() -> str:
    from sqlalchemy import text

    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
        t0 = time.perf_counter()
        conn.execute(text(f'CREATE DATABASE "{CLONE}" TEMPLATE "{BENCH_DB}"'))
        print(f"cloned {BENCH_DB} -> {CLONE} in {time.perf_counter() - t0:.1f}s")
    eng.dispose()
    return db_url(CLONE)


def drop_clone() -> None:
    from sqlalchemy import text

    eng = _admin()
    with eng.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{CLONE}" WITH (FORCE)'))
    eng.dispose()


def add_days_payments(engine, day, n: int = 3000) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    with engine.begin() as conn:
        return int(
            conn.execute(
                text(
                    "INSERT INTO payments (id, loan_id, external_ref, paid_on, amount, channel,"
                    " allocated, unapplied, created_at)"
                    " SELECT gen_random_uuid()::text, c.loan_id, 'BENCH-' || c.id, :d,"
                    " (SELECT MIN(i.payment) FROM installments i WHERE i.loan_id = c.loan_id),"
                    " 'bank_transfer', FALSE, 0, now()"
                    " FROM cases c WHERE c.status = 'open' ORDER BY c.id LIMIT :n"
                ),
                {"d": day, "n": n},
            ).rowcount
        )


def orm_loop(session, loan_ids: list[str], day) -> None:  # type: ignore[no-untyped-def]
    """The naive way: one loan at a time through the ORM and the pure domain functions."""
    from sqlalchemy import select

    from app.domain.allocation import Payment as DomainPayment
    from app.domain.allocation import apply_payments
    from app.domain.delinquency import InstallmentState, evaluate_delinquency
    from app.domain.money import Money
    from app.domain.priority import WorkItem, case_priority
    from app.domain.promises import evaluate_promise
    from app.server.changes import record_change
    from app.server.models import Case, Loan, Promise

    now = datetime.now(UTC)
    for loan_id in loan_ids:
        loan = session.get(Loan, loan_id)
        insts = loan.installments
        states = [
            InstallmentState(
                i.n,
                i.due_date,
                Money(i.principal),
                Money(i.interest),
                Money(i.fees),
                Money(i.paid_principal),
                Money(i.paid_interest),
                Money(i.paid_penalty),
                Money(i.paid_fees),
                Money(i.penalty_accrued),
                i.accrued_through,
            )
            for i in insts
        ]
        new = [p for p in loan.payments if not p.allocated and p.paid_on <= day]
        if new:
            run = apply_payments(
                states,
                [DomainPayment(p.paid_on, Money(p.amount)) for p in new],
                annual_rate=loan.annual_rate,
            )
            states = list(run.installments)
            for p in new:
                p.allocated = True
            for i, st in zip(insts, states, strict=True):
                i.paid_principal, i.paid_interest = st.paid_principal.fen, st.paid_interest.fen
                i.paid_penalty, i.penalty_accrued = st.paid_penalty.fen, st.penalty_accrued.fen
                i.accrued_through = st.accrued_through
        res = evaluate_delinquency(states, annual_rate=loan.annual_rate, today=day)
        by_n = {line.n: line for line in res.lines}
        for i in insts:
            if i.n in by_n:
                i.penalty = by_n[i.n].penalty.fen + i.paid_penalty
        loan.dpd, loan.bucket = res.dpd, res.bucket
        case = session.scalars(
            select(Case).where(Case.loan_id == loan_id, Case.status != "closed")
        ).first()
        if case is None and res.dpd > 0:
            phone = next((ph for ph in loan.borrower.phones if ph.owner == "borrower"), None)
            case = Case(
                loan_id=loan_id,
                borrower_id=loan.borrower_id,
                opened_on=day,
                flags=[],
                borrower_name=loan.borrower.name,
                contract_no=loan.contract_no,
                plate=loan.vehicle.plate if loan.vehicle else None,
                phone_masked=phone.number_masked if phone else None,
            )
            session.add(case)
        if case is None:
            continue
        case.dpd, case.bucket = res.dpd, res.bucket
        case.overdue_principal = res.totals.principal.fen
        case.overdue_interest = res.totals.interest.fen
        case.overdue_penalty = res.totals.penalty.fen
        case.overdue_total = res.totals.total.fen
        if res.dpd == 0 and not loan.written_off:
            case.status, case.closed_on = "closed", day
        pays = [DomainPayment(p.paid_on, Money(p.amount)) for p in loan.payments]
        for pr in session.scalars(
            select(Promise).where(Promise.case_id == case.id, Promise.status == "pending")
        ):
            pr.status = evaluate_promise(
                Money(pr.amount), pr.created_at, pr.promised_on, pays, today=day
            )
        case.priority = case_priority(
            WorkItem(
                case.id or "", Money(case.overdue_total), case.bucket, loan.borrower.risk_segment
            ),
            now=now,
            today=day,
        )
        session.flush()
        record_change(session, entity="case", entity_id=case.id, case_id=case.id)
    session.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loans", type=int, default=200_000)
    parser.add_argument("--sample", type=int, default=5000)
    args = parser.parse_args()

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from app.server.db import make_engine
    from app.server.jobs.overdue_run import run_overdue
    from app.server.models import Loan

    t0 = time.perf_counter()
    ensure_book(args.loans)
    print(f"demo book ready ({args.loans:,} loans) in {time.perf_counter() - t0:.0f}s")
    url = clone_book()
    engine = make_engine(url)
    day = BENCH_TODAY + timedelta(days=1)
    try:
        added = add_days_payments(engine, day)
        with Session(engine) as s:
            total = s.scalar(select(func.count()).select_from(Loan)) or 0
            ids = sorted(s.scalars(select(Loan.id)).all())
        sample = random.Random(7).sample(ids, min(args.sample, len(ids)))
        print(f"business day {day}: {added:,} new payments to allocate, {total:,} loans")

        with Session(engine) as s:
            t0 = time.perf_counter()
            orm_loop(s, sample, day)
            orm_s = time.perf_counter() - t0
            s.rollback()
        per_loan = orm_s / len(sample)
        print(
            f"ORM loop: {len(sample):,} loans in {orm_s:.1f}s ({per_loan * 1000:.2f} ms/loan)"
            f" -> extrapolated to {total:,} loans: {per_loan * total:.0f}s"
            " (linear extrapolation from the sample; flushed, not committed)"
        )

        t0 = time.perf_counter()
        report = run_overdue(engine, business_date=day)
        set_s = time.perf_counter() - t0
        print(f"set-based run_overdue over {total:,} loans: {set_s:.1f}s  (target < 30 s)")
        print("  steps: " + ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items()))
        print("  counts: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
        t0 = time.perf_counter()
        again = run_overdue(engine, business_date=day)
        print(
            f"same day again (idempotent): {time.perf_counter() - t0:.1f}s, "
            f"cases touched {again.counts.get('cases_touched')}"
        )
        print(f"speed-up vs the ORM loop: {per_loan * total / set_s:.0f}x")
    finally:
        engine.dispose()
        drop_clone()
    return 0


if __name__ == "__main__":
    sys.exit(main())

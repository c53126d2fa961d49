"""Benchmark: contact-policy answers for 100,000 cases with 30 days of contact history each.

Target: under 5 s for all answers (one core). Histories are generated deterministically
(seeded) in chunks so memory stays small; only the evaluation is timed.

Run: ``uv run python bench/bench_contact_policy.py [--cases N] [--seed S]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.contact_policy import (
    ContactEvent,
    PolicyProfile,
    evaluate_contact,
    load_profile,
)

TARGET_S = 5.0
CHUNK = 10_000
HISTORY_DAYS = 30
CN_ZONES = ["Asia/Shanghai"] * 8 + ["Asia/Urumqi", "Asia/Hong_Kong"]
US_ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
BASE = datetime(2026, 11, 2, tzinfo=UTC)


def make_case(
    rng: random.Random, cn: PolicyProfile, us: PolicyProfile
) -> tuple[object, dict[str, object]]:
    """One case: profile, borrower zone, 30 days of call history before ``now``, and ``now``."""
    is_us = rng.random() < 0.2
    now = BASE + timedelta(seconds=rng.randrange(0, 3 * 24 * 3600))
    numbers = ["m1", "m2", "home"]
    history: list[ContactEvent] = []
    for day in range(HISTORY_DAYS, -1, -1):
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
            at = now - timedelta(days=day, seconds=rng.randrange(0, 14 * 3600))
            if at >= now:
                continue
            connected = rng.random() < 0.35
            history.append(
                ContactEvent(at, rng.choice(numbers), connected, connected and rng.random() < 0.5)
            )
    flags = {"dispute"} if rng.random() < 0.03 else set()
    owner = "emergency" if rng.random() < 0.05 else "borrower"
    return (us if is_us else cn), {
        "now": now,
        "borrower_tz": rng.choice(US_ZONES if is_us else CN_ZONES),
        "number_owner": owner,
        "flags": flags,
        "debtor_unreachable": rng.random() < 0.5,
        "history": history,
        "number_id": "m1",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261102)
    args = parser.parse_args()

    cn, us = load_profile("cn"), load_profile("us")
    rng = random.Random(args.seed)
    outcomes: Counter[str] = Counter()
    events = 0
    elapsed = 0.0
    cpu = 0.0
    worst_chunk = 0.0
    done = 0
    while done < args.cases:
        n = min(CHUNK, args.cases - done)
        batch = [make_case(rng, cn, us) for _ in range(n)]
        events += sum(len(kw["history"]) for _, kw in batch)  # type: ignore[arg-type]
        c0, t0 = time.process_time(), time.perf_counter()
        answers = [evaluate_contact(p, **kw) for p, kw in batch]  # type: ignore[arg-type]
        dt = time.perf_counter() - t0
        cpu += time.process_time() - c0
        elapsed += dt
        worst_chunk = max(worst_chunk, dt / n)
        for a in answers:
            outcomes["allowed" if a.allowed else a.reasons[0].code] += 1
        done += n

    print(
        f"contact-policy answers: {done:,} cases, {events:,} history events "
        f"({events / done:.1f} per case, {HISTORY_DAYS} days)"
    )
    print(
        f"evaluation time: {elapsed:.2f} s total, {elapsed / done * 1e6:.1f} us per case, "
        f"{done / elapsed:,.0f} cases/s; slowest chunk {worst_chunk * 1e6:.1f} us per case"
    )
    print(f"process CPU time: {cpu:.2f} s (wall time above includes waiting for a busy CPU)")
    print(f"target: under {TARGET_S:.0f} s -> {'PASS' if elapsed < TARGET_S else 'FAIL'} (wall)")
    print("outcomes (first reason): " + ", ".join(f"{k}={v}" for k, v in outcomes.most_common()))


if __name__ == "__main__":
    main()

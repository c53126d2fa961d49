"""The daily chain in one command (`main.py daily --date D`): the overdue run, risk scores,
the reminder batch, the retention jobs and closing the dials left without an outcome
(app.server.services.dial_attempts), in that order, at most one chain at a time.

Contract: one chain at a time. On PostgreSQL the chain holds a session-level advisory lock
(`pg_try_advisory_lock`) on a connection of its own for its whole run, so two schedulers
(two machines, two cron entries) never run it twice; the second one answers `ChainBusy` at
once. On SQLite (one machine by nature) an exclusive `flock` on a file beside the database
does the same. A crashed chain releases either lock with its process.

Contract: where it stopped. Each step runs to its end or raises; the first failure stops
the chain and the report names the step, its error and the command that resumes from it
(`daily --date D --from STEP`). Every step is idempotent for a date, so a rerun is safe.
A finished chain writes one `job.daily` audit row (steps, seconds; no personal data), which
is also the chain's "last success" for operations.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.server.settings import Settings

STEPS = ("overdue-run", "risk-score", "reminders", "retention", "close-dials")
CHAIN_LOCK_KEY = 7_426_002  # pg advisory lock key of the daily chain (overdue run: ...001)


class ChainBusy(RuntimeError):
    """Another daily chain holds the lock."""


@dataclass(frozen=True, slots=True)
class StepResult:
    """One step's outcome: `status` is "done", "skipped" (with why) or "failed"."""

    name: str
    status: str
    seconds: float
    summary: str


@dataclass(slots=True)
class DailyReport:
    """What the chain did for `business_date`, step by step."""

    business_date: date
    steps: list[StepResult] = field(default_factory=list)

    @property
    def failed(self) -> StepResult | None:
        return next((s for s in self.steps if s.status == "failed"), None)

    def resume_command(self) -> str | None:
        """The command that resumes a stopped chain, or None when it finished."""
        failed = self.failed
        if failed is None:
            return None
        return f"main.py daily --date {self.business_date.isoformat()} --from {failed.name}"


@contextlib.contextmanager
def chain_lock(engine: Engine) -> Iterator[None]:
    """Hold the daily chain's lock for the block, or raise `ChainBusy` at once."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": CHAIN_LOCK_KEY})
            if not got.scalar():
                raise ChainBusy("another daily chain is running (PostgreSQL advisory lock)")
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": CHAIN_LOCK_KEY})
                conn.commit()
        return
    database = engine.url.database
    lock_path = Path(f"{database}.daily.lock") if database else None
    if lock_path is None or database in (":memory:", ""):
        yield  # an in-memory database lives in this process only
        return
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ChainBusy(f"another daily chain is running (lock file {lock_path})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_daily(
    engine: Engine,
    *,
    business_date: date,
    settings: Settings,
    out_dir: Path,
    start_at: str = STEPS[0],
    now: Callable[[], Any] | None = None,
) -> DailyReport:
    """Run the chain for `business_date` from step `start_at`; stops at the first failure
    (see module docstring). Raises `ChainBusy` when another chain runs."""
    if start_at not in STEPS:
        raise ValueError(f"unknown step {start_at!r} (steps: {', '.join(STEPS)})")
    report = DailyReport(business_date)
    steps: dict[str, Callable[[], tuple[str, str]]] = {
        "overdue-run": lambda: _overdue(engine, business_date, settings),
        "risk-score": lambda: _risk(engine, business_date, settings),
        "reminders": lambda: _reminders(engine, business_date, settings, out_dir),
        "retention": lambda: _retention(engine, settings, now),
        "close-dials": lambda: _close_dials(engine, settings, now),
    }
    with chain_lock(engine):
        for name in STEPS[STEPS.index(start_at) :]:
            began = time.perf_counter()
            try:
                status, summary = steps[name]()
            except Exception as exc:  # the chain reports where it stopped, then stops
                report.steps.append(
                    StepResult(name, "failed", time.perf_counter() - began, _error(exc))
                )
                break
            report.steps.append(StepResult(name, status, time.perf_counter() - began, summary))
        if report.failed is None:
            _audit_success(engine, report)
    return report


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _overdue(engine: Engine, day: date, settings: Settings) -> tuple[str, str]:
    from app.server.jobs.overdue_run import run_overdue

    r = run_overdue(
        engine,
        business_date=day,
        policy=settings.penalty_policy(),
        lender_timezone=settings.lender_timezone,
    )
    return "done", ", ".join(f"{k}={v}" for k, v in r.counts.items())


def _risk(engine: Engine, day: date, settings: Settings) -> tuple[str, str]:
    from app.server.risk.model_store import NoRiskModel
    from app.server.risk.scoring import score_book

    try:
        r = score_book(engine, business_date=day, settings=settings)
    except NoRiskModel:
        return "skipped", "no risk model yet (run `main.py risk fit` once the book has history)"
    return "done", f"model v{r.model_version}: " + ", ".join(
        f"{k}={v}" for k, v in r.segments.items()
    )


def _reminders(engine: Engine, day: date, settings: Settings, out_dir: Path) -> tuple[str, str]:
    from app.server.risk.reminders import write_reminder_batch

    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"reminders-{day.isoformat()}.csv"
    summary = write_reminder_batch(engine, business_date=day, out=out, settings=settings)
    return "done", summary.line()


def _retention(
    engine: Engine, settings: Settings, now: Callable[[], Any] | None
) -> tuple[str, str]:
    from app.server.auth import prune_auth
    from app.server.changes import prune_change_log
    from app.server.models import utcnow

    at = now() if now is not None else utcnow()
    with Session(engine) as session:
        horizon = prune_change_log(
            session, before=at - timedelta(days=settings.change_log_retention_days)
        )
    with Session(engine) as session:
        tokens, throttle = prune_auth(session, settings, now=at)
    return "done", (
        f"change log pruned through seq {horizon}; {tokens} expired tokens and "
        f"{throttle} login-throttle rows deleted"
    )


def _close_dials(
    engine: Engine, settings: Settings, now: Callable[[], Any] | None
) -> tuple[str, str]:
    closed, minutes = close_dials(engine, settings, now)
    return "done", f"{closed} dials without an outcome after {minutes} min closed"


def close_dials(
    engine: Engine, settings: Settings, now: Callable[[], Any] | None = None
) -> tuple[int, int]:
    """Close the dials still without an outcome `dial_outcome_timeout_minutes` after they
    were dialled (`main.py close-dials`; also run by cron between chains); (closed, minutes)."""
    from app.server.models import utcnow
    from app.server.services.dial_attempts import close_expired

    at = now() if now is not None else utcnow()
    minutes = settings.dial_outcome_timeout_minutes
    with Session(engine) as session:
        closed = close_expired(session, now=at, timeout=timedelta(minutes=minutes))
    return closed, minutes


def _audit_success(engine: Engine, report: DailyReport) -> None:
    from app.server.audit import audit

    with Session(engine) as session:
        audit(
            session,
            actor=None,
            action="job.daily",
            entity="job",
            entity_id=report.business_date.isoformat(),
            details={
                "steps": {s.name: s.status for s in report.steps},
                "seconds": {s.name: round(s.seconds, 3) for s in report.steps},
            },
        )
        session.commit()

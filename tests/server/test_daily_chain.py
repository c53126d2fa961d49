"""The daily chain (`main.py daily`, #18 point 9): every step in order, one chain at a time
(advisory lock on PostgreSQL, a file lock on SQLite), where it stopped and how to resume,
and a second chain for the same date changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.server.jobs.daily import STEPS, ChainBusy, chain_lock, run_daily
from app.server.models import AuditLog
from app.server.settings import Settings
from tests.server.test_overdue_run_support import FAST, TODAY, seed_small, snapshot

pytestmark = pytest.mark.pg


def _settings(db_url: str) -> Settings:
    return FAST.model_copy(update={"database_url": db_url})


def _daily_audits(engine: Engine) -> list[AuditLog]:
    with Session(engine) as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == "job.daily")))


def test_the_chain_runs_every_step_and_twice_changes_nothing(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed_small(engine, 120)
    first = run_daily(engine, business_date=TODAY, settings=_settings(db_url), out_dir=tmp_path)
    assert [s.name for s in first.steps] == list(STEPS)
    assert first.failed is None and first.resume_command() is None
    assert all(s.status in ("done", "skipped") for s in first.steps)
    assert (tmp_path / f"reminders-{TODAY.isoformat()}.csv").exists()
    before = snapshot(engine)
    second = run_daily(engine, business_date=TODAY, settings=_settings(db_url), out_dir=tmp_path)
    assert second.failed is None
    assert snapshot(engine) == before
    audits = _daily_audits(engine)
    assert len(audits) == 2 and audits[0].entity_id == TODAY.isoformat()
    assert set(audits[0].details["steps"]) == set(STEPS)


def test_a_failed_step_stops_the_chain_and_says_how_to_resume(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    seed_small(engine, 60)
    not_a_dir = tmp_path / "taken"
    not_a_dir.write_text("a file where the batch's folder should be")
    report = run_daily(engine, business_date=TODAY, settings=_settings(db_url), out_dir=not_a_dir)
    assert [s.name for s in report.steps] == ["overdue-run", "risk-score", "reminders"]
    assert report.failed is not None and report.failed.name == "reminders"
    assert report.resume_command() == f"main.py daily --date {TODAY.isoformat()} --from reminders"
    assert _daily_audits(engine) == []  # no "last success" for a stopped chain
    resumed = run_daily(
        engine,
        business_date=TODAY,
        settings=_settings(db_url),
        out_dir=tmp_path / "batches",
        start_at="reminders",
    )
    assert [s.name for s in resumed.steps] == ["reminders", "retention", "close-dials"]
    assert resumed.failed is None and len(_daily_audits(engine)) == 1


def test_two_schedulers_never_run_the_chain_twice(
    engine: Engine, db_url: str, tmp_path: Path
) -> None:
    holding, release = threading.Event(), threading.Event()

    def first_scheduler() -> None:
        with chain_lock(engine):
            holding.set()
            release.wait(10)

    t = threading.Thread(target=first_scheduler)
    t.start()
    try:
        assert holding.wait(10)
        with pytest.raises(ChainBusy):
            run_daily(engine, business_date=TODAY, settings=_settings(db_url), out_dir=tmp_path)
    finally:
        release.set()
        t.join(10)
    # once the first one is done, the next chain runs
    report = run_daily(engine, business_date=TODAY, settings=_settings(db_url), out_dir=tmp_path)
    assert report.failed is None


def test_the_daily_command(engine: Engine, db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from main import main

    seed_small(engine, 40)
    args = ["daily", "--date", TODAY.isoformat(), "--out-dir", str(tmp_path)]
    assert main([*args, "--database-url", db_url]) == 0
    out = capsys.readouterr().out
    assert all(step in out for step in STEPS) and f"daily chain for {TODAY}: done" in out
    assert main([*args, "--from", "nowhere", "--database-url", db_url]) == 2

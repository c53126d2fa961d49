"""`reminders --date D`: the SMS/IVR batch of low-risk overdue cases honours the contact
policy (flags, window, daily limits) and the masking rules, is a private file, audited,
and the same when run twice."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

import main
from app.server.jobs.overdue_run import run_overdue
from app.server.models import AuditLog, Borrower, Case, Phone, ReminderSend, User
from app.server.risk.reminders import ReminderError, write_reminder_batch
from app.server.settings import Settings
from tests.server.conftest import SeededCase, business_today
from tests.server.risk_helpers import add_calls

CLEAR = "13812345678"  # every seeded borrower's own number
EMERGENCY = "13987654321"  # every seeded borrower's emergency contact


@pytest.fixture
def book(
    make_user: Callable[..., User],
    make_case: Callable[..., SeededCase],
    session_factory: sessionmaker[Session],
    engine: Engine,
) -> dict[str, SeededCase]:
    agent = make_user("agent", "team-early")
    cases = {name: make_case(agent, dpd=dpd) for name, dpd in (
        ("plain", 5), ("dnc", 5), ("dispute", 5), ("invalid", 5), ("busy_day", 5),
        ("high", 5), ("later", 15), ("m2", 45))}  # fmt: skip
    today = business_today()
    run_overdue(engine, business_date=today)
    with session_factory() as s:
        s.execute(update(Borrower).values(risk_segment="low"))  # no model: the static segment
        s.execute(update(Borrower).where(Borrower.id == cases["high"].borrower_id)
                  .values(risk_segment="high"))  # fmt: skip
        s.execute(update(Case).where(Case.id == cases["dnc"].case_id).values(flags=["do_not_call"]))
        s.execute(update(Case).where(Case.id == cases["dispute"].case_id).values(flags=["dispute"]))
        s.execute(
            update(Phone).where(Phone.id == cases["invalid"].phone_ids[0]).values(valid=False)
        )
        s.commit()
        # three connected calls this morning: the daily limit (cn: 3) is reached
        add_calls(s, case_id=cases["busy_day"].case_id, agent_id=agent.id,
                  phone_id=cases["busy_day"].phone_ids[0], day=today,
                  dispositions=["right_party", "refused", "hung_up"], hour=8)  # fmt: skip
        buckets = dict(s.execute(select(Case.id, Case.bucket)).all())
    assert buckets[cases["later"].case_id] == "M1" and buckets[cases["m2"].case_id] == "M2"
    return cases


def _rows(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_batch_honours_flags_policy_and_masking(
    book: dict[str, SeededCase], engine: Engine, tmp_path: Path
) -> None:
    today = business_today()
    out = tmp_path / "batch.csv"
    summary = write_reminder_batch(engine, business_date=today, out=out, settings=Settings())
    header, *rows = _rows(out)
    by_case = {}
    for r in rows:
        by_case.setdefault(r[header.index("case_id")], []).append(r)
    # only the low-risk M1 cases the policy allows; the flagged ones never appear
    assert set(by_case) == {book["plain"].case_id, book["later"].case_id}
    plain = by_case[book["plain"].case_id]
    assert [(r[header.index("channel")], r[header.index("template_id")]) for r in plain] == [
        ("sms", "sms_overdue_early")]  # fmt: skip
    later = by_case[book["later"].case_id]
    assert [r[header.index("channel")] for r in later] == ["sms", "ivr"]
    assert later[0][header.index("send_from")].endswith("T10:00:00+08:00")
    assert later[1][header.index("send_until")].endswith("T16:00:00+08:00")
    # the gateway gets the borrower's clear number, never an emergency contact's
    text = out.read_text(encoding="utf-8")
    assert CLEAR in text and EMERGENCY not in text and "****" not in text
    assert {r[header.index("phone_id")] for r in rows} <= {
        book["plain"].phone_ids[0], book["later"].phone_ids[0]}  # fmt: skip
    # skipped and counted by reason
    assert summary.rows == 3 and summary.channels == {"sms": 2, "ivr": 1}
    assert summary.skipped["flag_do_not_call"] == 1 and summary.skipped["flag_dispute"] == 1
    assert summary.skipped["number_invalid"] == 1
    assert summary.skipped["daily_connected_limit"] == 1
    line = summary.line()
    assert "flag_do_not_call=1" in line and "3 rows" in line
    assert CLEAR[:7] not in line and CLEAR[-4:] not in line  # no number in what is printed
    # a private file: owner read/write only
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # audited with the file's hash, and no number in the audit row
    with Session(engine) as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "reminder_batch.export")).one()
        recorded = s.scalar(select(func.count()).select_from(ReminderSend))
    assert entry.details["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert entry.details["rows"] == 3 and entry.details["clear_numbers"] is True
    assert CLEAR not in str(entry.details) and recorded == 3


def test_batch_is_idempotent_for_a_date_and_can_be_masked(
    book: dict[str, SeededCase], engine: Engine, db_url: str, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    today = business_today().isoformat()
    first, second, masked = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "m.csv"
    base = ["reminders", "--date", today, "--database-url", db_url]
    assert main.main([*base, "--out", str(first)]) == 0
    assert main.main([*base, "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    out = capsys.readouterr().out
    assert out.count("3 rows written") == 2 and CLEAR[-4:] not in out
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReminderSend)) == 3
    assert main.main([*base, "--out", str(masked), "--masked"]) == 0
    text = masked.read_text(encoding="utf-8")
    assert "138****5678" in text and CLEAR not in text
    assert stat.S_IMODE(masked.stat().st_mode) == 0o600


def test_batch_refuses_a_date_without_its_overdue_run_and_respects_the_window(
    book: dict[str, SeededCase], engine: Engine, tmp_path: Path
) -> None:
    tomorrow = business_today() + timedelta(days=1)
    out = tmp_path / "x.csv"
    with pytest.raises(ReminderError, match="overdue run"):
        write_reminder_batch(engine, business_date=tomorrow, out=out, settings=Settings())
    assert not out.exists()
    early = Settings(reminder_sms_window="06:30-09:00", reminder_ivr_window="21:00-23:00")
    summary = write_reminder_batch(engine, business_date=business_today(), out=out, settings=early)
    # every planned row (flagged ones too: a row counts under each of its reasons)
    assert summary.rows == 0 and summary.skipped["outside_call_window"] == 6
    assert summary.skipped_rows == 7  # 6 blocked + the invalid number
    assert _rows(out) == [_rows(out)[0]]  # the header only
    with pytest.raises(ReminderError):
        write_reminder_batch(engine, business_date=business_today(), out=out,
                             settings=Settings(reminder_sms_window="noon"))  # fmt: skip

"""`main.py schedule` keeps the contract's due day (issue 14 point 1), like `import loans`."""

from __future__ import annotations

import json

import pytest

from tests.domain.test_schedule_cli import run

BASE = ["schedule", "--principal", "1200.00", "--annual-rate", "0.06", "--months", "6", "--json"]


def _dues(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line["due_date"] for line in json.loads(capsys.readouterr().out)["payment_lines"]]


def test_clamped_first_due_keeps_the_disbursement_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--first-due", "2027-02-28", "--disbursed", "2027-01-31"]) == 0
    assert _dues(capsys) == [
        "2027-02-28",
        "2027-03-31",
        "2027-04-30",
        "2027-05-31",
        "2027-06-30",
        "2027-07-31",
    ]


def test_explicit_day_of_month_and_leap_february(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--first-due", "2028-02-29", "--day-of-month", "30"]) == 0
    assert _dues(capsys)[:3] == ["2028-02-29", "2028-03-30", "2028-04-30"]
    assert run([*BASE, "--disbursed", "2028-01-30"]) == 0
    assert _dues(capsys)[:3] == ["2028-02-29", "2028-03-30", "2028-04-30"]


def test_first_due_alone_is_its_own_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--first-due", "2027-02-28"]) == 0
    assert _dues(capsys)[:2] == ["2027-02-28", "2027-03-28"]
    # a first due date not at a month end is its own day, whatever the disbursement day
    assert run([*BASE, "--first-due", "2027-03-15", "--disbursed", "2027-01-31"]) == 0
    assert _dues(capsys)[:2] == ["2027-03-15", "2027-04-15"]


def test_first_due_off_the_stated_day_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run([*BASE, "--first-due", "2027-02-27", "--day-of-month", "31"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --day-of-month: first due date 2027-02-27 is not on day 31")

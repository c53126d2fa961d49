"""`main.py schedule`: table, JSON and one-line errors."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import schedule_cmd

ROOT = Path(__file__).resolve().parents[2]
BASE = ["schedule", "--principal", "100000.00", "--annual-rate", "0.06", "--months", "36"]


def run(argv: list[str]) -> int:
    """Parse with a parser holding only our sub-command (others' modules stay out of it)."""
    parser = argparse.ArgumentParser(prog="main.py")
    schedule_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


def test_json_output_exact_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--first-due", "2026-01-15", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"payment_lines", "total_payment", "total_interest"}
    lines = doc["payment_lines"]
    assert len(lines) == 36
    assert lines[0] == {
        "n": 1,
        "due_date": "2026-01-15",
        "payment": "3042.19",
        "principal": "2542.19",
        "interest": "500.00",
        "balance": "97457.81",
    }
    assert lines[-1]["balance"] == "0.00" and lines[-1]["due_date"] == "2028-12-15"
    assert doc["total_interest"] == "9519.01"
    assert doc["total_payment"] == "109519.01"


def test_json_equal_principal(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*BASE, "--method", "equal_principal", "--first-due", "2026-01-31", "--json"]
    assert run(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["payment_lines"][0]["payment"] == "3277.78"
    assert doc["payment_lines"][1]["due_date"] == "2026-02-28"
    assert doc["payment_lines"][-1]["payment"] == "2791.67"
    assert doc["total_interest"] == "9250.00"


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--first-due", "2026-01-15"]) == 0
    out = capsys.readouterr().out
    assert "n  due date" in out and "balance" in out
    rows = [line.split() for line in out.splitlines()]
    assert ["1", "2026-01-15", "3,042.19", "2,542.19", "500.00", "97,457.81"] in rows
    assert ["36", "2028-12-15", "3,042.36", "3,027.22", "15.14", "0.00"] in rows
    assert out.rstrip().splitlines()[-1].split() == [
        "total",
        "109,519.01",
        "100,000.00",
        "9,519.01",
    ]


def test_default_first_due_is_next_month(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*BASE, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["payment_lines"]) == 36


def test_percent_rate(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--principal", "1000", "--annual-rate", "6%", "--months", "2"]
    assert run([*argv, "--first-due", "2026-01-15", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["payment_lines"][0]["interest"] == "5.00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--annual-rate", "0.37"], "error: --annual-rate: must be between 0 and 0.36"),
        (["--annual-rate", "abc"], "error: --annual-rate: not a number: 'abc'"),
        (["--principal", "0"], "error: --principal: must be greater than zero"),
        (["--principal", "-5"], "error: --principal: must be greater than zero"),
        (["--principal", "1.234"], "error: --principal: more than two decimal places: '1.234'"),
        (["--months", "0"], "error: --months: must be between 1 and 120"),
        (["--months", "121"], "error: --months: must be between 1 and 120"),
        (["--months", "ten"], "error: --months: must be a whole number, got 'ten'"),
        (["--first-due", "2026-02-30"], "error: --first-due: not a valid date"),
        (["--method", "balloon"], "error: --method: unknown method 'balloon'"),
        (["--day-of-month", "32", "--first-due", "2026-01-15"], "error: --day-of-month: must be"),
        (["--bogus"], "error: unrecognized arguments: --bogus"),
    ],
)
def test_errors_one_line_on_stderr(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        run([*BASE, *argv])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message)


def test_missing_required_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["schedule", "--annual-rate", "0.06", "--months", "3"])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: the following arguments are required: --principal"]


def test_through_main_py_subprocess() -> None:
    ok = subprocess.run(
        [sys.executable, "main.py", *BASE, "--first-due", "2026-01-15", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["payment_lines"][0]["payment"] == "3042.19"
    bad = subprocess.run(
        [sys.executable, "main.py", *BASE, "--annual-rate", "0.5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: --annual-rate: must be between 0 and 0.36"


EDGE = ["1e999999", "1e-999999", "１００", "١٠٠", "NaN", "Infinity", "-0", "9" * 400]


@pytest.mark.parametrize("flag", ["--principal", "--annual-rate", "--months", "--day-of-month"])
@pytest.mark.parametrize("value", EDGE)
def test_edge_numbers_give_one_line_and_status_2(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*BASE, "--first-due", "2026-01-15", "--json"]
    at = argv.index(flag) + 1 if flag in argv else None
    if at is None:
        argv += [flag, value]
    else:
        argv[at] = value
    with pytest.raises(SystemExit) as info:
        run(argv)
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {flag}: "), lines


def test_edge_number_through_main_py_has_no_traceback() -> None:
    bad = subprocess.run(
        [sys.executable, "main.py", *BASE[:2], "1e999999", *BASE[3:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "error: --principal: no exponent notation, write the plain number: '1e999999'"
    ]


@pytest.mark.parametrize(
    ("disbursed", "dues"),
    [
        ("2026-01-31", ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]),
        ("2026-01-30", ["2026-02-28", "2026-03-30", "2026-04-30", "2026-05-30"]),
        ("2027-12-29", ["2028-01-29", "2028-02-29", "2028-03-29", "2028-04-29"]),
        ("2026-03-15", ["2026-04-15", "2026-05-15", "2026-06-15", "2026-07-15"]),
    ],
)
def test_default_first_due_follows_the_disbursement_day(
    disbursed: str, dues: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --first-due the schedule is due monthly on the disbursement day (month end
    when the month is shorter), not on the 28th for ever after a February."""
    assert run([*BASE[:6], "4", "--disbursed", disbursed, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [line["due_date"] for line in doc["payment_lines"]] == dues


def test_default_first_due_uses_today_as_disbursement(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    monkeypatch.setattr(schedule_cmd, "_today", lambda: date(2026, 1, 31))
    assert run([*BASE[:6], "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [line["due_date"] for line in doc["payment_lines"]] == [
        "2026-02-28",
        "2026-03-31",
        "2026-04-30",
    ]


def test_default_first_due_on_a_given_day_of_month(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*BASE[:6], "2", "--disbursed", "2026-01-31", "--day-of-month", "15", "--json"]
    assert run(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [line["due_date"] for line in doc["payment_lines"]] == ["2026-02-15", "2026-03-15"]


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--months", "１２"),
        ("--day-of-month", "١٥"),
        ("--principal", "１０００"),
        ("--annual-rate", "٠.٠٦"),
    ],
)
def test_non_ascii_digits_are_refused_even_in_range(
    flag: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*BASE, "--first-due", "2026-01-15"]
    if flag in argv:
        argv[argv.index(flag) + 1] = value
    else:
        argv += [flag, value]
    with pytest.raises(SystemExit):
        run(argv)
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"error: {flag}: ") and "0-9" in line

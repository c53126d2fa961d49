"""CSV imports refuse edge numeric input with a line-numbered error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.server.jobs.csv_parsing import (
    CsvImportError,
    FieldError,
    annual_rate,
    id_number,
    int_in,
    mobile,
    yuan_to_fen,
)
from app.server.jobs.import_loans import import_loans
from app.server.jobs.import_payments import import_payments
from app.server.models import Loan, Payment
from main import main
from tests.server.test_import import TODAY, _loan_row, _loans_csv, _payments_csv

EDGE = ["1e999999", "1e-999999", "１００", "١٠٠", "NaN", "sNaN", "Infinity", "-0", "9" * 400]


@pytest.mark.parametrize("value", EDGE)
def test_amount_rate_and_whole_numbers_refuse_edge_text(value: str) -> None:
    for convert in (yuan_to_fen, annual_rate, int_in(1, 120)):
        with pytest.raises(FieldError) as err:
            convert(value)
        assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("convert", "value"),
    [
        (yuan_to_fen, "１００.００"),
        (annual_rate, "٠.٠٦"),
        (annual_rate, "-0.00"),
        (int_in(1, 120), "３６"),
        (mobile, "１３８１２３４５６７８"),
        (id_number, "１１０１０５１９４９１２３１００２X"),
    ],
)
def test_non_ascii_digits_and_negative_zero_are_refused(convert: object, value: str) -> None:
    with pytest.raises(FieldError):
        convert(value)  # type: ignore[operator]


@settings(max_examples=300)
@given(st.text(max_size=24))
def test_converters_raise_only_field_errors(text: str) -> None:
    for convert in (yuan_to_fen, annual_rate, int_in(0, 10**6), mobile, id_number):
        try:
            convert(text)
        except FieldError:
            pass


@pytest.mark.parametrize("value", EDGE)
def test_loan_file_with_edge_numbers_is_refused_with_line_numbers(
    engine: Engine, value: str
) -> None:
    csv_text = _loans_csv(
        _loan_row("AL-1"),
        _loan_row("AL-2", principal=value),
        _loan_row("AL-3", annual_rate=value),
        _loan_row("AL-4", term_months=value),
    )
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_loans(s, csv_text)
    found = {(e.line, e.column) for e in err.value.errors}
    assert {(3, "principal"), (4, "annual_rate"), (5, "term_months")} <= found
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Loan)) == 0


@pytest.mark.parametrize("value", EDGE)
def test_payment_file_with_edge_amount_is_refused(engine: Engine, value: str) -> None:
    with Session(engine) as s:
        import_loans(s, _loans_csv(_loan_row("AL-1")))
    with Session(engine) as s, pytest.raises(CsvImportError) as err:
        import_payments(s, _payments_csv(f"BANK-1,AL-1,2026-03-01,{value},"), today=TODAY)
    assert [(e.line, e.column) for e in err.value.errors] == [(2, "amount")]
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


def test_import_cli_prints_errors_not_a_traceback(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "loans.csv"
    path.write_text(
        _loans_csv(_loan_row("AL-1", principal="1e999999", annual_rate="١٠٠")), encoding="utf-8"
    )
    assert main(["import", "loans", str(path), "--database-url", db_url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("error: loans.csv refused, nothing imported (2 problem(s))")
    problems = {line.split(":", 1)[0].strip(): line for line in err[1:]}
    assert set(problems) == {"line 2, column principal", "line 2, column annual_rate"}
    assert "exponent" in problems["line 2, column principal"]
    assert "0-9" in problems["line 2, column annual_rate"]
    assert not any("Traceback" in line for line in err)

"""`risk fit`: features strictly as of a date, labels from the later history, a fit that is
reproducible for a seed and judged by AUC on held-out loans (demo book)."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

import main
from app.domain.risk import FEATURE_CODES
from app.server.models import Installment, Loan, Payment, Promise, RiskModel
from app.server.risk.features_sql import features_as_of
from app.server.risk.fitting import NotEnoughHistory, fit_model, held_out
from app.server.risk.model_store import ModelArrays
from tests.server.conftest import SeededCase, business_today
from tests.server.risk_helpers import add_calls
from tests.server.test_overdue_run_support import TODAY, seed_small


def _col(frame, code: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    return frame.values[:, FEATURE_CODES.index(code)]


def _one_late_installment(s: Session, loan_id: str, due, paid_on) -> None:  # type: ignore[no-untyped-def]
    """Every installment paid on its due date, except one due on `due`, paid on `paid_on`
    (None: unpaid today)."""
    s.execute(
        update(Installment)
        .where(Installment.loan_id == loan_id)
        .values(paid_on=Installment.due_date, paid_principal=Installment.principal)
    )
    s.execute(
        update(Installment)
        .where(Installment.loan_id == loan_id, Installment.n == 3)
        .values(due_date=due, paid_on=paid_on, paid_principal=0 if paid_on is None else 1)
    )
    s.commit()


@pytest.mark.parametrize(
    ("paid_after_t", "label"),
    [(None, 1), (15, 0), (20, 0), (21, 1)],
)
def test_label_is_reaching_30_dpd_within_the_horizon(
    make_case, session_factory, paid_after_t: int | None, label: int
) -> None:  # type: ignore[no-untyped-def]
    t = business_today() - timedelta(days=120)
    seeded: SeededCase = make_case(dpd=0, paid_installments=1, months=36)
    with session_factory() as s:
        s.execute(update(Loan).where(Loan.id == seeded.loan_id).values(
            disbursed_on=t - timedelta(days=200)))  # fmt: skip
        paid = None if paid_after_t is None else t + timedelta(days=paid_after_t)
        # due 10 days before T: DPD 10 at T, 30 on T + 20; paid on T + 21 means 30 was reached
        _one_late_installment(s, seeded.loan_id, t - timedelta(days=10), paid)
        frame = features_as_of(s, t, horizon_days=90)
    k = frame.loan_ids.index(seeded.loan_id)
    assert frame.dpd[k] == 10
    assert frame.labels is not None and frame.labels[k] == label


def test_features_use_nothing_dated_after_the_date(make_user, make_case, session_factory) -> None:  # type: ignore[no-untyped-def]
    agent = make_user("agent", "team-early")
    seeded = make_case(agent, dpd=20)
    t = business_today() - timedelta(days=5)
    with session_factory() as s:
        add_calls(s, case_id=seeded.case_id, agent_id=agent.id, phone_id=seeded.phone_ids[0],
                  day=t - timedelta(days=2), dispositions=["no_answer", "refused", "right_party"])  # fmt: skip
        before = features_as_of(s, t)
        # after T: calls, a payment, the overdue installment paid, a broken promise
        add_calls(s, case_id=seeded.case_id, agent_id=agent.id, phone_id=seeded.phone_ids[0],
                  day=t + timedelta(days=1), dispositions=["no_answer"] * 5)  # fmt: skip
        s.add(Payment(loan_id=seeded.loan_id, paid_on=t + timedelta(days=1), amount=500_000))
        s.add(Promise(case_id=seeded.case_id, agent_id=agent.id, amount=1000,
                      promised_on=t - timedelta(days=1), status="broken",
                      created_at=before_dt(t)))  # fmt: skip
        s.execute(
            update(Installment)
            .where(Installment.loan_id == seeded.loan_id, Installment.paid_on.is_(None),
                   Installment.due_date < t)
            .values(paid_on=t + timedelta(days=2))
        )  # fmt: skip
        s.commit()
        after = features_as_of(s, t)
        later = features_as_of(s, t + timedelta(days=10))
    k = before.loan_ids.index(seeded.loan_id)
    assert np.array_equal(before.values, after.values)
    assert _col(before, "unreached_calls_90d")[k] == 1
    assert _col(before, "refused_calls_90d")[k] == 1 and _col(before, "right_party_90d")[k] == 1
    assert before.dpd[k] >= 15
    # the same facts do count once their date has passed
    assert _col(later, "unreached_calls_90d")[k] == 6 and later.dpd[k] == 0


def before_dt(t):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, time

    return datetime.combine(t - timedelta(days=4), time(3), tzinfo=UTC)


def test_fit_is_reproducible_and_reports_auc_on_held_out_loans(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_small(engine, 2000)
    with Session(engine) as s:
        a = fit_model(s, as_of=TODAY, seed=42)
        b = fit_model(s, as_of=TODAY, seed=42)
        c = fit_model(s, as_of=TODAY, seed=7)
        rows = {m.version: m for m in s.scalars(select(RiskModel))}
    # same data, same seed: the same model, to the last bit
    ra, rb = rows[a.version], rows[b.version]
    for name in ("coefficients", "intercept", "means", "scales", "auc_test", "auc_train"):
        assert getattr(ra, name) == getattr(rb, name), name
    # ... and so the same scores for every loan of the book
    with Session(engine) as s:
        frame = features_as_of(s, TODAY)
    ma, mb = ModelArrays.from_row(ra), ModelArrays.from_row(rb)
    pa = ma.probabilities(ma.contributions(frame.values))
    assert np.array_equal(pa, mb.probabilities(mb.contributions(frame.values)))
    assert len(pa) == 2000 and 0.0 < pa.min() < pa.max() < 1.0
    # another seed holds out other loans (and still finds the pattern)
    assert c.test_loans != a.test_loans or c.auc_test != a.auc_test
    # the held-out loans were never trained on, and there are enough of them to judge
    assert a.test_loans > 300 and a.train_loans > 1000
    assert abs(a.test_loans / (a.test_loans + a.train_loans) - 0.25) < 0.05
    assert 0.7 < a.auc_test < 0.99, a.auc_test  # the book's history predicts its defaults
    assert 0.0 < a.positive_rate < 0.2
    assert len(a.snapshots) == 6 and a.snapshots[0] == TODAY - timedelta(days=90)
    # the split is per loan: one loan's snapshots are all on one side
    assert held_out("x", seed=42, share=0.25) == held_out("x", seed=42, share=0.25)
    # the CLI prints the same kind of report
    assert main.main(["risk", "fit", "--as-of", TODAY.isoformat(), "--database-url", db_url]) == 0
    out = capsys.readouterr().out
    assert "held out" in out and f"AUC {a.auc_test:.3f}" in out


def test_fit_refuses_a_book_without_history(engine: Engine, make_case) -> None:  # type: ignore[no-untyped-def]
    make_case(dpd=0)
    with Session(engine) as s, pytest.raises(NotEnoughHistory):
        fit_model(s, as_of=business_today())
    with Session(engine) as s:
        assert s.scalar(select(RiskModel.version)) is None  # nothing stored


def test_score_cli_without_a_model_says_what_to_do(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["risk", "score", "--date", "2026-11-29", "--database-url", db_url]) == 2
    assert "risk fit" in capsys.readouterr().err

"""`risk fit`: a logistic regression (scikit-learn) on the book's own history.

Training rows are monthly snapshots: for T = as_of - H, as_of - H - 30, ... (H = horizon),
every loan open at T and less than 30 days past due at T, with its features as of T and
its label "reached 30+ DPD within T+1 .. T+H" (features_sql). Every label window ends on
or before `as_of`, the last business date the data covers, so no label peeks past the data
and no feature past its snapshot.

Held out are *loans*, not rows: a loan is in the test set when a hash of (seed, loan id)
falls below `test_share`, so all its snapshots are on one side and the AUC measures how the
model ranks borrowers it never saw. The features are standardised with the training rows'
means and (population) standard deviations; the fit is L2-regularised lbfgs, deterministic
for the same rows in the same order (features_sql sorts them), so the same data and seed
give the same coefficients and the same scores.

Only this module imports scikit-learn, and only the `risk fit` command imports it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy.orm import Session

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE
from app.domain.risk import FEATURE_CODES, FEATURES
from app.server.audit import audit
from app.server.models import RiskModel
from app.server.risk.features_sql import LABEL_DPD, features_as_of

DEFAULT_HORIZON_DAYS = 90
DEFAULT_SNAPSHOTS = 6
SNAPSHOT_STEP_DAYS = 30
DEFAULT_SEED = 42
DEFAULT_TEST_SHARE = 0.25
REGULARISATION_C = 1.0


class NotEnoughHistory(ValueError):
    """The book's history cannot train or test a model (no defaults, or no loans)."""


@dataclass(frozen=True, slots=True)
class FitReport:
    """What `risk fit` prints."""

    version: int
    as_of: date
    horizon_days: int
    snapshots: list[date]
    train_rows: int
    test_rows: int
    train_loans: int
    test_loans: int
    positive_rate: float
    auc_train: float
    auc_test: float
    coefficients: dict[str, float]
    intercept: float


def held_out(loan_id: str, *, seed: int, share: float) -> bool:
    """Deterministic loan-level split: sha256(seed:loan id) below `share` of the range."""
    digest = hashlib.sha256(f"{seed}:{loan_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def training_rows(
    session: Session,
    *,
    as_of: date,
    horizon_days: int,
    snapshots: int,
    lender_tz: str,
) -> tuple[list[str], np.ndarray, np.ndarray, list[date]]:
    """(loan id per row, raw features, labels, snapshot dates), snapshot by snapshot."""
    dates = [
        as_of - timedelta(days=horizon_days + SNAPSHOT_STEP_DAYS * k) for k in range(snapshots)
    ]
    ids: list[str] = []
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for t in dates:
        frame = features_as_of(session, t, lender_tz=lender_tz, horizon_days=horizon_days)
        assert frame.labels is not None
        keep = frame.dpd < LABEL_DPD  # already 30+ DPD: the event has happened
        ids.extend(i for i, k in zip(frame.loan_ids, keep, strict=True) if k)
        xs.append(frame.values[keep])
        ys.append(frame.labels[keep])
    x = np.vstack(xs) if xs else np.zeros((0, len(FEATURE_CODES)))
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=np.int8)
    return ids, x, y, dates


def fit_model(
    session: Session,
    *,
    as_of: date,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    snapshots: int = DEFAULT_SNAPSHOTS,
    seed: int = DEFAULT_SEED,
    test_share: float = DEFAULT_TEST_SHARE,
    lender_tz: str = DEFAULT_LENDER_TIMEZONE,
    now: datetime | None = None,
) -> FitReport:
    """Fit, evaluate on held-out loans, store the model as a new version; commits."""
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    if snapshots < 1 or not 0.0 < test_share < 1.0:
        raise ValueError("need at least one snapshot and 0 < test share < 1")
    ids, raw, y, dates = training_rows(
        session, as_of=as_of, horizon_days=horizon_days, snapshots=snapshots, lender_tz=lender_tz
    )
    test = np.array([held_out(i, seed=seed, share=test_share) for i in ids], dtype=bool)
    train = ~test
    for name, mask in (("training", train), ("held-out", test)):
        classes = set(np.unique(y[mask]).tolist())
        if classes != {0, 1}:
            raise NotEnoughHistory(
                f"the {name} loans need both outcomes (reached {LABEL_DPD}+ DPD or not) within"
                f" {horizon_days} days of the snapshots {dates[-1]} .. {dates[0]}; got {classes}"
            )
    clipped = np.clip(raw, 0.0, _caps())  # FeatureSpec.clip, as scoring does
    means = clipped[train].mean(axis=0)
    scales = clipped[train].std(axis=0)
    scales[scales == 0] = 1.0  # a constant feature contributes nothing
    z = (clipped - means) / scales
    model = LogisticRegression(C=REGULARISATION_C, solver="lbfgs", max_iter=2000)
    model.fit(z[train], y[train])
    p = model.predict_proba(z)[:, 1]
    auc_train = float(roc_auc_score(y[train], p[train]))
    auc_test = float(roc_auc_score(y[test], p[test]))
    coefs = [float(c) for c in model.coef_[0]]
    row = RiskModel(
        fitted_at=now or datetime.now(UTC),
        as_of=as_of,
        horizon_days=horizon_days,
        label=f"dpd{LABEL_DPD}_within_{horizon_days}d",
        features=list(FEATURE_CODES),
        coefficients=coefs,
        intercept=float(model.intercept_[0]),
        means=[float(m) for m in means],
        scales=[float(s) for s in scales],
        auc_test=auc_test,
        auc_train=auc_train,
        metrics={
            "train_rows": int(train.sum()),
            "test_rows": int(test.sum()),
            "train_loans": len({i for i, t in zip(ids, test, strict=True) if not t}),
            "test_loans": len({i for i, t in zip(ids, test, strict=True) if t}),
            "positive_rate": float(y.mean()),
            "snapshots": [d.isoformat() for d in dates],
        },
        params={
            "library": f"scikit-learn {sklearn.__version__} LogisticRegression",
            "solver": "lbfgs",
            "C": REGULARISATION_C,
            "seed": seed,
            "test_share": test_share,
            "snapshot_step_days": SNAPSHOT_STEP_DAYS,
        },
    )
    session.add(row)
    session.flush()
    audit(
        session,
        actor=None,
        action="risk_model_fit",
        entity="risk_model",
        entity_id=str(row.version),
        details={"auc_test": round(auc_test, 4), "as_of": as_of.isoformat(), **row.metrics},
    )
    session.commit()
    m = row.metrics
    return FitReport(
        row.version,
        as_of,
        horizon_days,
        dates,
        m["train_rows"],
        m["test_rows"],
        m["train_loans"],
        m["test_loans"],
        m["positive_rate"],
        auc_train,
        auc_test,
        dict(zip(FEATURE_CODES, coefs, strict=True)),
        row.intercept,
    )


def _caps() -> np.ndarray:
    return np.asarray([f.cap for f in FEATURES], dtype=np.float64)

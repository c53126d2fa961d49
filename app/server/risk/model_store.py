"""The stored risk model as plain arrays, and the probability/contribution arithmetic.

Scoring needs numpy only: z = (clip(x) - means) / scales, contributions = coefficients x z,
probability = logistic(intercept + sum of contributions) — app.domain.risk's formulas over
a whole book at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.risk import feature_spec
from app.server.models import RiskModel


class NoRiskModel(LookupError):
    """No model has been fitted on this database yet (`risk fit` first)."""


@dataclass(frozen=True, slots=True)
class ModelArrays:
    """A fitted model ready for numpy scoring."""

    version: int
    features: tuple[str, ...]
    intercept: float
    coefficients: np.ndarray
    means: np.ndarray
    scales: np.ndarray
    caps: np.ndarray

    @classmethod
    def from_row(cls, row: RiskModel) -> ModelArrays:
        features = tuple(row.features)
        return cls(
            row.version,
            features,
            float(row.intercept),
            np.asarray(row.coefficients, dtype=np.float64),
            np.asarray(row.means, dtype=np.float64),
            np.asarray(row.scales, dtype=np.float64),
            np.asarray([feature_spec(c).cap for c in features], dtype=np.float64),
        )

    def clip(self, values: np.ndarray) -> np.ndarray:
        """Raw values bounded to [0, cap] per feature (FeatureSpec.clip)."""
        return np.asarray(np.clip(values, 0.0, self.caps), dtype=np.float64)

    def contributions(self, values: np.ndarray) -> np.ndarray:
        """coef_j x (clip(x_j) - mean_j) / scale_j, one row per loan."""
        return np.asarray(
            self.coefficients * (self.clip(values) - self.means) / self.scales, dtype=np.float64
        )

    def probabilities(self, parts: np.ndarray) -> np.ndarray:
        """logistic(intercept + row sums of the contributions)."""
        logit = self.intercept + parts.sum(axis=1)
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float64)


def latest_model(session: Session) -> RiskModel:
    """The newest fitted model, or NoRiskModel."""
    row = session.scalar(select(RiskModel).order_by(RiskModel.version.desc()).limit(1))
    if row is None:
        raise NoRiskModel("no risk model yet: run `main.py risk fit` first")
    return row

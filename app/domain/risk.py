"""Default-risk scoring rules: the features, the score, the segments and the top factors.

The model is a logistic regression over standardised features: with z_j = (x_j - mean_j) /
scale_j, the log-odds are intercept + sum(coef_j * z_j) and the probability is the logistic
of that. Each term coef_j * z_j is the feature's *contribution* (how far it moves this
borrower's log-odds away from an average loan's); the largest contributions, by size, are
the top factors shown on the borrower's profile, with a label in Chinese and English that
states the borrower's own value. Positive weights raise the risk, negative ones lower it.

Raw feature values are capped (`FeatureSpec.cap`) before standardising, so one extreme
value (a loan 400 days past due) cannot dominate the score. Segments cut the probability:
low < `medium_from` <= medium < `high_from` <= high.

Pure: no I/O, no clock; the server computes the same numbers with numpy in bulk
(app/server/risk/scoring.py) and tests check both agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from app.domain.errors import DomainError

Segment = Literal["low", "medium", "high"]
SEGMENTS: tuple[Segment, ...] = ("low", "medium", "high")
DEFAULT_MEDIUM_FROM = 0.10
DEFAULT_HIGH_FROM = 0.30
TOP_FACTORS = 3
MIN_FACTOR_WEIGHT = 0.005  # a contribution smaller than this says nothing about the borrower


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """One model input: code, cap on the raw value, and how to say it in words."""

    code: str
    cap: float
    label_zh: str  # str.format template; {v} the value, {pct} the value as a percentage
    label_en: str

    def clip(self, value: float) -> float:
        """The raw value bounded to [0, cap] (every feature is a count, age, share or rate)."""
        return min(max(float(value), 0.0), self.cap)

    def labels(self, value: float) -> tuple[str, str]:
        """(zh_CN, en) label for the borrower's (capped) value."""
        v = self.clip(value)
        args = {"v": round(v) if v == int(v) else round(v, 2), "pct": f"{v * 100:.0f}%"}
        return self.label_zh.format(**args), self.label_en.format(**args)


FEATURES: tuple[FeatureSpec, ...] = (
    FeatureSpec("dpd_now", 90, "当前逾期 {v} 天", "{v} days past due now"),
    FeatureSpec(
        "max_dpd_12m",
        90,
        "近12个月最长逾期 {v} 天",
        "longest delay in the last 12 months: {v} days",
    ),
    FeatureSpec(
        "late_share_12m",
        1,
        "近12个月逾期还款占比 {pct}",
        "installments paid late in the last 12 months: {pct}",
    ),
    FeatureSpec("paid_to_due", 1.5, "已还/应还比例 {pct}", "paid to due: {pct}"),
    FeatureSpec(
        "broken_promises_12m",
        5,
        "近12个月未兑现承诺 {v} 次",
        "broken promises in the last 12 months: {v}",
    ),
    FeatureSpec(
        "unreached_calls_90d",
        30,
        "近90天未接通 {v} 次",
        "unanswered calls in the last 90 days: {v}",
    ),
    FeatureSpec(
        "refused_calls_90d",
        10,
        "近90天拒绝沟通或挂断 {v} 次",
        "calls refused or hung up in the last 90 days: {v}",
    ),
    FeatureSpec(
        "right_party_90d",
        10,
        "近90天本人接听 {v} 次",
        "right-party contacts in the last 90 days: {v}",
    ),
    FeatureSpec("loan_age_months", 84, "贷款已发放 {v} 个月", "loan age: {v} months"),
    FeatureSpec("vehicle_age_years", 20, "车龄 {v} 年", "vehicle age: {v} years"),
    FeatureSpec("annual_rate_pct", 36, "年利率 {v}%", "annual rate: {v}%"),
)
FEATURE_CODES: tuple[str, ...] = tuple(f.code for f in FEATURES)
_BY_CODE = {f.code: f for f in FEATURES}


@dataclass(frozen=True, slots=True)
class RiskFactor:
    """One of a borrower's top factors: weight = contribution to the log-odds."""

    code: str
    label_zh: str
    label_en: str
    weight: float

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "label_zh": self.label_zh,
            "label_en": self.label_en,
            "weight": self.weight,
        }


def feature_spec(code: str) -> FeatureSpec:
    """The spec of a feature code (DomainError for an unknown one)."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise DomainError("feature", f"unknown risk feature {code!r}") from None


def check_thresholds(medium_from: float, high_from: float) -> None:
    """0 < medium_from < high_from < 1, else DomainError."""
    if not 0.0 < medium_from < high_from < 1.0:
        raise DomainError("risk thresholds", "need 0 < medium_from < high_from < 1 (probabilities)")


def segment_for(
    probability: float,
    *,
    medium_from: float = DEFAULT_MEDIUM_FROM,
    high_from: float = DEFAULT_HIGH_FROM,
) -> Segment:
    """low < medium_from <= medium < high_from <= high."""
    check_thresholds(medium_from, high_from)
    if not 0.0 <= probability <= 1.0:
        raise DomainError("probability", "must lie in [0, 1]")
    if probability >= high_from:
        return "high"
    if probability >= medium_from:
        return "medium"
    return "low"


def logistic(x: float) -> float:
    """1 / (1 + e^-x), without overflow for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def contributions(
    raw: Sequence[float],
    *,
    coefficients: Sequence[float],
    means: Sequence[float],
    scales: Sequence[float],
    codes: Sequence[str] = FEATURE_CODES,
) -> list[float]:
    """coef_j x (clip(x_j) - mean_j) / scale_j for each feature, in `codes` order."""
    n = len(codes)
    if not len(raw) == len(coefficients) == len(means) == len(scales) == n:
        raise DomainError("features", f"expected {n} values per vector")
    out = []
    for code, x, c, m, s in zip(codes, raw, coefficients, means, scales, strict=True):
        if s <= 0:
            raise DomainError("scales", "must be positive")
        out.append(c * (feature_spec(code).clip(x) - m) / s)
    return out


def probability(intercept: float, parts: Sequence[float]) -> float:
    """The default probability from the intercept and the contributions."""
    return logistic(intercept + math.fsum(parts))


def top_factors(
    raw: Sequence[float],
    parts: Sequence[float],
    *,
    codes: Sequence[str] = FEATURE_CODES,
    k: int = TOP_FACTORS,
) -> list[RiskFactor]:
    """The k largest contributions by size (ties: feature order), labelled with the
    borrower's values; contributions below MIN_FACTOR_WEIGHT are left out."""
    order = sorted(range(len(codes)), key=lambda j: (-abs(parts[j]), j))
    out = []
    for j in order[:k]:
        weight = round(parts[j], 3)
        if abs(weight) < MIN_FACTOR_WEIGHT:
            continue
        zh, en = feature_spec(codes[j]).labels(raw[j])
        out.append(RiskFactor(codes[j], zh, en, weight))
    return out

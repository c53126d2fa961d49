"""app.domain.risk: segments, contributions, probability and the top factors."""

from __future__ import annotations

import math

import pytest

from app.domain.errors import DomainError
from app.domain.risk import (
    FEATURE_CODES,
    FEATURES,
    contributions,
    feature_spec,
    logistic,
    probability,
    segment_for,
    top_factors,
)


def test_segments_cut_the_probability_at_the_thresholds() -> None:
    assert segment_for(0.0) == "low"
    assert segment_for(0.0999) == "low"
    assert segment_for(0.10) == "medium"
    assert segment_for(0.2999) == "medium"
    assert segment_for(0.30) == "high"
    assert segment_for(1.0) == "high"
    assert segment_for(0.2, medium_from=0.05, high_from=0.15) == "high"
    with pytest.raises(DomainError):
        segment_for(0.2, medium_from=0.3, high_from=0.3)
    with pytest.raises(DomainError):
        segment_for(1.2)


def test_logistic_is_stable_and_symmetric() -> None:
    assert logistic(0) == 0.5
    assert logistic(800) == 1.0 and logistic(-800) == 0.0  # no OverflowError
    assert math.isclose(logistic(2.0) + logistic(-2.0), 1.0)


def test_contributions_clip_standardise_and_sum_to_the_score() -> None:
    n = len(FEATURE_CODES)
    raw = [0.0] * n
    raw[FEATURE_CODES.index("dpd_now")] = 400  # capped at 90
    raw[FEATURE_CODES.index("unreached_calls_90d")] = 10
    coefs = [0.0] * n
    coefs[FEATURE_CODES.index("dpd_now")] = 1.0
    coefs[FEATURE_CODES.index("unreached_calls_90d")] = -0.5
    means = [10.0] * n
    scales = [20.0] * n
    parts = contributions(raw, coefficients=coefs, means=means, scales=scales)
    assert parts[FEATURE_CODES.index("dpd_now")] == pytest.approx((90 - 10) / 20)
    assert parts[FEATURE_CODES.index("unreached_calls_90d")] == pytest.approx(0.0)
    assert probability(-1.0, parts) == pytest.approx(1 / (1 + math.exp(-(-1.0 + 4.0))))
    with pytest.raises(DomainError):
        contributions(raw[:-1], coefficients=coefs, means=means, scales=scales)
    with pytest.raises(DomainError):
        contributions(raw, coefficients=coefs, means=means, scales=[0.0] * n)


def test_top_factors_are_the_largest_contributions_with_the_borrowers_values() -> None:
    n = len(FEATURE_CODES)
    raw = [0.0] * n
    parts = [0.0] * n
    raw[FEATURE_CODES.index("max_dpd_12m")] = 25
    parts[FEATURE_CODES.index("max_dpd_12m")] = 1.2
    raw[FEATURE_CODES.index("loan_age_months")] = 40
    parts[FEATURE_CODES.index("loan_age_months")] = -2.0
    raw[FEATURE_CODES.index("late_share_12m")] = 0.25
    parts[FEATURE_CODES.index("late_share_12m")] = 0.5
    parts[FEATURE_CODES.index("annual_rate_pct")] = 0.001  # too small to mention
    top = top_factors(raw, parts)
    assert [f.code for f in top] == ["loan_age_months", "max_dpd_12m", "late_share_12m"]
    assert top[0].weight == -2.0  # lowers the risk: the sign says so
    assert top[1].label_zh == "近12个月最长逾期 25 天"
    assert top[1].label_en == "longest delay in the last 12 months: 25 days"
    assert top[2].label_en.endswith("25%")
    only_small = [0.0] * n
    only_small[0] = 0.004
    assert top_factors(raw, only_small) == []


def test_every_feature_has_both_labels_and_a_cap() -> None:
    for spec in FEATURES:
        zh, en = spec.labels(spec.cap * 2)
        assert zh and en and "{" not in zh + en
        assert spec.clip(-5) == 0.0 and spec.clip(spec.cap * 2) == spec.cap
    with pytest.raises(DomainError):
        feature_spec("shoe_size")

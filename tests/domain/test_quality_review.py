"""The quality-review engine (app/domain/quality) on the labelled set and on single calls."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import DomainError
from app.domain.quality.engine import review
from app.domain.quality.metrics import per_rule
from app.domain.quality.rules import RULE_CODES, load_rules, rules_from_mapping
from app.domain.quality.types import transcript_from_mapping

LABELLED = Path(__file__).parent / "data" / "quality" / "labelled.json"
MIN_PRECISION = 0.85
MIN_RECALL = 0.8


def _labelled() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(LABELLED.read_text(encoding="utf-8"))
    return data


def test_the_labelled_set_covers_both_languages_and_every_rule() -> None:
    data = _labelled()
    assert len(data) >= 60
    for lang in ("zh", "en"):
        mine = [d for d in data if d["language"] == lang]
        assert sum(1 for d in mine if not d["expect"]) >= 5  # clean calls
        for code in RULE_CODES:
            assert any(code in d["expect"] for d in mine), (lang, code)


def test_precision_and_recall_per_rule_on_the_labelled_set() -> None:
    pairs = []
    for d in _labelled():
        found = review(transcript_from_mapping(d)).findings
        pairs.append((frozenset(d["expect"]), frozenset(f.code for f in found)))
    for s in per_rule(pairs):
        assert s.precision is not None and s.precision >= MIN_PRECISION, s
        assert s.recall is not None and s.recall >= MIN_RECALL, s


def _call(segments: list[tuple[str, float, str]], **facts: object) -> dict[str, object]:
    return {
        "call_ref": "t-1",
        "language": "zh",
        "call_date": "2026-12-08",
        "segments": [
            {"speaker": who, "start": at, "end": at + 2, "text": text} for who, at, text in segments
        ],
        "facts": {"disposition": "right_party", **facts},
    }


CLEAN = [
    ("agent", 0.0, "您好，我是安达汽车金融的客服，本次通话将被录音。请问是王先生本人吗？"),
    ("customer", 3.0, "是我。"),
    ("agent", 6.0, "您的车贷逾期了，应还三千五百元。"),
    ("customer", 9.0, "我下周五还三千五。"),
]


def test_a_clean_call_scores_100() -> None:
    doc = _call(CLEAN, promise_amount_fen=350000, promise_date="2026-12-18")
    result = review(transcript_from_mapping(doc))
    assert result.findings == () and result.score == 100


def test_a_threat_is_found_with_its_time_quote_and_points() -> None:
    segments = [*CLEAN, ("agent", 12.0, "再不还就让你坐牢。")]
    result = review(transcript_from_mapping(_call(segments)))
    (finding,) = result.findings
    assert (finding.code, finding.severity, finding.at) == ("banned_phrase", "violation", 12.0)
    assert "坐牢" in finding.quote and finding.detail == "threat: 让你坐牢"
    assert result.score == 100 - finding.points == 65


def test_the_wrap_up_promise_must_match_what_was_said() -> None:
    doc = _call(CLEAN, promise_amount_fen=500000, promise_date="2026-12-11")
    result = review(transcript_from_mapping(doc))
    assert [(f.code, f.detail, f.at) for f in result.findings] == [
        ("promise_mismatch", "wrap-up amount differs", 9.0),
        ("promise_mismatch", "wrap-up date differs", 9.0),
    ]


def test_the_recorded_identity_step_decides_what_is_too_early() -> None:
    early = review(transcript_from_mapping(_call(CLEAN, identity_confirmed_at=7.0)))
    assert [f.code for f in early.findings] == ["disclosure_before_identity"]
    assert early.findings[0].at == 6.0
    in_time = review(transcript_from_mapping(_call(CLEAN, identity_confirmed_at=5.0)))
    assert in_time.findings == ()


def test_weights_are_data() -> None:
    doc = json.loads(json.dumps(_rules_doc()))
    doc["weights"]["banned_phrase"] = 50
    rules = rules_from_mapping(doc)
    segments = [*CLEAN, ("agent", 12.0, "再不还就让你坐牢。")]
    assert review(transcript_from_mapping(_call(segments)), rules).score == 50


def test_hints_are_not_violations() -> None:
    segments = [*CLEAN, ("agent", 10.0, "好的。"), ("customer", 30.0, "再见。")]
    result = review(transcript_from_mapping(_call(segments)))
    assert result.score == 100
    assert [h.code for h in result.hints] == ["talk_over", "long_silence"]


def _rules_doc() -> dict[str, Any]:
    import yaml

    from app.domain.resources import resource_path

    doc: dict[str, Any] = yaml.safe_load(
        resource_path("quality", "rules", ".yaml").read_text(encoding="utf-8")
    )
    return doc


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["weights"].pop("banned_phrase"), "weights.banned_phrase"),
        (lambda d: d["weights"].update(banned_phrase=101), "weights.banned_phrase"),
        (lambda d: d["severity"].update(promise_mismatch="meh"), "severity.promise_mismatch"),
        (lambda d: d["languages"]["zh"].pop("debt_terms"), "languages.zh.debt_terms"),
        (lambda d: d["hints"].update(long_silence_seconds=0), "hints.long_silence_seconds"),
    ],
)
def test_bad_rule_data_is_refused_naming_the_key(change: Any, field: str) -> None:
    doc = _rules_doc()
    change(doc)
    with pytest.raises(DomainError) as err:
        rules_from_mapping(doc)
    assert err.value.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(language="fr"), "language"),
        (lambda d: d.update(call_ref=""), "call_ref"),
        (lambda d: d["segments"][0].update(speaker="bot"), "segments[0].speaker"),
        (lambda d: d["segments"][1].update(end=1.0), "segments[1].end"),
        (lambda d: d["facts"].update(promise_amount_fen=12.5), "facts.promise_amount_fen"),
        (lambda d: d.update(call_date="08/12/2026"), "call_date"),
    ],
)
def test_a_bad_transcript_is_refused_naming_the_field(change: Any, field: str) -> None:
    doc = _call(CLEAN)
    change(doc)
    with pytest.raises(DomainError) as err:
        transcript_from_mapping(doc)
    assert err.value.field == field


def test_the_shipped_rules_load() -> None:
    assert set(load_rules().weights) >= set(RULE_CODES)

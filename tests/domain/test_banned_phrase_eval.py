"""The banned-phrase checker on the labelled set (issue 14 point 4): tests/domain/data/
banned_phrase_eval.yaml holds disguised variants (the agent's own words: each must be caught
as a violation, severity "block") and innocent sentences (denials, quotes, phrases split by
punctuation, ordinary notes: none may be a violation). bench/bench_banned_phrases.py prints
the same figures with every miss and false alarm. The checker before issue 14 caught 9.6 %
and raised false alarms on 41.7 % (bench/output/banned_phrases_before.txt)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.banned_phrases import check_text

EVAL = Path(__file__).parent / "data" / "banned_phrase_eval.yaml"
MIN_CATCH = 0.95
MAX_FALSE_ALARM = 0.05


@pytest.fixture(scope="module")
def labelled() -> dict[str, list[dict[str, Any]]]:
    doc: dict[str, list[dict[str, Any]]] = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    return doc


def _blocked(text: str) -> list[str]:
    """The violations in `text` (a checker without severities counts every hit)."""
    return [h.phrase for lang in ("zh_CN", "en") for h in check_text(text, lang)
            if getattr(h, "severity", "block") == "block"]  # fmt: skip


def _chinese(text: str) -> bool:
    return re.search("[\u4e00-\u9fff]", text) is not None


def test_the_set_is_big_enough_in_both_languages(labelled: dict[str, list[dict[str, Any]]]) -> None:
    for name in ("disguised", "innocent"):
        items = labelled[name]
        assert len(items) >= 100
        zh = sum(_chinese(i["text"]) for i in items)
        assert zh >= 40 and len(items) - zh >= 40, (name, zh)


def test_catch_rate(labelled: dict[str, list[dict[str, Any]]]) -> None:
    items = labelled["disguised"]
    missed = [i["text"] for i in items if not _blocked(i["text"])]
    rate = 1 - len(missed) / len(items)
    assert rate >= MIN_CATCH, (rate, missed)


def test_the_named_phrase_is_the_one_caught(labelled: dict[str, list[dict[str, Any]]]) -> None:
    caught = [i for i in labelled["disguised"] if _blocked(i["text"])]
    wrong = [(i["text"], i["phrase"]) for i in caught if i["phrase"] not in _blocked(i["text"])]
    assert wrong == []


def test_false_alarm_rate(labelled: dict[str, list[dict[str, Any]]]) -> None:
    items = labelled["innocent"]
    alarms = [(i["text"], _blocked(i["text"])) for i in items if _blocked(i["text"])]
    rate = len(alarms) / len(items)
    assert rate <= MAX_FALSE_ALARM, (rate, alarms)


@pytest.mark.parametrize("kind", ["denial", "quote", "split"])
def test_denials_quotes_and_splits_are_warned_not_blocked(
    labelled: dict[str, list[dict[str, Any]]], kind: str
) -> None:
    """Most of them still contain the phrase: the desk warns ("review"), no violation."""
    items = [i for i in labelled["innocent"] if i["kind"] == kind]
    reviewed = 0
    for item in items:
        hits = [h for lang in ("zh_CN", "en") for h in check_text(item["text"], lang)]
        assert all(getattr(h, "severity", "block") == "review" for h in hits), (item, hits)
        reviewed += bool(hits)
    assert reviewed >= len(items) * 0.6

"""Precision and recall per rule over a labelled set of calls (pure).

A call's label is the set of rule codes a reviewer would raise; the engine's answer is the
set of codes among its findings. Counted per call and rule: a true positive when both name
the rule, a false positive when only the engine does, a false negative when only the label
does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.quality.rules import RULE_CODES


@dataclass(frozen=True, slots=True)
class RuleScore:
    code: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def per_rule(pairs: Iterable[tuple[frozenset[str], frozenset[str]]]) -> list[RuleScore]:
    """``pairs`` of (expected codes, found codes) per call -> one score per rule."""
    counts = {code: [0, 0, 0] for code in RULE_CODES}
    for expected, found in pairs:
        for code in RULE_CODES:
            if code in found and code in expected:
                counts[code][0] += 1
            elif code in found:
                counts[code][1] += 1
            elif code in expected:
                counts[code][2] += 1
    return [RuleScore(code, *counts[code]) for code in RULE_CODES]

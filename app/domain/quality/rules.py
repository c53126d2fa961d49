"""The quality-review rule data: phrases per language, weights, severities, hint limits.

``load_rules()`` reads ``resources/quality/rules.yaml`` (or a given file);
:func:`rules_from_mapping` validates a decoded document (pure) and raises
:class:`DomainError` naming the offending key. Phrases are compiled with the banned-phrase
checker's normaliser (:func:`app.domain.banned_phrases.build_phrase_list`), so the same
disguises (width, case, traditional characters, spaces between letters) do not hide them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from app.domain.banned_phrases import PhraseList, build_phrase_list
from app.domain.errors import DomainError
from app.domain.resources import resource_path

RULE_CODES = (
    "recording_notice_missing",
    "company_name_missing",
    "disclosure_before_identity",
    "third_party_disclosure",
    "banned_phrase",
    "promise_mismatch",
    "outside_contact_rules",
)
WEIGHT_KEYS = (*RULE_CODES, "banned_phrase_review")
SEVERITIES = ("violation", "review")
PHRASE_KINDS = (
    "recording_notice",
    "company_name",
    "debt_terms",
    "identity_question",
    "identity_affirm",
)
# the transcript language -> the banned-phrase checker's language code
CHECKER_LANG = MappingProxyType({"zh": "zh_CN", "en": "en"})


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """The phrase lists of one language, compiled."""

    recording_notice: PhraseList
    company_name: PhraseList
    debt_terms: PhraseList
    identity_question: PhraseList
    identity_affirm: PhraseList


@dataclass(frozen=True, slots=True)
class QualityRules:
    weights: Mapping[str, int]
    severity: Mapping[str, str]
    talk_over_min_seconds: float
    long_silence_seconds: float
    languages: Mapping[str, LanguageRules]


def _seconds(doc: Mapping[str, object], key: str) -> float:
    value = doc.get(key)
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(f"hints.{key}", "expected a number of seconds") from None
    if isinstance(value, bool) or not d.is_finite() or d <= 0:
        raise DomainError(f"hints.{key}", "expected a positive number of seconds")
    return float(d)


def _language(lang: str, doc: object) -> LanguageRules:
    if not isinstance(doc, Mapping):
        raise DomainError(f"languages.{lang}", "expected a mapping of phrase lists")
    lists: dict[str, PhraseList] = {}
    for kind in PHRASE_KINDS:
        phrases = doc.get(kind)
        if not isinstance(phrases, list) or not phrases:
            raise DomainError(f"languages.{lang}.{kind}", "required, a non-empty list")
        try:
            lists[kind] = build_phrase_list(
                {"lang": CHECKER_LANG[lang], "categories": {kind: phrases}}
            )
        except DomainError as exc:
            raise DomainError(f"languages.{lang}.{kind}", exc.reason) from None
    return LanguageRules(**lists)


def rules_from_mapping(doc: object) -> QualityRules:
    """Validate a raw rules document (pure)."""
    if not isinstance(doc, Mapping):
        raise DomainError("quality_rules", "expected a mapping")
    weights = doc.get("weights")
    if not isinstance(weights, Mapping):
        raise DomainError("weights", "required, a mapping rule -> points")
    for code in WEIGHT_KEYS:
        w = weights.get(code)
        if isinstance(w, bool) or not isinstance(w, int) or not 0 <= w <= 100:
            raise DomainError(f"weights.{code}", "required, whole points 0-100")
    unknown = set(weights) - set(WEIGHT_KEYS)
    if unknown:
        raise DomainError("weights", f"unknown rule {sorted(unknown)[0]!r}")
    severity = doc.get("severity")
    if not isinstance(severity, Mapping):
        raise DomainError("severity", "required, a mapping rule -> severity")
    for code in RULE_CODES:
        if severity.get(code) not in SEVERITIES:
            raise DomainError(f"severity.{code}", f"expected one of {', '.join(SEVERITIES)}")
    hints = doc.get("hints")
    if not isinstance(hints, Mapping):
        raise DomainError("hints", "required, a mapping")
    langs = doc.get("languages")
    if not isinstance(langs, Mapping) or set(langs) != set(CHECKER_LANG):
        raise DomainError("languages", "required, phrase lists for zh and en")
    return QualityRules(
        weights=MappingProxyType({c: int(weights[c]) for c in WEIGHT_KEYS}),
        severity=MappingProxyType({c: str(severity[c]) for c in RULE_CODES}),
        talk_over_min_seconds=_seconds(hints, "talk_over_min_seconds"),
        long_silence_seconds=_seconds(hints, "long_silence_seconds"),
        languages=MappingProxyType({lang: _language(lang, langs[lang]) for lang in CHECKER_LANG}),
    )


def load_rules(path: str | Path | None = None) -> QualityRules:
    """Read and validate a rules file (default: the shipped one)."""
    p = Path(path) if path is not None else resource_path("quality", "rules", ".yaml")
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError("quality_rules", f"cannot read {p.name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise DomainError("quality_rules", f"{p.name} is not valid YAML: {exc}") from None
    return rules_from_mapping(doc)


@cache
def shipped_rules() -> QualityRules:
    """The shipped rules, read once on first use."""
    return load_rules()

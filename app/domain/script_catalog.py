"""Which call script a case gets, and what scripts may say about the lender.

``resources/catalogs/scripts.yaml`` holds ordered rules (first match wins) on the case's
next action and bucket, and the lender's name (per language) and hotline. Validated on
load; :func:`load_catalog` is the only function here that reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from app.domain.errors import DomainError
from app.domain.resources import resource_path
from app.domain.scripts import LANGS

_BUCKETS = ("M0", "M1", "M2", "M3", "M3+")
_ACTIONS = ("promise_due", "callback", "broken_promise", "none")


@dataclass(frozen=True, slots=True)
class ScriptRule:
    """Use `script` when the case's next action is in `next_action` (if given) and its
    bucket in `buckets` (if given)."""

    script: str
    next_action: frozenset[str] = frozenset()
    buckets: frozenset[str] = frozenset()

    def matches(self, bucket: str, next_action: str) -> bool:
        if self.next_action and next_action not in self.next_action:
            return False
        return not self.buckets or bucket in self.buckets


@dataclass(frozen=True, slots=True)
class Catalog:
    """The validated catalog."""

    rules: tuple[ScriptRule, ...]
    lender_names: Mapping[str, str]
    hotline: str

    def script_for(self, bucket: str, next_action: str) -> str:
        """The name of the script for a case (the last rule always matches)."""
        for rule in self.rules:
            if rule.matches(bucket, next_action):
                return rule.script
        return self.rules[-1].script

    def lender_name(self, lang: str) -> str:
        return self.lender_names.get(lang) or next(iter(self.lender_names.values()))


def catalog_from_mapping(doc: object) -> Catalog:
    """Validate a raw mapping (pure)."""
    if not isinstance(doc, Mapping):
        raise DomainError("catalog", "expected a mapping with rules and lender")
    raw_rules = doc.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise DomainError("rules", "required, a non-empty list")
    rules = [_rule(r, f"rules[{i}]") for i, r in enumerate(raw_rules)]
    if rules[-1].next_action or rules[-1].buckets:
        raise DomainError("rules", "the last rule must match every case (no conditions)")
    lender = doc.get("lender")
    if not isinstance(lender, Mapping):
        raise DomainError("lender", "required: name and hotline")
    names = lender.get("name")
    if not isinstance(names, Mapping) or not names or not set(names) <= set(LANGS):
        raise DomainError("lender.name", f"a name per language among {LANGS}")
    hotline = lender.get("hotline")
    if not isinstance(hotline, str) or not hotline.strip():
        raise DomainError("lender.hotline", "required text")
    return Catalog(tuple(rules), {str(k): str(v) for k, v in names.items()}, hotline.strip())


def _rule(raw: object, where: str) -> ScriptRule:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("script"), str):
        raise DomainError(where, "a rule is a mapping with a script name")
    unknown = sorted(str(k) for k in raw if k not in {"script", "next_action", "buckets"})
    if unknown:
        raise DomainError(f"{where}.{unknown[0]}", "unknown rule key")
    actions = _codes(raw.get("next_action", []), _ACTIONS, f"{where}.next_action")
    buckets = _codes(raw.get("buckets", []), _BUCKETS, f"{where}.buckets")
    return ScriptRule(str(raw["script"]), actions, buckets)


def _codes(raw: object, allowed: tuple[str, ...], where: str) -> frozenset[str]:
    if not isinstance(raw, list) or any(v not in allowed for v in raw):
        raise DomainError(where, f"a list among {allowed}")
    return frozenset(str(v) for v in raw)


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Read and validate the catalog (the shipped one by default)."""
    p = Path(path) if path is not None else resource_path("catalogs", "scripts", ".yaml")
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError("catalog", f"cannot read {p.name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise DomainError("catalog", f"{p.name} is not valid YAML: {exc}") from None
    return catalog_from_mapping(doc)


@cache
def shipped_catalog() -> Catalog:
    """The shipped catalog, read once."""
    return load_catalog()

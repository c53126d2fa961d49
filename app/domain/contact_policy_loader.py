"""Loading contact-policy profiles from YAML, with overrides.

``load_profile("cn")`` reads ``resources/policies/cn.yaml``; ``load_profile(path)`` reads any
file. An override (a mapping or another YAML file) is deep-merged over the base document
before validation, so a lender can change one limit without copying the profile. The
loaders are the only functions here that read files; :func:`profile_from_mapping` is pure.
Every malformed value raises :class:`DomainError` naming the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from app.domain.contact_policy_types import (
    MANDATORY_BLOCKING_FLAGS,
    NUMBER_OWNERS,
    THIRD_PARTY_RULES,
    LocalWindow,
    PolicyProfile,
)
from app.domain.errors import DomainError
from app.domain.resources import resource_path

_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_KNOWN_KEYS = frozenset(
    {
        "name",
        "description",
        "call_window",
        "honour_agreed_windows",
        "honour_inconvenient_windows",
        "max_connected_per_day",
        "max_unanswered_per_number_per_day",
        "max_attempts_in_period",
        "attempt_period_days",
        "quiet_days_after_conversation",
        "third_party",
        "blocking_flags",
    }
)

Override = Mapping[str, Any] | str | Path | None


def load_profile(name_or_path: str | Path, overrides: Override = None) -> PolicyProfile:
    """Read a profile by name (``cn``, ``us``) or file path, then apply ``overrides``.

    ``overrides`` is a mapping or a path of a YAML file holding a (partial) profile mapping.
    """
    base = read_policy_document(name_or_path)
    if overrides is not None:
        base = merge_documents(base, _override_document(overrides))
    return profile_from_mapping(base)


def read_policy_document(name_or_path: str | Path) -> dict[str, Any]:
    """Read the raw YAML mapping of a profile (by shipped name or by path)."""
    path = _resolve(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DomainError("profile", f"no such policy profile: {name_or_path}") from None
    except OSError as exc:
        raise DomainError("profile", f"cannot read {path.name}: {exc.strerror}") from None
    return _parse_yaml(text, path.name)


def apply_overrides(profile_doc: Mapping[str, Any], overrides: Mapping[str, Any]) -> PolicyProfile:
    """Pure: deep-merge ``overrides`` over a raw profile mapping and validate the result."""
    return profile_from_mapping(merge_documents(profile_doc, overrides))


def merge_documents(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: nested mappings merge key by key; anything else is replaced."""
    merged: dict[str, Any] = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = merge_documents(old, value)
        else:
            merged[key] = value
    return merged


def profile_from_mapping(doc: Mapping[str, Any]) -> PolicyProfile:
    """Validate a raw mapping and build the profile (pure)."""
    if not isinstance(doc, Mapping):
        raise DomainError("profile", "a policy profile must be a mapping")
    unknown = sorted(str(k) for k in doc if k not in _KNOWN_KEYS)
    if unknown:
        raise DomainError(unknown[0], "unknown policy key")
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DomainError("name", "required, a non-empty string")
    description = doc.get("description", "")
    if not isinstance(description, str):
        raise DomainError("description", "must be a string")
    return PolicyProfile(
        name=name.strip(),
        description=description,
        call_window=_window(doc.get("call_window"), "call_window"),
        honour_agreed_windows=_bool(doc, "honour_agreed_windows", True),
        honour_inconvenient_windows=_bool(doc, "honour_inconvenient_windows", True),
        max_connected_per_day=_limit(doc, "max_connected_per_day"),
        max_unanswered_per_number_per_day=_limit(doc, "max_unanswered_per_number_per_day"),
        max_attempts_in_period=_limit(doc, "max_attempts_in_period"),
        attempt_period_days=_days(doc, "attempt_period_days", 7),
        quiet_days_after_conversation=_limit(doc, "quiet_days_after_conversation", minimum=1),
        third_party=_third_party(doc.get("third_party", {})),
        blocking_flags=_flags(doc.get("blocking_flags", [])),
    )


# -- helpers -------------------------------------------------------------------------------
def _resolve(name_or_path: str | Path) -> Path:
    if isinstance(name_or_path, Path):
        return name_or_path
    if not isinstance(name_or_path, str) or not name_or_path:
        raise DomainError("profile", "a profile name or path is required")
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith((".yaml", ".yml")):
        return Path(name_or_path)
    return resource_path("policies", name_or_path, ".yaml")


def _override_document(overrides: Mapping[str, Any] | str | Path) -> Mapping[str, Any]:
    if isinstance(overrides, Mapping):
        return overrides
    path = Path(overrides)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DomainError("overrides", f"cannot read {path.name}: {exc.strerror}") from None
    return _parse_yaml(text, path.name)


def _parse_yaml(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DomainError("profile", f"{source} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DomainError("profile", f"{source} must hold a mapping")
    return data


def parse_wall_time(value: object, key: str) -> time:
    """Parse ``"HH:MM"`` / ``"HH:MM:SS"`` (YAML may also hand us minutes as an int)."""
    if isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)  # YAML 1.1 reads 08:00 as sexagesimal 480
    if isinstance(value, str):
        m = _TIME_RE.match(value.strip())
        if m:
            return time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    raise DomainError(key, f"expected a wall-clock time HH:MM, got {value!r}")


def _window(value: object, key: str) -> LocalWindow:
    if not isinstance(value, Mapping):
        raise DomainError(key, "required, a mapping with start and end (HH:MM)")
    for sub in ("start", "end"):
        if sub not in value:
            raise DomainError(f"{key}.{sub}", "required")
    start = parse_wall_time(value["start"], f"{key}.start")
    end = parse_wall_time(value["end"], f"{key}.end")
    return LocalWindow(start, end)


def _bool(doc: Mapping[str, Any], key: str, default: bool) -> bool:
    value = doc.get(key, default)
    if not isinstance(value, bool):
        raise DomainError(key, f"expected true/false, got {value!r}")
    return value


def _limit(doc: Mapping[str, Any], key: str, *, minimum: int = 0) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise DomainError(key, f"expected an integer >= {minimum} or null, got {value!r}")
    return value


def _days(doc: Mapping[str, Any], key: str, default: int) -> int:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 366:
        raise DomainError(key, f"expected a number of days 1-366, got {value!r}")
    return value


def _third_party(value: object) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise DomainError("third_party", "expected a mapping owner -> rule")
    rules: dict[str, str] = {"related": "forbidden", "emergency": "forbidden"}
    for owner, rule in value.items():
        if owner not in NUMBER_OWNERS or owner == "borrower":
            raise DomainError(f"third_party.{owner}", "unknown number owner")
        if rule not in THIRD_PARTY_RULES:
            raise DomainError(
                f"third_party.{owner}", f"expected one of {', '.join(THIRD_PARTY_RULES)}"
            )
        if owner == "unrelated" and rule != "forbidden":
            raise DomainError("third_party.unrelated", "unrelated persons are always off limits")
        rules[str(owner)] = str(rule)
    rules["unrelated"] = "forbidden"
    return MappingProxyType(rules)


def _flags(value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(f, str) and f for f in value):
        raise DomainError("blocking_flags", "expected a list of flag names")
    return MANDATORY_BLOCKING_FLAGS | frozenset(value)

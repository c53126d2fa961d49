"""Reminder templates (SMS / IVR) as data: loading, validation, selection and rendering.

``resources/reminders/templates.yaml`` lists templates with an id, a channel, the DPD range
they are meant for and their text in zh_CN and en. Loading refuses a document with a
missing language, an unknown placeholder, overlapping DPD ranges on one channel, or a text
that the banned-phrase checker (:mod:`app.domain.banned_phrases`) flags. Pure except the
loader, which reads the file.
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.domain.banned_phrases import LANGS, check_text
from app.domain.errors import DomainError
from app.domain.resources import resource_path

CHANNELS = ("sms", "ivr")
PLACEHOLDERS = frozenset({"contract_tail", "amount", "hotline"})


@dataclass(frozen=True, slots=True)
class ReminderTemplate:
    """One template: id, channel, the DPD range it serves, text per language."""

    id: str
    channel: str
    min_dpd: int
    max_dpd: int
    text: Mapping[str, str]

    def render(self, lang: str, values: Mapping[str, str]) -> str:
        """The text with its placeholders filled (what the gateway will send)."""
        return self.text[lang].format(**values)


@dataclass(frozen=True, slots=True)
class TemplateSet:
    """All templates and the service line they quote."""

    hotline: str
    templates: tuple[ReminderTemplate, ...]

    def for_case(self, dpd: int) -> list[ReminderTemplate]:
        """The template of each channel whose DPD range holds `dpd` (channel order)."""
        out = []
        for channel in CHANNELS:
            for t in self.templates:
                if t.channel == channel and t.min_dpd <= dpd <= t.max_dpd:
                    out.append(t)
                    break
        return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def templates_from_mapping(doc: object) -> TemplateSet:
    """Validate a raw document (pure but for the banned-phrase list, read once)."""
    if not isinstance(doc, Mapping):
        raise DomainError("reminders", "expected a mapping with 'hotline' and 'templates'")
    hotline = doc.get("hotline")
    if not isinstance(hotline, str) or not hotline.strip():
        raise DomainError("hotline", "required, a non-empty string")
    raw = doc.get("templates")
    if not isinstance(raw, list) or not raw:
        raise DomainError("templates", "required, a non-empty list")
    out: list[ReminderTemplate] = []
    for k, item in enumerate(raw):
        out.append(_template(item, f"templates[{k}]"))
    ids = [t.id for t in out]
    if len(set(ids)) != len(ids):
        raise DomainError("templates", "template ids must be unique")
    for channel in CHANNELS:
        spans = sorted((t.min_dpd, t.max_dpd, t.id) for t in out if t.channel == channel)
        for (_, hi, a), (lo, _, b) in itertools.pairwise(spans):
            if lo <= hi:
                raise DomainError("templates", f"{a} and {b} overlap on channel {channel}")
    return TemplateSet(hotline.strip(), tuple(out))


def _template(item: Any, where: str) -> ReminderTemplate:
    if not isinstance(item, Mapping):
        raise DomainError(where, "expected a mapping")
    tid, channel = item.get("id"), item.get("channel")
    if not isinstance(tid, str) or not tid.isidentifier():
        raise DomainError(f"{where}.id", "required, letters, digits and underscores")
    if channel not in CHANNELS:
        raise DomainError(f"{where}.channel", f"expected one of {', '.join(CHANNELS)}")
    lo, hi = item.get("min_dpd"), item.get("max_dpd")
    if not (isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi):
        raise DomainError(f"{where}.min_dpd", "need integers 1 <= min_dpd <= max_dpd")
    text = item.get("text")
    if not isinstance(text, Mapping) or set(text) != set(LANGS):
        raise DomainError(f"{where}.text", f"need exactly the languages {', '.join(LANGS)}")
    for lang, body in text.items():
        if not isinstance(body, str) or not body.strip():
            raise DomainError(f"{where}.text.{lang}", "a non-empty string")
        unknown = _fields(body) - PLACEHOLDERS
        if unknown:
            raise DomainError(f"{where}.text.{lang}", f"unknown placeholder {sorted(unknown)[0]}")
        hits = check_text(body, lang)
        if hits:
            raise DomainError(f"{where}.text.{lang}", f"banned phrase {hits[0].phrase!r}")
    return ReminderTemplate(tid, str(channel), lo, hi, {str(k): str(v) for k, v in text.items()})


def load_templates(path: str | Path | None = None) -> TemplateSet:
    """Read and validate a template file (default: the shipped one)."""
    p = Path(path) if path is not None else resource_path("reminders", "templates", ".yaml")
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError("reminders", f"cannot read {p.name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise DomainError("reminders", f"{p.name} is not valid YAML: {exc}") from None
    return templates_from_mapping(doc)


def contract_tail(contract_no: str) -> str:
    """The last 4 characters of a contract number (all a reminder shows of it)."""
    return contract_no[-4:]


def parse_window(text: str, field: str) -> tuple[int, int]:
    """'HH:MM-HH:MM' -> (start, end) minutes of the day, start < end (no wrap)."""
    try:
        a, b = text.split("-")
        h1, m1 = (int(x) for x in a.strip().split(":"))
        h2, m2 = (int(x) for x in b.strip().split(":"))
    except ValueError:
        raise DomainError(field, f"expected HH:MM-HH:MM, got {text!r}") from None
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if not (0 <= h1 < 24 and 0 <= h2 < 24 and 0 <= m1 < 60 and 0 <= m2 < 60 and start < end):
        raise DomainError(field, f"expected HH:MM-HH:MM with start before end, got {text!r}")
    return start, end


def split_list(text: str | Sequence[str]) -> tuple[str, ...]:
    """'M1, M2' -> ('M1', 'M2')."""
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(s.strip() for s in items if s.strip())

"""Banned-phrase checker for call scripts and notes (threats, invented blacklists, impersonation...).

Lists live in ``resources/banned_phrases/<lang>.yaml`` as ``categories: {name: [phrases]}``.
A phrase is found as a person would still recognise it (issues 10 and 14):

- text is folded first (app.domain.banned_units): look-alike letters of other scripts
  ("bl\u0430cklist" with a Cyrillic а), full-width forms, case, diacritics, zero-width
  characters, traditional characters; separators between the letters are ignored;
- Chinese phrases match on sound too (pypinyin): homophones ("黑名丹") and pinyin spelled in
  Latin letters, whole or mixed ("heimingdan", "征信hei名单"); English phrases match digits
  and symbols for letters ("b1ackl1st", "$cum") and stretched letters ("stuuupid");
- one letter or digit inserted between the characters of a phrase ("黑x名单", "black1list")
  does not hide it (app.domain.banned_match has the exact rules).

Each hit carries a ``severity``: ``"block"`` for the agent's own words (a violation), or
``"review"`` when a person should judge (``reason``): a quote of someone else or a denial
(app.domain.banned_context: "客户说：你们这些骗子", "we have no blacklist"), a phrase split by
a comma or a full stop ("请坐，牢记"), or a two-character homophone that may be a real word
("出生"/"畜生"). The desk warns on both; only "block" counts as a violation.

Hits carry positions in the ORIGINAL text. :func:`load_phrase_list` reads a file;
:func:`check_text` uses the shipped list, read once on first use (never at import), as are
the look-alike table and pypinyin's data; :func:`check_values` checks the values that will
be filled into a call script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from app.domain.banned_context import context_of
from app.domain.banned_match import Match, Phrase, candidates, match_en, match_zh, structural_doubt
from app.domain.banned_units import GAP_NONE, Unit, phrase_readings, units
from app.domain.errors import DomainError
from app.domain.resources import resource_path

LANGS = ("zh_CN", "en")
SEVERITIES = ("block", "review")


@dataclass(frozen=True, slots=True)
class BannedHit:
    """One banned phrase found: ``text[start:end]`` of the original text matched ``phrase``.

    ``severity`` is "block" (the agent's own words: a violation) or "review" (a person
    should judge; ``reason`` says why: "quote", "denial", "split" or "sound")."""

    phrase: str
    category: str
    start: int
    end: int
    matched: str
    severity: str = "block"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PhraseList:
    """The compiled phrases of one language, indexed by what they can start with."""

    lang: str
    categories: Mapping[str, str]  # key -> category
    phrases: Mapping[str, str]  # key -> phrase as written in the list
    index: Mapping[str, Sequence[Phrase]]  # char, "~reading" or "@letter" -> phrases
    memo: dict[tuple[str, str], tuple[Phrase, ...]] = field(default_factory=dict, compare=False)


def _compile(written: str, category: str, lang: str) -> Phrase | None:
    us = units(written)
    if not us:
        return None
    chars = tuple(u.ch for u in us)
    starts = frozenset(j for j, u in enumerate(us) if j and u.gap != GAP_NONE)
    sounds = tuple(phrase_readings("".join(chars))) if lang == "zh_CN" else ()
    return Phrase("".join(chars), written, category, chars, sounds, starts)


def _index(phrases: Sequence[Phrase], lang: str) -> dict[str, list[Phrase]]:
    index: dict[str, list[Phrase]] = {}
    for p in phrases:
        keys = {p.chars[0]} if lang == "zh_CN" else {"@" + p.chars[0]}
        if lang == "zh_CN" and p.sounds[0]:
            keys |= {"~" + p.sounds[0], "@" + p.sounds[0][0]}
        for key in keys:
            index.setdefault(key, []).append(p)
    return index


def build_phrase_list(doc: object) -> PhraseList:
    """Validate a raw mapping ``{lang, categories: {category: [phrase, ...]}}`` (pure)."""
    if not isinstance(doc, Mapping):
        raise DomainError("banned_phrases", "expected a mapping")
    lang = doc.get("lang")
    if lang not in LANGS:
        raise DomainError("lang", f"expected one of {', '.join(LANGS)}")
    cats = doc.get("categories")
    if not isinstance(cats, Mapping) or not cats:
        raise DomainError("categories", "required, a mapping category -> list of phrases")
    categories: dict[str, str] = {}
    written: dict[str, str] = {}
    compiled: list[Phrase] = []
    for cat, phrases in cats.items():
        if not isinstance(cat, str) or not isinstance(phrases, list) or not phrases:
            raise DomainError(f"categories.{cat}", "expected a non-empty list of phrases")
        for j, phrase in enumerate(phrases):
            p = _compile(phrase, cat, str(lang)) if isinstance(phrase, str) else None
            if p is None:
                raise DomainError(f"categories.{cat}[{j}]", "expected a non-empty phrase")
            if p.key not in categories:
                categories[p.key] = cat
                written[p.key] = phrase
                compiled.append(p)
    return PhraseList(str(lang), categories, written, _index(compiled, str(lang)))


def load_phrase_list(path: str | Path) -> PhraseList:
    """Read and compile a phrase-list file."""
    p = Path(path)
    try:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError("banned_phrases", f"cannot read {p.name}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise DomainError("banned_phrases", f"{p.name} is not valid YAML: {exc}") from None
    return build_phrase_list(doc)


@cache
def shipped_phrase_list(lang: str) -> PhraseList:
    """The shipped list for ``lang`` (read once, on first use)."""
    if lang not in LANGS:
        raise DomainError("lang", f"expected one of {', '.join(LANGS)}")
    return load_phrase_list(resource_path("banned_phrases", lang, ".yaml"))


def _matches(us: Sequence[Unit], plist: PhraseList) -> list[Match]:
    zh = plist.lang == "zh_CN"
    found: list[Match] = []
    memo = plist.memo
    for i, u in enumerate(us):
        if u.kind != "han" and not u.letters:
            continue
        if u.kind != "han" and i and u.gap == GAP_NONE and us[i - 1].kind == "lat":
            continue  # a match never starts inside a Latin word
        key = (u.kind, u.ch if u.kind == "han" else u.letters)
        todo = memo.get(key)
        if todo is None:
            todo = memo[key] = tuple(
                {p.key: p for p in candidates(u, None, plist.index, zh)}.values()
            )
        for p in todo:
            m = match_zh(us, i, p) if zh else match_en(us, i, p)
            if m is not None:
                found.append(m)
    return found


def check_text(text: str, lang: str, phrases: PhraseList | None = None) -> list[BannedHit]:
    """Every banned phrase in ``text``, in order; a hit inside a longer hit is not repeated.
    Each hit has its severity ("block" or "review", see the module docstring)."""
    if not isinstance(text, str):
        raise DomainError("text", "expected a string")
    plist = phrases if phrases is not None else shipped_phrase_list(lang)
    us = units(text)
    found = _matches(us, plist)
    found.sort(key=lambda m: (us[m.first].start, -us[m.last].end, m.homophones, m.latin))
    hits: list[BannedHit] = []
    covered_to = -1
    for m in found:
        start, end = us[m.first].start, us[m.last].end
        if end <= covered_to:
            continue  # contained in a previous, longer hit
        covered_to = end
        reason = context_of(text, start, end) or structural_doubt(m)
        p = m.phrase
        hits.append(
            BannedHit(
                p.written,
                p.category,
                start,
                end,
                text[start:end],
                "review" if reason else "block",
                reason,
            )
        )
    return hits


def violations(hits: Sequence[BannedHit]) -> list[BannedHit]:
    """The hits that count as a violation (severity "block")."""
    return [h for h in hits if h.severity == "block"]


def check_values(
    values: Mapping[str, object], lang: str, phrases: PhraseList | None = None
) -> list[tuple[str, BannedHit]]:
    """Banned phrases in the values that will be filled into a call script, as
    ``(name, hit)`` with positions in that value's text as a script shows it (values a
    script would not show, e.g. None or a float, are skipped)."""
    from app.domain.scripts_template import format_value

    if not isinstance(values, Mapping):
        raise DomainError("values", "expected a mapping of placeholder names to values")
    found: list[tuple[str, BannedHit]] = []
    for name, value in values.items():
        shown = format_value(value, lang)
        if shown is None:
            continue
        found.extend((str(name), hit) for hit in check_text(shown, lang, phrases))
    return found

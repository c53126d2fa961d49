"""Banned-phrase checker for call scripts and notes (threats, invented blacklists, impersonation...).

Lists live in ``resources/banned_phrases/<lang>.yaml`` as ``categories: {name: [phrases]}``.
Text and phrases are normalised the same way (NFKC: full-width to half-width; case folded;
whitespace collapsed, and removed entirely for Chinese so "征 信 黑 名 单" still matches).
English phrases match on word boundaries ("skill" does not hit "kill"). Hits carry positions
in the ORIGINAL text. :func:`load_phrase_list` reads a file; :func:`check_text` uses the
shipped list, read once on first use (never at import).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from app.domain.errors import DomainError
from app.domain.resources import resource_path

LANGS = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class BannedHit:
    """One banned phrase found: ``text[start:end]`` of the original text matched ``phrase``."""

    phrase: str
    category: str
    start: int
    end: int
    matched: str


@dataclass(frozen=True, slots=True)
class PhraseList:
    """The compiled phrases of one language."""

    lang: str
    categories: Mapping[str, str]  # normalised phrase -> category
    phrases: Mapping[str, str]  # normalised phrase -> phrase as written in the list
    pattern: re.Pattern[str]


def normalise(text: str, lang: str) -> tuple[str, list[int]]:
    """Normalised text and, per normalised character, its index in the original text."""
    drop_space = not lang.startswith("en")
    out: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch).casefold().replace("\u2019", "'")
        for c in norm:
            if c.isspace():
                if drop_space or prev_space:
                    continue
                c = " "
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


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
    for cat, phrases in cats.items():
        if not isinstance(cat, str) or not isinstance(phrases, list) or not phrases:
            raise DomainError(f"categories.{cat}", "expected a non-empty list of phrases")
        for j, phrase in enumerate(phrases):
            if not isinstance(phrase, str) or not phrase.strip():
                raise DomainError(f"categories.{cat}[{j}]", "expected a non-empty phrase")
            norm, _ = normalise(phrase, str(lang))
            categories.setdefault(norm, cat)
            written.setdefault(norm, phrase)
    alternatives = "|".join(re.escape(p) for p in sorted(categories, key=lambda p: (-len(p), p)))
    if lang == "en":
        pattern = re.compile(rf"(?<!\w)(?=({alternatives})(?!\w))")
    else:
        pattern = re.compile(rf"(?=({alternatives}))")
    return PhraseList(str(lang), categories, written, pattern)


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


def check_text(text: str, lang: str, phrases: PhraseList | None = None) -> list[BannedHit]:
    """Every banned phrase in ``text``, in order; a hit inside a longer hit is not repeated."""
    if not isinstance(text, str):
        raise DomainError("text", "expected a string")
    plist = phrases if phrases is not None else shipped_phrase_list(lang)
    norm, index = normalise(text, plist.lang)
    hits: list[BannedHit] = []
    covered_to = -1
    for m in plist.pattern.finditer(norm):
        s, e = m.start(1), m.end(1)
        if e <= covered_to:
            continue  # contained in the previous, longer hit
        covered_to = max(covered_to, e)
        key = m.group(1)
        start, end = index[s], index[e - 1] + 1
        hits.append(
            BannedHit(plist.phrases[key], plist.categories[key], start, end, text[start:end])
        )
    return hits

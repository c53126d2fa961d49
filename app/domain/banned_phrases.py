"""Banned-phrase checker for call scripts and notes (threats, invented blacklists, impersonation...).

Lists live in ``resources/banned_phrases/<lang>.yaml`` as ``categories: {name: [phrases]}``.
Text and phrases are normalised the same way (:func:`normalise`), so the usual disguises do
not hide a phrase:

- compatibility forms folded (NFKD: full-width to half-width, ligatures, circled digits)
  and diacritics dropped ("blácklist"), case folded;
- traditional characters mapped to simplified ones ("徵信黑名單" is "征信黑名单"), character
  by character with OpenCC's table (opencc-python-reimplemented, pure Python, no download);
- zero-width and other invisible format characters (ZWSP, ZWJ, BOM, word joiner, soft
  hyphen) and combining marks removed;
- whitespace, punctuation and symbols are separators: in Chinese they are removed ("征 信.
  黑-名*单"); in English each run of them becomes one space, and a phrase matches with or
  without a space between any two of its letters ("b l a c k l i s t", "black-list",
  "B.L.A.C.K"), but only on word boundaries ("skill" does not hit "kill").

The price is the rare false alarm across a separator in Chinese ("请坐，牢记" reads as
"坐牢"); a hit names the original text it came from, so a person can judge. Hits carry
positions in the ORIGINAL text. :func:`load_phrase_list` reads a file; :func:`check_text`
uses the shipped list, read once on first use (never at import); :func:`check_values`
checks the values that will be filled into a call script.
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
_DROP = frozenset({"Cf", "Mn", "Me"})  # invisible format characters and combining marks
_CJK_FROM = 0x2E80  # below this nothing has a traditional/simplified form


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
    """The compiled phrases of one language, keyed by their normalised letters (no spaces)."""

    lang: str
    categories: Mapping[str, str]  # key -> category
    phrases: Mapping[str, str]  # key -> phrase as written in the list
    pattern: re.Pattern[str]


@cache
def _opencc_t2s() -> object:
    from opencc import OpenCC  # imported on first use: the desk starts without it

    return OpenCC("t2s")


@cache
def _simplified(ch: str) -> str:
    """The simplified form of one character (itself when it has none)."""
    converted = str(_opencc_t2s().convert(ch))  # type: ignore[attr-defined]
    return converted or ch


def _fold(ch: str) -> str:
    """One original character as normalised characters (possibly none)."""
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", ch).casefold():
        if unicodedata.category(c) in _DROP:
            continue
        out.append(_simplified(c) if ord(c) >= _CJK_FROM else c)
    return unicodedata.normalize("NFKC", "".join(out))


def _is_separator(c: str) -> bool:
    return c.isspace() or unicodedata.category(c)[0] in "PSZC"


def normalise(text: str, lang: str) -> tuple[str, list[int]]:
    """Normalised text and, per normalised character, its index in the original text.

    Letters and digits only; in English a single space stands for each run of separators
    between them (see the module docstring).
    """
    spaced = lang.startswith("en")
    out: list[str] = []
    index: list[int] = []
    pending_space = -1  # index of the separator run not yet written (English)
    for i, ch in enumerate(text):
        for c in _fold(ch):
            if _is_separator(c):
                if spaced and out and pending_space < 0:
                    pending_space = i
                continue
            if pending_space >= 0:
                out.append(" ")
                index.append(pending_space)
                pending_space = -1
            out.append(c)
            index.append(i)
    return "".join(out), index


def _key(normalised: str) -> str:
    return normalised.replace(" ", "")


def _phrase_regex(key: str, lang: str) -> str:
    if lang == "en":  # a space is allowed (not required) between any two letters
        return " ?".join(re.escape(c) for c in key)
    return re.escape(key)


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
            key = _key(normalise(phrase, str(lang))[0]) if isinstance(phrase, str) else ""
            if not key:
                raise DomainError(f"categories.{cat}[{j}]", "expected a non-empty phrase")
            categories.setdefault(key, cat)
            written.setdefault(key, phrase)
    alternatives = "|".join(
        _phrase_regex(k, str(lang)) for k in sorted(categories, key=lambda p: (-len(p), p))
    )
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
        key = _key(m.group(1))
        start, end = index[s], index[e - 1] + 1
        hits.append(
            BannedHit(plist.phrases[key], plist.categories[key], start, end, text[start:end])
        )
    return hits


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

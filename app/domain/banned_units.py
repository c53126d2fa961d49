"""Text as the banned-phrase matcher reads it: a list of :class:`Unit` (pure, no I/O but the
shipped tables read once on first use).

Each original character is folded (look-alike letters of other scripts to the Latin letter
they imitate, from ``resources/banned_phrases/confusables.yaml`` after Unicode's UTS #39
confusables; NFKD compatibility forms; case; diacritics, zero-width and other invisible
characters dropped; traditional characters to simplified with OpenCC's table) and becomes:

- a Chinese character (``han``), whose readings (toneless pinyin, every reading of a
  character with several) come from pypinyin, so a phrase can be matched on sound;
- a Latin letter (``lat``); three or more of the same letter in a row are one unit
  ("stuuupid" reads "stupid"; "looser" stays "looser");
- a digit (``dig``) or ``@``/``$`` (``sym``): they stand for the letters they imitate
  (0→o, 1→i/l, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s) only next to Latin letters
  ("b1ackl1st", "B-L-4-C-K"), never in a number on its own ("还款3000元");
- anything else alphabetic (kana, Hangul...) is ``other`` and matches nothing.

Whitespace, punctuation and symbols are separators, recorded on the unit after them as its
``gap``: 0 none, 1 a separator, 2 a clause or sentence boundary (，。！？；：、… and , ; : ! ?,
a "." followed by a space or the end, a line break): a phrase split by one is reported for
review, not as a violation (see banned_match).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from app.domain.errors import DomainError
from app.domain.resources import resource_path

_DROP = frozenset({"Cf", "Mn", "Me"})  # invisible format characters and combining marks
_CJK_FROM = 0x2E80  # below this nothing has a traditional/simplified form
BOUNDARY_CHARS = frozenset("，。！？；：、…,;:!?\n\r\u2028\u2029｡､")
#: what a digit or symbol next to Latin letters can stand for
LEET: Mapping[str, str] = {
    "0": "o", "1": "il", "2": "z", "3": "e", "4": "a", "5": "s", "6": "bg", "7": "t",
    "8": "b", "9": "g", "@": "a", "$": "s",
}  # fmt: skip
GAP_NONE, GAP_SEP, GAP_BOUNDARY = 0, 1, 2


@dataclass(slots=True)
class Unit:
    """One matchable character: ``text[start:end]`` of the original text."""

    start: int
    end: int
    kind: str  # "han" | "lat" | "dig" | "sym" | "other"
    ch: str  # normalised character
    letters: str  # the Latin letters it can stand for ("" for none)
    gap: int  # separators before it: GAP_NONE, GAP_SEP or GAP_BOUNDARY


@cache
def _opencc_t2s() -> object:
    from opencc import OpenCC  # imported on first use: the desk starts without it

    return OpenCC("t2s")


@cache
def _simplified(ch: str) -> str:
    """The simplified form of one character (itself when it has none)."""
    converted = str(_opencc_t2s().convert(ch))  # type: ignore[attr-defined]
    return converted or ch


@cache
def confusables() -> Mapping[str, str]:
    """The shipped look-alike table: character -> the Latin letter it imitates."""
    path = resource_path("banned_phrases", "confusables", ".yaml")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DomainError("confusables", f"cannot read {path.name}: {exc}") from None
    letters = doc.get("letters") if isinstance(doc, Mapping) else None
    if not isinstance(letters, Mapping):
        raise DomainError("confusables", "expected a mapping 'letters'")
    out: dict[str, str] = {}
    for key, value in letters.items():
        if not (isinstance(key, str) and len(key) == 1 and isinstance(value, str)):
            raise DomainError("confusables", f"bad entry {key!r}: {value!r}")
        if not (len(value) == 1 and "a" <= value <= "z"):
            raise DomainError("confusables", f"{key!r} must map to one letter a-z")
        out[key] = value
    return out


@cache
def readings(ch: str) -> frozenset[str]:
    """Every toneless pinyin reading of one Chinese character (empty when unknown)."""
    from pypinyin import Style, pinyin  # imported on first use: the desk starts without it

    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(r for group in found for r in group if r.isascii() and r.isalpha())


def phrase_readings(chars: str) -> list[str]:
    """The reading of each character of a phrase, in the phrase's context ("黑名单" -> hei
    ming dan, not shan); "" for a character that is not Chinese."""
    from pypinyin import Style, lazy_pinyin

    out = [""] * len(chars)
    han = [i for i, ch in enumerate(chars) if is_han(ch)]
    if han:
        said = lazy_pinyin("".join(chars[i] for i in han), style=Style.NORMAL, errors="ignore")
        if len(said) == len(han):
            for i, r in zip(han, said, strict=True):
                out[i] = r
    return out


def is_han(c: str) -> bool:
    o = ord(c)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


@cache
def fold(ch: str) -> str:
    """One original character as normalised characters (possibly none)."""
    table = confusables()
    if ch in table:
        return table[ch]
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", ch).casefold():
        if unicodedata.category(c) in _DROP:
            continue
        c = table.get(c, c)
        out.append(_simplified(c) if ord(c) >= _CJK_FROM else c)
    return unicodedata.normalize("NFKC", "".join(out))


def _kind(c: str) -> str:
    if "a" <= c <= "z":
        return "lat"
    if "0" <= c <= "9":
        return "dig"
    if c in "@$":
        return "sym"
    if is_han(c):
        return "han"
    if c.isalnum():
        return "other"
    return "sep"


@cache
def _classified(ch: str) -> tuple[tuple[str, str], ...]:
    """One original character folded, each resulting character with its kind."""
    return tuple((c, _kind(c)) for c in fold(ch))


@lru_cache(maxsize=16)
def units(text: str) -> tuple[Unit, ...]:
    """The units of `text` (see the module docstring); cached for the few texts checked
    last (a note is checked against both lists), so treat them as read-only."""
    out: list[Unit] = []
    gap = GAP_NONE
    n = len(text)
    for i, ch in enumerate(text):
        for c, kind in _classified(ch):
            if kind == "sep":
                if ch in BOUNDARY_CHARS or (ch in ".．" and (i + 1 >= n or text[i + 1].isspace())):
                    gap = GAP_BOUNDARY
                elif gap == GAP_NONE and out:
                    gap = GAP_SEP
                continue
            letters = c if kind == "lat" else ""
            out.append(Unit(i, i + 1, kind, c, letters, gap if out else GAP_NONE))
            gap = GAP_NONE
    out = _collapse_runs(out)
    for j, u in enumerate(out):
        if u.kind in ("dig", "sym"):
            if _next_to_letters(out, j):
                u.letters = LEET.get(u.ch, "")
            elif u.kind == "sym":
                u.kind = "other"  # an @ or $ on its own stands for nothing
    return tuple(out)


def _collapse_runs(out: list[Unit]) -> list[Unit]:
    """Three or more of the same Latin letter in a row become one unit."""
    merged: list[Unit] = []
    j = 0
    while j < len(out):
        u = out[j]
        k = j + 1
        if u.kind == "lat":
            while k < len(out) and out[k].kind == "lat" and out[k].ch == u.ch and not out[k].gap:
                k += 1
        if k - j >= 3:
            u.end = out[k - 1].end
        else:
            k = j + 1
        merged.append(u)
        j = k
    return merged


def _next_to_letters(out: list[Unit], j: int) -> bool:
    """Whether unit j is in a run of letters, digits and symbols with a Latin letter in it,
    or sits between two Latin letters with only separators around it ("B-L-4-C-K")."""
    k = j
    while k > 0 and out[k].gap == GAP_NONE and out[k - 1].kind in ("lat", "dig", "sym"):
        k -= 1
        if out[k].kind == "lat":
            return True
    k = j
    while (
        k + 1 < len(out) and out[k + 1].gap == GAP_NONE and out[k + 1].kind in ("lat", "dig", "sym")
    ):
        k += 1
        if out[k].kind == "lat":
            return True
    before = out[j - 1] if j > 0 and out[j].gap == GAP_SEP else None
    after = out[j + 1] if j + 1 < len(out) and out[j + 1].gap == GAP_SEP else None
    return before is not None and after is not None and before.kind == "lat" and after.kind == "lat"

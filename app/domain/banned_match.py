"""Finding banned phrases in the units of a text (app.domain.banned_units), pure.

A Chinese phrase matches character by character, each character of the phrase by:

- the same character ("黑名单"), or one that sounds the same (toneless pinyin from pypinyin,
  any reading of the text's character: "黑名丹"), or
- its pinyin spelled in Latin letters, whole syllables, with or without spaces and mixed
  with characters ("heimingdan", "hei ming dan", "征信hei名单"), on Latin word boundaries.

An English phrase matches letter by letter (spaces optional between any two letters, Latin
word boundaries around it); a digit or symbol next to letters matches the letter it
imitates ("b1ackl1st").

Between two characters of a phrase there may be separators and ONE inserted letter or digit
that belongs to no character ("黑x名单", "black1list"): for Chinese between two characters
matched as characters; for English a digit or symbol, or a letter when the phrase has seven
letters or more (shorter words have real neighbours: "scum"/"scrum").

Each match says how it was made, so the checker can judge it (:func:`judge`):

- a phrase split by a clause or sentence boundary (a comma, a full stop...) is for review,
  unless it is spelled out: every character separated (three or more: "征，信，黑，名，单",
  "b. l. a. c. k"), or, in English, three or more words each followed by a boundary
  ("You. Will. Go. To. Jail.");
- a homophone of a two-character phrase is for review (too many real words sound like one:
  "出生"/"畜生", "老来"/"老赖"), as is a phrase of three or more where no character is right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.banned_units import GAP_BOUNDARY, GAP_NONE, Unit, readings

MAX_INSERTIONS = 2
LONG_ENOUGH_FOR_LETTER_INSERTION = 7


@dataclass(frozen=True, slots=True)
class Phrase:
    """One compiled phrase: its characters (Chinese) or letters (English)."""

    key: str  # normalised characters without separators: the phrase's identity
    written: str  # as in the list
    category: str
    chars: tuple[str, ...]
    sounds: tuple[str, ...]  # Chinese: the reading of each character in the phrase
    word_starts: frozenset[int]  # English: indices of letters that start a later word


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase found from unit ``first`` to unit ``last`` (inclusive)."""

    phrase: Phrase
    first: int
    last: int
    gaps: tuple[int, ...]  # the gap before each character but the first
    homophones: int  # characters matched by sound only
    latin: int  # characters matched by pinyin letters


def _spell(us: Sequence[Unit], u: int, syllable: str) -> int:
    """The unit after `syllable` spelled in letters from unit u (no separators inside it),
    or -1."""
    for n, letter in enumerate(syllable):
        k = u + n
        if k >= len(us) or letter not in us[k].letters or (n and us[k].gap != GAP_NONE):
            return -1
    return u + len(syllable)


def _latin_edge(us: Sequence[Unit], inner: int, outer: int) -> bool:
    """Whether unit `outer` (just before or after a match) glues a Latin letter to it."""
    if outer < 0 or outer >= len(us):
        return False
    joined = us[max(inner, outer)].gap == GAP_NONE
    return joined and us[outer].kind == "lat"


def match_zh(us: Sequence[Unit], i: int, p: Phrase) -> Match | None:
    """The first way Chinese phrase `p` matches from unit i, or None."""
    k = len(p.chars)
    if k > 1 and i + 1 < len(us) and us[i].kind == "han":  # a quick look at the second one
        nxt = us[i + 1]
        if nxt.kind == "han" and nxt.ch != p.chars[1] and p.sounds[1] not in readings(nxt.ch):
            return None
        if nxt.kind not in ("han", "lat", "dig"):
            return None
    elif us[i].kind != "han" and _spell(us, i, p.sounds[0]) < 0:
        return None

    def step(j: int, u: int, gaps: tuple[int, ...], homo: int, lat: int, ins: int,
             prev_han: bool, pend: int) -> Match | None:  # fmt: skip
        if j == k:
            if not prev_han and _latin_edge(us, u - 1, u):
                return None
            return Match(p, i, u - 1, gaps, homo, lat)
        if u >= len(us):
            return None
        g = gaps if j == 0 else (*gaps, max(us[u].gap, pend))
        unit = us[u]
        if unit.kind == "han":
            if unit.ch == p.chars[j]:
                found = step(j + 1, u + 1, g, homo, lat, ins, True, 0)
                if found:
                    return found
            elif p.sounds[j] and p.sounds[j] in readings(unit.ch):
                found = step(j + 1, u + 1, g, homo + 1, lat, ins, True, 0)
                if found:
                    return found
        elif unit.letters and p.sounds[j]:
            after = _spell(us, u, p.sounds[j])
            if after > 0 and not (j == 0 and _latin_edge(us, u, u - 1)):
                found = step(j + 1, after, g, homo, lat + 1, ins, False, 0)
                if found:
                    return found
        if (
            j > 0
            and prev_han
            and ins < MAX_INSERTIONS
            and unit.kind in ("lat", "dig")
            and u + 1 < len(us)
            and us[u + 1].kind == "han"
        ):  # one letter or digit between two characters
            return step(j, u + 1, gaps, homo, lat, ins + 1, True, max(unit.gap, pend))
        return None

    return step(0, i, (), 0, 0, 0, False, 0)


def match_en(us: Sequence[Unit], i: int, p: Phrase) -> Match | None:
    """The first way English phrase `p` matches from unit i, or None."""
    k = len(p.chars)
    if _latin_edge(us, i, i - 1):
        return None
    if k > 1 and i + 1 < len(us):  # a quick look at the second letter
        nxt = us[i + 1]
        if p.chars[1] not in nxt.letters and nxt.kind not in ("dig", "sym", "lat"):
            return None
        if nxt.kind == "lat" and p.chars[1] not in nxt.letters and k < 7:
            return None
    may_insert_letter = k >= LONG_ENOUGH_FOR_LETTER_INSERTION

    def step(j: int, u: int, gaps: tuple[int, ...], ins: int, just_inserted: bool
             ) -> Match | None:  # fmt: skip
        if j == k:
            return None if _latin_edge(us, u - 1, u) else Match(p, i, u - 1, gaps, 0, 0)
        if u >= len(us):
            return None
        unit = us[u]
        if p.chars[j] in unit.letters:
            gap = unit.gap if not just_inserted else max(unit.gap, us[u - 1].gap)
            found = step(j + 1, u + 1, gaps if j == 0 else (*gaps, gap), ins, False)
            if found:
                return found
        if (
            j > 0
            and not just_inserted
            and ins < MAX_INSERTIONS
            and (unit.kind in ("dig", "sym") or (unit.kind == "lat" and may_insert_letter))
        ):
            return step(j, u + 1, gaps, ins + 1, True)
        return None

    return step(0, i, (), 0, False)


def spelled_out(m: Match) -> bool:
    """Whether a match split by boundaries is spelled out on purpose (see module doc)."""
    if all(g != GAP_NONE for g in m.gaps) and len(m.gaps) >= 2:
        return True
    words = sorted(m.phrase.word_starts)
    if len(words) >= 2:  # three or more English words, every word gap a boundary
        return all(m.gaps[w - 1] == GAP_BOUNDARY for w in words)
    return False


def structural_doubt(m: Match) -> str:
    """Why a match needs a person's judgement by its shape alone ("" when none)."""
    if GAP_BOUNDARY in m.gaps and not spelled_out(m):
        return "split"
    k = len(m.phrase.chars)
    if m.homophones and (k <= 2 or m.homophones == k):
        return "sound"
    return ""


def candidates(
    u: Unit, prev: Unit | None, index: Mapping[str, Sequence[Phrase]], zh: bool
) -> list[Phrase]:
    """The phrases that may start at unit u (by character, reading or first letter)."""
    if u.kind == "han":
        if not zh:
            return []
        out = list(index.get(u.ch, ()))
        for r in readings(u.ch):
            out.extend(index.get("~" + r, ()))
        return out
    if not u.letters or (prev is not None and u.gap == GAP_NONE and prev.kind == "lat"):
        return []  # a match never starts inside a Latin word
    out = []
    for letter in u.letters:
        out.extend(index.get("@" + letter, ()))
    return out

"""Is a reveal note a reason in words? One judgement for the desk and the server.

A reveal of personal information is recorded with why (PIPL Art. 51, "minimum necessary"),
so the note must say something. `judge_reveal_note(text)` first drops what cannot be seen
(format and zero-width characters: Unicode categories Cf, Cc other than whitespace, Co, Cs,
Cn, combining marks left without a letter, and the invisible fillers U+115F, U+1160,
U+3164, U+FFA0, U+2800), then asks for words:

- a word is a run of letters/digits with at least two letters (NFKC-folded, case-folded),
  not one letter repeated ("aaaa"), not a unit repeated ("abab", "asdfasdf"), not a run of
  the keyboard or the alphabet of three or more ("asdf", "qwer", "wsx", "abcd", "lkj"),
  and, four letters or longer, with a vowel (Latin script: "xkcd", "hjkl" are not words);
- CJK characters (Han, kana, Hangul) each carry half a word: distinct characters count,
  so "核实身份" is two words and "好好好好", "测试测试" are not;
- the note needs at least two distinct words' worth (MIN_NOTE_WORDS).

Whitespace around the note is refused (the text is stored as typed), and the note that is
kept is the visible text: the invisible characters are removed from it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from app.domain.errors import DomainError

MIN_NOTE_WORDS = 2
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Co", "Cs", "Cn"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
_KEYBOARD_RUNS = (
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1234567890",
    "abcdefghijklmnopqrstuvwxyz",
    "qazwsxedcrfvtgbyhnujmikolp",  # the columns
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)
_VOWELS = frozenset("aeiouy")

NoteProblem = Literal["blank", "padded", "not_words"]

MESSAGES: dict[NoteProblem, str] = {
    "blank": "the note is blank",
    "padded": "the note has leading or trailing whitespace",
    "not_words": (
        f"the note must say why in words: at least {MIN_NOTE_WORDS} words, or "
        f"{2 * MIN_NOTE_WORDS} Chinese characters (not keyboard runs, repeats or punctuation)"
    ),
}


@dataclass(frozen=True, slots=True)
class NoteJudgement:
    """The visible text of the note and what is wrong with it (None: a reason in words)."""

    visible: str
    problem: NoteProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _invisible(ch: str) -> bool:
    if ch in _FILLERS:
        return True
    cat = unicodedata.category(ch)
    if cat == "Cc":
        return not ch.isspace()
    return cat in _INVISIBLE_CATEGORIES


def visible_text(text: str) -> str:
    """`text` without its invisible characters (see module docstring); a combining mark
    stays only after something it can sit on."""
    out: list[str] = []
    for ch in text:
        if _invisible(ch):
            continue
        if unicodedata.category(ch) in ("Mn", "Me") and (not out or out[-1].isspace()):
            continue
        out.append(ch)
    return "".join(out)


def _is_cjk(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA"))


def _is_hangul(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("HANGUL SYLLABLE")


def _tokens(text: str) -> tuple[list[str], set[str]]:
    """(alphanumeric runs outside CJK, the CJK characters), NFKC- and case-folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words: list[str] = []
    cjk: set[str] = set()
    current: list[str] = []
    for ch in folded:
        if _is_cjk(ch) or _is_hangul(ch):
            cjk.add(ch)
            ch = " "
        if ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"):
            current.append(ch)
            continue
        if current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words, cjk


def _repeats_a_unit(word: str) -> bool:
    n = len(word)
    return any(n % k == 0 and word[:k] * (n // k) == word for k in range(1, n // 2 + 1))


def _keyboard_run(word: str) -> bool:
    if len(word) < 3:
        return False
    return any(word in run or word in run[::-1] for run in _KEYBOARD_RUNS)


def _latin(word: str) -> bool:
    return all("a" <= c <= "z" for c in word)


def is_word(word: str) -> bool:
    """Whether a folded alphanumeric run counts as a word (see module docstring)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    if _repeats_a_unit(word) or _keyboard_run(word):
        return False
    letters_only = "".join(letters)
    if _latin(letters_only) and len(letters_only) >= 4 and not set(letters_only) & _VOWELS:
        return False
    return True


def judge_reveal_note(text: str) -> NoteJudgement:
    """The visible note and its problem, if any (see module docstring). Pure."""
    visible = visible_text(text)
    if not visible.strip():
        return NoteJudgement(visible, "blank")
    if visible != visible.strip():
        return NoteJudgement(visible, "padded")
    words, cjk = _tokens(visible)
    distinct = {w for w in words if is_word(w)}
    halves = 2 * len(distinct) + len(cjk)
    if halves < 2 * MIN_NOTE_WORDS:
        return NoteJudgement(visible, "not_words")
    return NoteJudgement(visible, None)


def check_reveal_note(text: str) -> str:
    """The visible note, or DomainError("note", why) when it is not a reason in words."""
    judged = judge_reveal_note(text)
    if judged.problem is not None:
        raise DomainError("note", MESSAGES[judged.problem])
    return judged.visible

"""The reveal note's judgement (issue #18 point 3): invisible characters dropped first, then
a reason in words — two words or four Chinese characters, not keyboard runs or repeats."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.domain.reveal_note import check_reveal_note, judge_reveal_note, visible_text

ZW = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u202e", "\u2066")

NOT_WORDS = [
    "asdf",
    "qwer",
    "zxcv",
    "asdfgh",
    "qwerty",
    "lkjh",  # backwards
    "poiuy",
    "qaz wsx",  # keyboard columns
    "1qaz2wsx",
    "abcd",
    "abc def",  # alphabet runs
    "a.b.c.d.",
    "a b c d e f",
    "aaaa",
    "aaaa bbbb",
    "abab",
    "asdfasdf",
    "test test",  # one word twice
    "ok",
    "....!!!!",
    "1234 5678",
    "2026-11-29",
    "xkcd hjkl",  # no vowel
    "asdf qwer zxcv",
    "ＡＳＤＦ",  # full-width
    "好好好好",
    "测试测试",
    "核实",  # two characters: one word's worth
    "哈哈哈哈哈",
    "。。。。",
    "ok 好",
]


@pytest.mark.parametrize("note", NOT_WORDS)
def test_not_words(note: str) -> None:
    assert judge_reveal_note(note).problem == "not_words"
    with pytest.raises(DomainError) as err:
        check_reveal_note(note)
    assert err.value.field == "note"


@pytest.mark.parametrize("zw", ZW)
def test_four_letters_padded_with_invisible_characters(zw: str) -> None:
    """The audit's case: "abcx" (four distinct letters) passes the old rule; padded or
    interleaved with zero-width / format characters it is still four letters."""
    for note in (f"asdf{zw * 8}", zw.join("asdf"), f"{zw}ab{zw}cx{zw}", zw.join("wxyz" * 2)):
        judged = judge_reveal_note(note)
        assert judged.problem == "not_words", repr(note)
        assert zw not in judged.visible


@pytest.mark.parametrize(
    "note",
    ["\u200b\u200b\u200b\u200b", "\u3164\u3164\u3164\u3164", "\u2800\u2800\u2800", " ", ""],
)
def test_invisible_only_is_blank(note: str) -> None:
    assert judge_reveal_note(note).problem == "blank"


@pytest.mark.parametrize("note", [" verify identity", "verify identity\n", "\u3000核实身份"])
def test_padded(note: str) -> None:
    assert judge_reveal_note(note).problem == "padded"


WORDS = [
    "verify identity",
    "borrower asked to confirm the card",
    "call back",
    "ID card check",
    "court order 2026-118",
    "核实身份",
    "客户要求核对扣款卡号",
    "客户来电核对 2 次",
    "核实 identity",
    "Überprüfung Identität",
    "проверка личности",
]


@pytest.mark.parametrize("note", WORDS)
def test_words(note: str) -> None:
    assert judge_reveal_note(note).problem is None
    assert check_reveal_note(note) == note


def test_the_note_kept_is_the_visible_text() -> None:
    assert check_reveal_note("verify\u200b identity\u2060") == "verify identity"
    assert visible_text("核实\u200d身份\ufeff") == "核实身份"
    # a combining mark stays on its letter, a stray one goes
    assert visible_text("re\u0301sume\u0301") == "re\u0301sume\u0301"
    assert visible_text("\u0301\u0301ab") == "ab"

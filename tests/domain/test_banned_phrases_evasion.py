"""Banned phrases survive the usual disguises: traditional characters, full-width forms,
case, spaces, punctuation and zero-width characters between the letters (issue 10); and
values filled into a script are checked too."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.banned_phrases import check_text, shipped_phrase_list
from app.domain.money import Money
from app.domain.scripts import load_shipped_script, render_step


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("再不還錢就把你拉進徵信黑名單", "征信黑名单"),  # traditional
        ("不還就通知你單位", "通知你单位"),
        ("你這個老賴", "老赖"),
        ("征\u200b信\u200b黑\u200b名\u200b单", "征信黑名单"),  # zero-width spaces
        ("征\u200d信\ufeff黑\u2060名单", "征信黑名单"),  # joiners, BOM, word joiner
        ("征.信.黑.名.单", "征信黑名单"),
        ("征-信/黑*名~单", "征信黑名单"),
        ("征，信，黑，名，单", "征信黑名单"),
        ("黑　名　单", "黑名单"),  # ideographic spaces
        ("后 果 自 负", "后果自负"),
        ("後果自負", "后果自负"),
        ("打電話給你父母", "打电话给你父母"),
    ],
)
def test_chinese_disguises(text: str, phrase: str) -> None:
    hits = check_text(text, "zh_CN")
    assert phrase in {h.phrase for h in hits}, hits
    hit = next(h for h in hits if h.phrase == phrase)
    assert text[hit.start : hit.end] == hit.matched  # positions in the original text


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("you are on a b l a c k l i s t", "blacklist"),
        ("you are on a B.L.A.C.K.L.I.S.T", "blacklist"),
        ("a black-list of names", "blacklist"),
        ("a black\u200blist of names", "blacklist"),
        ("ｙｏｕ ｗｉｌｌ ｇｏ ｔｏ ｊａｉｌ", "you will go to jail"),
        ("You. Will. Go. To. Jail.", "you will go to jail"),
        ("you will go to j-a-i-l", "you will go to jail"),
        ("THIS\u00a0IS\u2003THE\tPOLICE", "this is the police"),
        ("b\u0336l\u0336a\u0336c\u0336k\u0336l\u0336i\u0336s\u0336t", "blacklist"),  # strikes
        ("I’m an attorney", "i'm an attorney"),
        ("Im an attorney", "i'm an attorney"),
    ],
)
def test_english_disguises(text: str, phrase: str) -> None:
    hits = check_text(text, "en")
    assert phrase in {h.phrase for h in hits}, hits
    hit = next(h for h in hits if h.phrase == phrase)
    assert text[hit.start : hit.end] == hit.matched


@pytest.mark.parametrize(
    "text",
    [
        "Her skill at collecting data is good",
        "We went for elsewhere",
        "Please call the borrower back on Friday.",
        "The blackbird sang; listen!",
        "Borrower promised to pay 3,000 on Friday.",
    ],
)
def test_english_words_still_need_their_boundaries(text: str) -> None:
    assert check_text(text, "en") == []


def test_clean_chinese_notes_stay_clean() -> None:
    assert check_text("客户称本周五发工资后还款3000元，已登记承诺。", "zh_CN") == []
    assert check_text("客戶稱本週五發工資後還款3000元，已登記承諾。", "zh_CN") == []


# -- property: any shipped phrase, disguised, is found ----------------------------------------

SEPARATORS = [" ", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", ".", "-", "*", "·", "、", "　"]


def _to_traditional(text: str) -> str:
    from opencc import OpenCC

    return str(OpenCC("s2t").convert(text))


def _full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def disguised(draw: st.DrawFn, lang: str) -> tuple[str, str, str]:
    plist = shipped_phrase_list(lang)
    phrase = draw(st.sampled_from(sorted(plist.phrases.values())))
    text = _to_traditional(phrase) if lang == "zh_CN" and draw(st.booleans()) else phrase
    out: list[str] = []
    for ch in text:
        if ch.isalpha() and draw(st.booleans()):
            ch = ch.upper()
        if draw(st.integers(0, 3)) == 0:
            ch = _full_width(ch)
        out.append(ch)
        if ch != " " and draw(st.integers(0, 2)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
    body = "".join(out).strip(" ")
    category = next(plist.categories[k] for k, w in plist.phrases.items() if w == phrase)
    if lang == "en":
        return f"well, {body}. ok", phrase, category
    return f"客户说{body}。好的", phrase, category


@settings(max_examples=300)
@given(
    st.sampled_from(["zh_CN", "en"]).flatmap(lambda lang: st.tuples(st.just(lang), disguised(lang)))
)
def test_every_shipped_phrase_is_found_in_disguise(case: tuple[str, tuple[str, str, str]]) -> None:
    lang, (text, phrase, category) = case
    hits = check_text(text, lang)
    assert hits, (text, phrase)
    assert category in {h.category for h in hits}
    for h in hits:
        assert text[h.start : h.end] == h.matched


# -- values filled into a script ---------------------------------------------------------------


def test_check_values_finds_a_banned_value() -> None:
    from app.domain.banned_phrases import check_values

    values = {
        "borrower_name": "老賴張三",
        "agent_name": "王芳",
        "overdue_amount": Money(641237),
        "due_date": date(2026, 10, 15),
        "hotline": None,
    }
    hits = check_values(values, "zh_CN")
    assert [(key, h.phrase, h.category) for key, h in hits] == [("borrower_name", "老赖", "abuse")]
    assert hits[0][1].matched == "老賴"
    assert check_values({"lender_name": "B l a c k l i s t Motors"}, "en")[0][0] == "lender_name"
    assert check_values({"borrower_name": "张伟", "overdue_amount": Money(1)}, "zh_CN") == []


def test_a_rendered_step_reports_banned_text_from_its_values() -> None:
    script = load_shipped_script("first_contact", "zh_CN")
    clean = render_step(script, "greet", {"borrower_name": "张伟", "agent_name": "王芳"})
    assert clean.banned == ()
    dirty = render_step(script, "greet", {"borrower_name": "老 賴", "agent_name": "王芳"})
    assert [(h.phrase, h.matched) for h in dirty.banned] == [("老赖", "老 賴")]
    assert dirty.text[dirty.banned[0].start : dirty.banned[0].end] == "老 賴"
    # a value can also complete a phrase with the script's own words: "我是" + "法院..."
    court = render_step(script, "greet", {"borrower_name": "张伟", "agent_name": "法院传票"})
    assert {h.phrase for h in court.banned} == {"我是法院", "法院传票"}

"""Banned phrases a person would still recognise (issue 14 point 4): pinyin and homophones
(on sound, via pypinyin), look-alike letters of other scripts, digits for letters, a letter
or digit inserted; and whose words they are: each hit's severity ("block" for the agent's
own words, "review" for a quote, a denial, a phrase split by punctuation or a two-character
homophone). Sentences here are not those of the labelled set (test_banned_phrase_eval)."""

from __future__ import annotations

import pytest

from app.domain.banned_phrases import BannedHit, build_phrase_list, check_text, violations
from app.domain.banned_units import confusables


def _hits(text: str) -> list[BannedHit]:
    return [h for lang in ("zh_CN", "en") for h in check_text(text, lang)]


def _found(text: str) -> dict[str, tuple[str, str]]:
    return {h.phrase: (h.severity, h.reason) for h in _hits(text)}


@pytest.mark.parametrize(
    ("text", "phrase", "matched"),
    [
        ("不还就进heimingdan", "黑名单", "heimingdan"),
        ("给你上 Hei Ming Dan 了", "黑名单", "Hei Ming Dan"),
        ("zheng xin黑名单等你", "征信黑名单", "zheng xin黑名单"),
        ("你会做牢的，让你坐lao", "让你坐牢", "让你坐lao"),
        ("叫你后锅自负", "后果自负", "后锅自负"),  # 锅 guo: one sounds-alike of four
        ("我们马上打给你加人", "打给你家人", "打给你加人"),
        ("你会上征信黑z名单", "征信黑名单", "征信黑z名单"),
        ("通知你单7位", "通知你单位", "通知你单7位"),
        ("後果ｚｉ负", "后果自负", "後果ｚｉ负"),
    ],
)
def test_chinese_on_sound_and_with_insertions(text: str, phrase: str, matched: str) -> None:
    hit = next(h for h in check_text(text, "zh_CN") if h.phrase == phrase)
    assert (hit.matched, hit.severity) == (matched, "block")
    assert text[hit.start : hit.end] == matched


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("you are a m\u043er\u043en", "moron"),  # Cyrillic o
        ("\u0392L\u0391CKLIST", "blacklist"),  # Greek capitals Beta and Alpha
        ("a l\u0456ar", "liar"),
        ("\u1d05\u1d07\u1d00\u1d05\u0299\u1d07\u1d00\u1d1b", "deadbeat"),  # small capitals
        ("you are a 1i4r", "liar"),
        ("sh0w up at y0ur h0use", "show up at your house"),
        ("we will c@ll your b0ss", "call your boss"),
        ("IDIOOOOT", "idiot"),
        ("go to pri5on", "go to prison"),
        ("a dead-8-beat", "deadbeat"),
    ],
)
def test_english_look_alikes_digits_and_stretches(text: str, phrase: str) -> None:
    hits = check_text(text, "en")
    assert [(h.phrase, h.severity) for h in hits] == [(phrase, "block")], hits


def test_the_confusables_table_maps_to_latin_letters_only() -> None:
    table = confusables()
    assert table["\u0430"] == "a" and table["\u03bf"] == "o"
    assert all(len(v) == 1 and "a" <= v <= "z" for v in table.values())
    assert not any("a" <= k <= "z" for k in table)


@pytest.mark.parametrize(
    "text",
    [
        "The scrum board is updated.",  # "scum" with an inserted letter is a real word
        "The looser plan suits him.",  # two o's are a real word, three are a stretch
        "Paid 1,500 on 3/4, balance 200.",  # digits alone are numbers, not letters
        "还款3000元，编号A7，下周再联系。",
        "客户姓赖，住在老城区。",
        "Mr Dan Hei called about the plate.",  # pinyin of a phrase needs the whole phrase
        "Schedule: pianzix, laojia.",
        "\u0392\u039b\u0391\u03a7\u039aLIST",  # Greek lambda is no L: not a look-alike
    ],
)
def test_near_words_are_not_violations(text: str) -> None:
    assert violations(_hits(text)) == []


@pytest.mark.parametrize(
    ("text", "phrase", "reason"),
    [
        ("我们从没说过要让你坐牢。", "让你坐牢", "denial"),
        ("这里没有什么黑名单。", "黑名单", "denial"),
        ("黑名单是不存在的。", "黑名单", "denial"),
        ("对方骂我们是一群骗子。", "骗子", "quote"),
        ("借款人问：会不会通知你单位？", "通知你单位", "quote"),
        ("备注里写着“后果自负”，已删除。", "后果自负", "quote"),
        ("We will never call your boss.", "call your boss", "denial"),
        ("No, nobody said you will be arrested.", "you will be arrested", "denial"),
        ("The caller shouted that we are a liar.", "liar", "quote"),
        ("Customer: stop calling me, idiot.", "idiot", "quote"),
        ("已经告诉，你家人的电话已更新。", "告诉你家人", "split"),
        ("Call. Your family said hello.", "call your family", "split"),
        ("客户出生日期已核对。", "畜生", "sound"),
    ],
)
def test_quotes_denials_splits_and_soundalikes_are_for_review(
    text: str, phrase: str, reason: str
) -> None:
    assert _found(text).get(phrase) == ("review", reason), _hits(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("你不还钱我们就通知你家人。", "通知你家人"),  # a condition, not a denial
        ("没钱？那就等着坐牢吧。", "坐牢"),
        ("不要逼我找人收拾你。", "找人收拾你"),  # an imperative opens a threat
        ("我说你就是个老赖。", "老赖"),  # the agent quoting themself
        ("告诉客户“再不还就上黑名单”。", "黑名单"),
        ("客户说没钱，我们就说要让你坐牢。", "让你坐牢"),  # the agent's own clause
        ("If you do not pay we will call your boss.", "call your boss"),
        ("Don't make me call your boss.", "call your boss"),
        ("I told him he is a deadbeat.", "deadbeat"),
        ("征，信，黑，名，单", "征信黑名单"),  # spelled out on purpose
        ("Kill. You. Will. Go. To. Jail.", "you will go to jail"),
    ],
)
def test_the_agents_own_words_are_blocked(text: str, phrase: str) -> None:
    assert _found(text).get(phrase, ("missing", ""))[0] == "block", _hits(text)


def test_a_list_of_its_own_gets_the_new_matching_and_severities() -> None:
    plist = build_phrase_list({"lang": "zh_CN", "categories": {"test": ["逾期不还"]}})
    (hit,) = check_text("客户yuqi不还", "zh_CN", plist)
    assert (hit.phrase, hit.category, hit.severity, hit.reason) == ("逾期不还", "test", "block", "")
    assert check_text("我们没有逾期不还的记录", "zh_CN", plist)[0].severity == "review"

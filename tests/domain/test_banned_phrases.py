"""Banned-phrase checker: categories, positions, normalisation, shipped scripts are clean."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.banned_phrases import build_phrase_list, check_text, load_phrase_list
from app.domain.errors import DomainError
from app.domain.scripts import banned_phrase_hits, load_script, load_shipped_script
from app.domain.scripts_template import parse_template

SCRIPTS = Path(__file__).resolve().parents[2] / "resources" / "scripts"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("再不还钱就把你拉进征信黑名单", "fake_blacklist"),
        ("我是法院的，你收到法院传票了吗", "impersonation"),
        ("不还就通知你单位和你家人", "third_party_threat"),
        ("你这个老赖", "abuse"),
        ("小心我找人收拾你", "violence"),
        ("后果自负", "threat"),
        ("以后子女不能上学", "exaggeration"),
    ],
)
def test_zh_categories(text: str, category: str) -> None:
    hits = check_text(text, "zh_CN")
    assert category in {h.category for h in hits}


def test_positions_point_into_the_original_text() -> None:
    text = "您好。再不还款就上 征信 黑名单！"
    (hit,) = check_text(text, "zh_CN")
    assert hit.phrase == "征信黑名单" and hit.category == "fake_blacklist"
    assert text[hit.start : hit.end] == hit.matched == "征信 黑名单"


def test_full_width_and_case_are_normalised() -> None:
    hits = check_text("YOU ARE A ＤＥＡＤＢＥＡＴ and THIS  IS\tTHE POLICE", "en")
    assert [h.phrase for h in hits] == ["deadbeat", "this is the police"]
    assert hits[0].matched == "ＤＥＡＤＢＥＡＴ"
    assert hits[1].matched == "THIS  IS\tTHE POLICE"


def test_longer_hit_swallows_contained_shorter_one_and_all_hits_are_listed() -> None:
    hits = check_text("征信黑名单，老赖，黑名单", "zh_CN")
    assert [(h.phrase, h.start) for h in hits] == [("征信黑名单", 0), ("老赖", 6), ("黑名单", 9)]


def test_english_word_boundaries() -> None:
    assert check_text("Her skill at collecting data is good", "en") == []
    assert [h.phrase for h in check_text("We will kill you.", "en")] == ["kill you"]
    assert [h.phrase for h in check_text("I’m an attorney", "en")] == ["i'm an attorney"]


def test_clean_note_has_no_hits() -> None:
    assert check_text("客户称本周五发工资后还款3000元，已登记承诺。", "zh_CN") == []
    assert check_text("Borrower promised to pay 3,000 on Friday.", "en") == []


@pytest.mark.parametrize("path", sorted(SCRIPTS.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_scripts_are_clean(path: Path) -> None:
    script = load_script(path)
    assert banned_phrase_hits(script) == []


def test_script_checker_finds_a_banned_phrase_in_a_step() -> None:
    script = load_shipped_script("first_contact", "zh_CN")
    bad = replace(script.steps[-1], text=parse_template("不还就通知你单位", "t"))
    hits = banned_phrase_hits(replace(script, steps=(*script.steps[:-1], bad)))
    assert [(sid, h.category) for sid, h in hits] == [(bad.id, "third_party_threat")]


def test_shipped_lists_load_and_bad_lists_name_the_key(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "resources" / "banned_phrases"
    for lang in ("zh_CN", "en"):
        assert load_phrase_list(root / f"{lang}.yaml").lang == lang
    with pytest.raises(DomainError) as err:
        build_phrase_list({"lang": "en", "categories": {"threat": ["", "x"]}})
    assert err.value.field == "categories.threat[0]"
    with pytest.raises(DomainError) as err:
        build_phrase_list({"lang": "fr", "categories": {}})
    assert err.value.field == "lang"
    with pytest.raises(DomainError):
        check_text("x", "fr")

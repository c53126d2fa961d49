"""Call scripts: loading, validation (structure and identity-before-disclosure), rendering."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.money import Money
from app.domain.scripts import (
    load_script,
    load_shipped_script,
    render_step,
    script_from_mapping,
)

VALUES = {
    "borrower_name": "张伟",
    "agent_name": "王芳",
    "lender_name": "某某汽车金融",
    "overdue_amount": Money(641237),
    "due_date": date(2026, 10, 15),
    "contract_no": "AL-2024-000123",
    "hotline": "400-800-1234",
}

MINI: dict[str, Any] = {
    "id": "mini",
    "lang": "en",
    "start": "greet",
    "steps": [
        {
            "id": "greet",
            "text": "Hello, is this {borrower_name}?",
            "choices": [
                {"label": "Yes", "next": "verify"},
                {"label": "No", "next": "third_party"},
            ],
        },
        {
            "id": "verify",
            "text": "Please confirm the last four digits of your ID.",
            "capture": ["right_party_verified"],
            "choices": [
                {"label": "Matches", "next": "disclose", "confirms_identity": True},
                {"label": "Does not match", "next": "third_party"},
            ],
        },
        {"id": "disclose", "text": "You owe {overdue_amount} since {due_date}.", "end": True},
        {"id": "third_party", "text": "Please ask them to call {hotline}.", "end": True},
    ],
}


def mini(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINI)
    doc.update(changes)
    return doc


def test_shipped_scripts_load_in_both_languages() -> None:
    zh = load_shipped_script("first_contact", "zh_CN")
    en = load_shipped_script("first_contact", "en")
    assert zh.start == en.start == "greet"
    assert [s.id for s in zh.steps] == [s.id for s in en.steps]
    captured = {f for s in zh.steps for f in s.capture}
    assert {"right_party_verified", "reason", "promise"} <= captured


def test_render_zh_disclosure_step() -> None:
    script = load_shipped_script("first_contact", "zh_CN")
    step = render_step(script, "disclose", VALUES)
    assert "张伟您好" in step.text and "¥6,412.37" in step.text and "2026年10月15日" in step.text
    assert step.missing == ()
    assert {c.next for c in step.choices} >= {"promise", "hardship", "dispute"}
    assert step.capture == ("reason",)


def test_render_en_dates_and_missing_values_visible() -> None:
    script = load_shipped_script("first_contact", "en")
    step = render_step(
        script, "disclose", {"borrower_name": "Wei Zhang", "due_date": date(2026, 3, 5)}
    )
    assert "March 5, 2026" in step.text
    assert "[overdue_amount?]" in step.text and "[lender_name?]" in step.text
    assert set(step.missing) == {"overdue_amount", "lender_name", "agent_name", "contract_no"}


def test_rendering_is_safe_values_are_not_reparsed() -> None:
    script = script_from_mapping(MINI)
    evil = {"borrower_name": "{hotline} {0.__class__} %(x)s", "hotline": "SECRET"}
    assert (
        render_step(script, "greet", evil).text == "Hello, is this {hotline} {0.__class__} %(x)s?"
    )
    weird = {"borrower_name": object(), "overdue_amount": 12.5, "due_date": ""}
    out = render_step(script, "disclose", weird).text
    assert out == "You owe [overdue_amount?] since [due_date?]."  # floats are not money
    assert render_step(script, "greet", weird).text == "Hello, is this [borrower_name?]?"


def test_literal_braces_are_escaped() -> None:
    doc = mini()
    doc["steps"][0]["text"] = "Hello {{literal}}, is this {borrower_name}?"
    assert render_step(script_from_mapping(doc), "greet", {}).text == (
        "Hello {literal}, is this [borrower_name?]?"
    )


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (
            lambda d: d["steps"][0]["choices"][0].update(next="nowhere"),
            "steps.greet.choices[0].next",
        ),
        (lambda d: d["steps"][2].update(id="verify"), "steps[2].id"),
        (lambda d: d.update(start="begin"), "start"),
        (lambda d: d.pop("start"), "start"),
        (lambda d: d["steps"][0].update(text="Hi {borrower_name.__class__}"), "steps.greet.text"),
        (lambda d: d["steps"][0].update(text="Hi {unknown_thing}"), "steps.greet.text"),
        (lambda d: d["steps"][0].update(text="Hi {borrower_name"), "steps.greet.text"),
        (lambda d: d["steps"][1].update(capture=["mood"]), "steps.verify.capture"),
        (lambda d: d["steps"][2].update(end=False), "steps.disclose.choices"),
        (lambda d: d.update(lang="fr"), "lang"),
        (lambda d: d.update(colour="red"), "colour"),
    ],
)
def test_structural_errors_name_the_field(mutate: Any, field: str) -> None:
    doc = mini()
    mutate(doc)
    with pytest.raises(DomainError) as err:
        script_from_mapping(doc)
    assert err.value.field == field


def test_unreachable_step_is_an_error() -> None:
    doc = mini()
    doc["steps"].append({"id": "orphan", "text": "Bye.", "end": True})
    with pytest.raises(DomainError, match="not reachable"):
        script_from_mapping(doc)


@pytest.mark.parametrize(
    "mutate",
    [
        # third-party branch mentions the amount
        lambda d: d["steps"][3].update(text="Tell them they owe {overdue_amount}."),
        # third-party branch names the debt in words
        lambda d: d["steps"][3].update(text="Tell them their loan is overdue."),
        # verification choice does not confirm identity
        lambda d: d["steps"][1]["choices"][0].update(confirms_identity=False),
        # greeting jumps straight to the disclosure
        lambda d: d["steps"][0]["choices"][0].update(next="disclose"),
        # explicitly marked disclosing step on the unverified path
        lambda d: d["steps"][3].update(discloses_debt=True),
    ],
)
def test_debt_never_disclosed_before_identity_verified(mutate: Any) -> None:
    doc = mini()
    mutate(doc)
    with pytest.raises(DomainError, match="identity is not verified"):
        script_from_mapping(doc)


def test_load_script_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "s.yaml"
    bad.write_text("id: x\nsteps: [unclosed\n")
    with pytest.raises(DomainError, match="not valid YAML"):
        load_script(bad)
    with pytest.raises(DomainError, match="cannot read"):
        load_script(tmp_path / "missing.yaml")
    with pytest.raises(DomainError) as err:
        render_step(script_from_mapping(MINI), "nope", {})
    assert err.value.field == "step_id"


@given(
    st.dictionaries(
        st.sampled_from([*sorted(VALUES), "x"]),
        st.one_of(st.none(), st.text(), st.integers(), st.dates(), st.floats()),
    )
)
def test_rendering_never_crashes(values: dict[str, object]) -> None:
    script = load_shipped_script("first_contact", "zh_CN")
    for step in script.steps:
        out = render_step(script, step.id, values)
        assert isinstance(out.text, str)


def test_every_shipped_script_exists_in_both_languages_with_the_same_steps() -> None:
    root = Path(__file__).resolve().parents[2] / "resources" / "scripts"
    names = {p.stem.removesuffix("_zh_CN").removesuffix("_en") for p in root.glob("*.yaml")}
    assert {"first_contact", "promise_follow_up"} <= names
    for name in names:
        zh, en = load_shipped_script(name, "zh_CN"), load_shipped_script(name, "en")
        assert [s.id for s in zh.steps] == [s.id for s in en.steps]
        assert [s.capture for s in zh.steps] == [s.capture for s in en.steps]


@pytest.mark.parametrize(
    "text",
    [
        "Tell them he owes money.",
        "He is behind on payments.",
        "His account is past due.",
        "Ask him to clear his balance.",
        "Ask him to call about the unpaid balances.",
        "He has debts with us.",
        "Tell him his l.o.a.n is late.",
        "Tell him the ＤＥＢＴ must be settled.",
        "Tell him about the d e b t.",
        "He is delinquent.",
        "He needs to repay us.",
        "We are a collection agency.",
        "Tell him his installment is late.",
        "He owed us.",
    ],
)
def test_third_party_branch_catches_plain_english_debt_words(text: str) -> None:
    doc = mini()
    doc["steps"][3]["text"] = text
    with pytest.raises(DomainError, match="identity is not verified"):
        script_from_mapping(doc)


@pytest.mark.parametrize(
    "text",
    [
        "请转告他欠钱要还。",
        "他的钱一直没还。",
        "他一直拖欠。",
        "請轉告他欠錢要還。",  # traditional
        "他拖\u200b欠了。",  # zero-width space
        "他 没 还。",
        "他的借款到期了。",
        "他还有欠债。",
        "请他尽快结清账单。",
        "月供没交。",
    ],
)
def test_third_party_branch_catches_plain_chinese_debt_words(text: str) -> None:
    doc = mini(lang="zh_CN")
    doc["steps"][3]["text"] = text
    with pytest.raises(DomainError, match="identity is not verified"):
        script_from_mapping(doc)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Please ask them to call us back at {hotline}. It is about a personal matter."),
        ("en", "Sorry, the power went out. Please ask Owen to call us."),
        ("en", "Our followers know Lowell street."),
        ("zh_CN", "好的，打扰了。麻烦您方便时转告{borrower_name}回电{hotline}，谢谢您，再见。"),
    ],
)
def test_third_party_branch_without_debt_words_loads(lang: str, text: str) -> None:
    doc = mini(lang=lang)
    doc["steps"][3]["text"] = text
    script_from_mapping(doc)

"""The pure parts of the call: script choice, values and walk; softphone templates; the
dial guard's override rule; the wrap-up draft round trip."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.client import call_script as cs
from app.client.dial_guard import dial_check
from app.client.softphone import SoftphoneError, build_target, check_template, needs_number
from app.client.views import PolicyView
from app.client.wrap_up import WrapUp
from app.domain.contact_policy_reasons import can_override
from app.domain.errors import DomainError
from app.domain.script_catalog import catalog_from_mapping, shipped_catalog
from tests.ui.fakes import FakeDeskService

TODAY = date(2026, 11, 29)


def _detail(bucket: str = "M1", kind: str = "none") -> object:
    fake = FakeDeskService(4)
    d = fake.details[fake.rows[0].case_id]
    return replace(d, case=replace(d.case, bucket=bucket, next_action_kind=kind))


@pytest.mark.parametrize(
    ("bucket", "kind", "script"),
    [
        ("M1", "none", "first_contact"),
        ("M2", "callback", "first_contact"),
        ("M3", "none", "late_stage"),
        ("M3+", "none", "late_stage"),
        ("M3+", "broken_promise", "promise_follow_up"),
        ("M1", "promise_due", "promise_follow_up"),
    ],
)
def test_the_catalog_picks_by_next_action_then_bucket(bucket: str, kind: str, script: str) -> None:
    assert cs.script_name_for(_detail(bucket, kind)) == script  # type: ignore[arg-type]


def test_catalog_validation() -> None:
    with pytest.raises(DomainError):
        catalog_from_mapping({"rules": [{"buckets": ["M1"], "script": "x"}], "lender": {}})
    with pytest.raises(DomainError):
        catalog_from_mapping({"rules": [{"script": "x", "buckets": ["M9"]}]})
    cat = shipped_catalog()
    assert cat.lender_name("en") and cat.lender_name("zh_CN") and cat.hotline


def _walks(script: cs.Script) -> list[cs.ScriptProgress]:
    """Every walk through the script (depth-first, no step twice on one walk)."""
    out, todo = [], [cs.start(script)]
    while todo:
        p = todo.pop()
        out.append(p)
        step = script.step(p.step_id(script))
        seen = {sid for sid, _ in p.trail}
        for i, c in enumerate(step.choices):
            if c.next not in seen and c.next != step.id:
                todo.append(cs.choose(p, script, i))
    return out


@pytest.mark.parametrize("name", ["first_contact", "promise_follow_up", "late_stage"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_nothing_about_the_debt_is_said_before_the_borrower_is_verified(
    name: str, lang: str
) -> None:
    detail = _detail()
    script = cs.script(name, lang)
    values = cs.script_values(detail, agent_name="王芳", lang=lang, today=TODAY)  # type: ignore[arg-type]
    secrets = [
        str(v.format() if hasattr(v, "format") and not isinstance(v, str) else v)
        for k, v in values.items()
        if k in ("overdue_amount", "contract_no", "plate", "overdue_days")
    ]
    walks = _walks(script)
    assert len(walks) > 5
    for p in walks:
        v = cs.view(p, script, values)
        if not v.verified:
            for secret in secrets:
                assert secret not in v.step.text, (name, lang, p.trail)


def test_the_walk_sets_the_wrap_up_and_goes_back() -> None:
    script = cs.script("first_contact", "zh_CN")
    p = cs.choose(cs.start(script), script, 0)  # it is the borrower
    p = cs.choose(p, script, 0)  # identity confirmed
    assert p.verified(script) and p.sets(script) == {"disposition": "right_party"}
    p = cs.choose(p, script, 1)  # temporary hardship
    assert p.sets(script)["reason"] == "temporary_hardship"
    p = cs.choose(p, script, 0)  # plan request recorded
    assert p.sets(script) == {
        "disposition": "right_party",
        "reason": "temporary_hardship",
        "result": "plan_proposed",
    }
    assert cs.back(p).sets(script).get("result") is None
    assert cs.restore(script, [list(t) for t in p.trail]) == p
    assert cs.restore(script, [["nope", 3]]) == cs.start(script)
    with pytest.raises(IndexError):
        cs.choose(p, script, 9)


def test_a_banned_value_is_not_rendered() -> None:
    script = cs.script("first_contact", "zh_CN")
    values = {"borrower_name": "张伟", "agent_name": "让你好看", "hotline": "400"}
    v = cs.view(cs.start(script), script, values)
    assert "让你好看" not in v.step.text and v.warnings == ("agent_name",)


def test_a_name_that_only_sounds_like_a_phrase_is_shown_a_disguise_is_not() -> None:
    """Issue 14: 曲思 reads qu si like 去死 - a "review" hit, the borrower's real name, shown;
    a phrase in pinyin ("rang ni hao kan") is a violation and held back."""
    script = cs.script("first_contact", "zh_CN")
    values = {"borrower_name": "曲思", "agent_name": "rang ni hao kan", "hotline": "400"}
    v = cs.view(cs.start(script), script, values)
    assert "曲思" in v.step.text and v.warnings == ("agent_name",)


def test_softphone_templates() -> None:
    assert build_target("tel:{number}", number="+8613800001234").url == "tel:+8613800001234"
    t = build_target("sip:{phone_id}@pbx.example;rec={recording}", phone_id="p1", recording="r-1")
    assert t.url == "sip:p1@pbx.example;rec=r-1"
    cmd = build_target(
        "/opt/phone/dial --to {number} --rec {recording}", number="138", recording="r"
    )
    assert cmd.url is None and cmd.argv == ("/opt/phone/dial", "--to", "138", "--rec", "r")
    assert needs_number("tel:{number}") and not needs_number("sip:{phone_id}@pbx")
    with pytest.raises(SoftphoneError):
        check_template("tel:{nmber}")
    with pytest.raises(SoftphoneError):
        build_target("dial {number}", number="138; rm -rf /")
    with pytest.raises(SoftphoneError):
        check_template("   ")


def test_who_may_override_what() -> None:
    assert can_override(["outside_call_window", "daily_connected_limit"])
    assert can_override(["third_party_requires_unreachable"])
    assert not can_override(["outside_call_window", "flag_cease"])
    assert not can_override(["third_party_forbidden"])
    assert not can_override([])
    detail = _detail()
    phone = detail.borrower.phones[0]  # type: ignore[attr-defined]
    night = PolicyView(phone.id, False, ("outside_call_window",), ("夜间",), ("night",), None)
    assert dial_check(phone, night, role="team_lead").overridable
    assert not dial_check(phone, night, role="agent").overridable
    assert not dial_check(phone, None, role="admin").allowed  # no policy: never dial blind


def test_wrap_up_draft_round_trip() -> None:
    w = WrapUp(
        case_id="c1",
        started_at=datetime(2026, 11, 29, 2, 3, 4, tzinfo=UTC),
        promise_amount_fen=1,
        promise_date=TODAY,
        callback_at=datetime(2026, 11, 30, 2, tzinfo=UTC) + timedelta(minutes=30),
        text="中文 note",
        script={"id": "first_contact", "lang": "en", "trail": [["greet", 0]]},
    )
    assert WrapUp.from_json(w.to_json()) == w
    damaged = w.to_json().replace('"promise_amount_fen": 1', '"promise_amount_fen": "x"')
    assert WrapUp.from_json(damaged).promise_amount_fen is None
    assert WrapUp(case_id="c").is_blank and not w.is_blank

"""Reminder templates as data: the shipped file is valid and clean; bad files are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.banned_phrases import check_text
from app.domain.errors import DomainError
from app.domain.reminder_templates import (
    load_templates,
    parse_window,
    split_list,
    templates_from_mapping,
)


def _doc() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[2] / "resources" / "reminders" / "templates.yaml"
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return doc


def test_shipped_templates_load_render_and_pass_the_banned_phrase_check() -> None:
    ts = load_templates()
    assert {t.channel for t in ts.templates} == {"sms", "ivr"}
    values = {"contract_tail": "1234", "amount": "3,042.19", "hotline": ts.hotline}
    for t in ts.templates:
        for lang in ("zh_CN", "en"):
            text = t.render(lang, values)
            assert "1234" in text and "3,042.19" in text and "{" not in text
            assert check_text(text, lang) == []
    assert [t.channel for t in ts.for_case(3)] == ["sms"]
    assert [t.channel for t in ts.for_case(12)] == ["sms", "ivr"]
    assert ts.for_case(45) == []  # M2: agents, not robots


def test_a_template_with_a_banned_phrase_is_refused() -> None:
    doc = _doc()
    doc["templates"][0]["text"]["zh_CN"] += "否则上报征信黑名单"
    with pytest.raises(DomainError, match="banned phrase"):
        templates_from_mapping(doc)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d["templates"][0]["text"].pop("en"), "languages"),
        (lambda d: d["templates"][0]["text"].update(en="Pay {name}"), "placeholder"),
        (lambda d: d["templates"][1].update(min_dpd=5), "overlap"),
        (lambda d: d["templates"][0].update(channel="fax"), "channel"),
        (lambda d: d.pop("hotline"), "hotline"),
    ],
)
def test_malformed_templates_are_refused(change: Any, match: str) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(DomainError, match=match):
        templates_from_mapping(doc)


def test_windows_and_lists() -> None:
    assert parse_window("10:00-12:30", "w") == (600, 750)
    for bad in ("12:00-10:00", "25:00-26:00", "noon"):
        with pytest.raises(DomainError):
            parse_window(bad, "w")
    assert split_list(" M1, M2 ,") == ("M1", "M2")

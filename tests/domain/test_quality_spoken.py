"""Amounts and dates said aloud (app/domain/quality/spoken.py)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.quality.spoken import amounts, dates

TUESDAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    ("text", "lang", "yuan"),
    [
        ("我下周五还三千五", "zh", [3500]),
        ("一万二", "zh", [12000]),
        ("两万五千块", "zh", [25000]),
        ("3,500元", "zh", [3500]),
        ("先还3.5万吧", "zh", [35000]),
        ("一千零五十块", "zh", [1050]),
        ("三百五", "zh", [350]),
        ("十五号还，两个人", "zh", []),
        ("I can pay three thousand five hundred", "en", [3500]),
        ("thirty five hundred dollars", "en", [3500]),
        ("$3,500 on the 15th", "en", [3500]),
        ("fifty dollars now and 2,000 later", "en", [50, 2000]),
        ("in 3 days, 12 times", "en", []),
    ],
)
def test_amounts(text: str, lang: str, yuan: list[int]) -> None:
    assert [fen for fen, _, _ in amounts(text, lang)] == [y * 100 for y in yuan]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("下周五", "zh", date(2026, 12, 18)),
        ("这周五", "zh", date(2026, 12, 11)),
        ("星期天", "zh", date(2026, 12, 13)),
        ("明天", "zh", date(2026, 12, 9)),
        ("后天", "zh", date(2026, 12, 10)),
        ("十五号", "zh", date(2026, 12, 15)),
        ("五号", "zh", date(2027, 1, 5)),
        ("1月3日", "zh", date(2027, 1, 3)),
        ("月底", "zh", date(2026, 12, 31)),
        ("next Friday", "en", date(2026, 12, 18)),
        ("this Friday", "en", date(2026, 12, 11)),
        ("tomorrow", "en", date(2026, 12, 9)),
        ("on the 15th", "en", date(2026, 12, 15)),
        ("December twenty first", "en", date(2026, 12, 21)),
        ("the fifth of January", "en", date(2027, 1, 5)),
        ("by the end of the month", "en", date(2026, 12, 31)),
    ],
)
def test_dates_relative_to_the_call(text: str, lang: str, expected: date) -> None:
    assert [d for d, _, _ in dates(text, lang, TUESDAY)] == [expected]

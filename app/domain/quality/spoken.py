"""Amounts and dates said aloud, in Chinese and English, as a recogniser writes them.

:func:`amounts` finds money amounts (whole yuan, returned in fen) in ``text``:
"三千五" (3,500), "一万二" (12,000), "3,500", "3.5万", "两千块", "three thousand five
hundred", "thirty five hundred", "$3,500". A number counts as an amount when a currency
word follows or precedes it, or when it is at least ``MIN_BARE`` and not followed by a date
or time word ("十五号", "the 15th").

:func:`dates` finds dates relative to ``today`` (the call date): "今天/明天/后天",
"下周五" and "next Friday" (the Friday of next week, weeks starting on Monday), "周五",
"this Friday" and "Friday" (the next Friday on or after today), "12月15号", "15号"
(this month, or next month when the day has passed), "月底"/"end of the month",
"December 15th", "the 15th"/"the fifteenth". Pure.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal

MIN_BARE = 100  # a bare number below this is not taken for an amount ("两个", "三次")

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ASCII_TO_ZH = str.maketrans("0123456789.", "零一二三四五六七八九点")
_ZH_NUM = r"[零〇一二两三四五六七八九十百千万亿点0-9.,，]"
_ZH_RUN = re.compile(
    rf"(?:[0-9][0-9,，]*(?:\.[0-9]+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]{_ZH_NUM}*)"
)
_ZH_MONEY_AFTER = re.compile(r"^\s*(?:块钱|块|元|圆|人民币)")
_ZH_MONEY_BEFORE = re.compile(r"(?:人民币|¥|￥)\s*$")
_ZH_NOT_MONEY_AFTER = re.compile(r"^\s*(?:月|号|日|点|年|天|周|个|期|次|分|秒|岁|星期|礼拜|%)")
_ZH_NOT_MONEY_BEFORE = re.compile(r"(?:星期|周|礼拜|第)\s*$")


def _zh_section(s: str) -> int:
    """A number below 10,000 ("三千五" is 3,500: a last bare digit scales to the next unit)."""
    total, cur, last_unit, after_zero = 0, -1, 0, False
    for ch in s:
        if ch in _ZH_DIGITS:
            if _ZH_DIGITS[ch] == 0:
                after_zero = True
            cur = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            total += (cur if cur >= 0 else 1) * _ZH_UNITS[ch]
            last_unit, cur, after_zero = _ZH_UNITS[ch], -1, False
    if cur > 0:
        total += cur * last_unit // 10 if last_unit and not after_zero else cur
    return total


def zh_number(s: str) -> Decimal | None:
    """The value of a Chinese (or mixed: "3千5", "3.5万") numeral, None when it is not one."""
    s = s.replace(",", "").replace("，", "").translate(_ASCII_TO_ZH)
    if not s or not any(c in _ZH_DIGITS or c in _ZH_UNITS or c in "万亿" for c in s):
        return None
    if "点" in s:
        whole, _, rest = s.partition("点")
        frac = "".join(str(_ZH_DIGITS[c]) for c in rest if c in _ZH_DIGITS)
        mult = 1
        for c in rest:
            mult *= {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}.get(c, 1)
        base = zh_number(whole) if whole else Decimal(0)
        return (base or Decimal(0)) * mult + Decimal(f"0.{frac or 0}") * mult
    total = 0
    for big, unit in (("亿", 100_000_000), ("万", 10_000)):
        if big in s:
            high, _, s = s.partition(big)
            total += (_zh_section(high) if high else 1) * unit
            if len(s) == 1 and s in _ZH_DIGITS:  # "一万二": the bare digit is thousands
                return Decimal(total + _ZH_DIGITS[s] * unit // 10)
    if s and all(c in _ZH_DIGITS for c in s) and len(s) > 1:  # digit by digit: "三五零零"
        return Decimal(total + int("".join(str(_ZH_DIGITS[c]) for c in s)))
    return Decimal(total + _zh_section(s))


_EN_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_EN_WORDS = "|".join([*_EN_SMALL, *_EN_TENS, "hundred", "thousand", "grand", "k"])
_EN_RUN = re.compile(
    rf"(?<![\w.])(?:[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:k|thousand|grand)?"
    rf"|(?:(?:{_EN_WORDS}|and)[\s-]*)*(?:{_EN_WORDS}))(?![\w])",
    re.IGNORECASE,
)
_EN_MONEY_AFTER = re.compile(r"^\s*(?:dollars?|bucks|yuan|rmb|kuai)\b", re.IGNORECASE)
_EN_MONEY_BEFORE = re.compile(r"(?:\$|¥|rmb|yuan|usd)\s*$", re.IGNORECASE)
_EN_NOT_MONEY_AFTER = re.compile(
    r"^(?:st|nd|rd|th)\b|^\s*(?:days?|weeks?|months?|years?|"
    r"times|o'clock|am|pm|percent|%)\b",
    re.IGNORECASE,
)


def en_number(s: str) -> Decimal | None:
    """The value of "3,500", "3.5k", "thirty five hundred", "three thousand and fifty"."""
    s = s.strip().lower()
    m = re.fullmatch(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(k|thousand|grand)?", s)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        return value * 1000 if m.group(2) else value
    total, cur, seen = 0, 0, False
    for w in re.split(r"[\s-]+", s):
        if w in _EN_SMALL:
            cur += _EN_SMALL[w]
        elif w in _EN_TENS:
            cur += _EN_TENS[w]
        elif w == "hundred":
            cur = (cur or 1) * 100
        elif w in ("thousand", "grand", "k"):
            total, cur = total + (cur or 1) * 1000, 0
        elif w == "and":
            continue
        else:
            return None
        seen = True
    return Decimal(total + cur) if seen else None


def amounts(text: str, lang: str) -> list[tuple[int, int, int]]:
    """``(fen, start, end)`` of every amount in ``text`` (positions in ``text``)."""
    found: list[tuple[int, int, int]] = []
    zh = lang.startswith("zh")
    for m in (_ZH_RUN if zh else _EN_RUN).finditer(text):
        raw = m.group(0).rstrip(",，. ")
        if not raw.strip():
            continue
        value = zh_number(raw) if zh else en_number(raw)
        if value is None:
            continue
        before, after = text[: m.start()], text[m.start() + len(raw) :]
        money_after = (_ZH_MONEY_AFTER if zh else _EN_MONEY_AFTER).match(after)
        money_before = (_ZH_MONEY_BEFORE if zh else _EN_MONEY_BEFORE).search(before)
        if not (money_after or money_before):
            if value < MIN_BARE or (_ZH_NOT_MONEY_AFTER if zh else _EN_NOT_MONEY_AFTER).match(
                after
            ):
                continue
            if zh and _ZH_NOT_MONEY_BEFORE.search(before):
                continue
        found.append((int(value * 100), m.start(), m.start() + len(raw)))
    return found


# --- dates ---------------------------------------------------------------------------------

_ZH_WEEKDAY = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EN_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_EN_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}
_EN_ORDINALS.update({f"twenty {w}": 20 + d for w, d in list(_EN_ORDINALS.items())[:9]})
_EN_ORDINALS.update({"thirtieth": 30, "thirty first": 31})
_EN_DAY = (
    r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?|(?P<dayw>"
    + "|".join(sorted((w.replace(" ", "[\\s-]+") for w in _EN_ORDINALS), key=len, reverse=True))
    + ")"
)

_ZH_DATE = re.compile(
    r"(?P<rel>大后天|今天|明天|后天)"
    r"|(?P<wk>下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"
    r"|(?:(?P<mon>[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?)?"
    r"(?P<dom>[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)"
    r"|(?P<eom>月底)"
)
_EN_DATE = re.compile(
    r"\b(?:(?P<rel>the day after tomorrow|today|tomorrow|tonight)"
    r"|(?:(?P<wk>next|this|coming|this coming)\s+)?(?P<wd>" + "|".join(_EN_WEEKDAYS) + r")"
    r"|(?P<mon>" + "|".join(_EN_MONTHS) + r")\s+(?:the\s+)?(?:" + _EN_DAY + r")"
    r"|(?:the\s+)(?:"
    + _EN_DAY.replace("day>", "day2>").replace("dayw>", "dayw2>")
    + r")(?:\s+of\s+(?P<mon2>"
    + "|".join(_EN_MONTHS)
    + r"))?"
    r"|(?P<eom>(?:the\s+)?end of (?:the|this) month))\b",
    re.IGNORECASE,
)


def _next_weekday(today: date, wd: int, week: str) -> date:
    if week in ("下", "下个", "next"):
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday + timedelta(days=wd)
    if week == "下下":
        monday = today - timedelta(days=today.weekday()) + timedelta(days=14)
        return monday + timedelta(days=wd)
    return today + timedelta(days=(wd - today.weekday()) % 7)


def _day_of(today: date, day: int, month: int | None) -> date | None:
    year = today.year
    if month is None:
        month = today.month
        if day < today.day:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
    elif month < today.month:
        year += 1
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _zh_small(s: str) -> int:
    return int(s) if s.isdigit() else int(zh_number(s) or 0)


def dates(text: str, lang: str, today: date) -> list[tuple[date, int, int]]:
    """``(date, start, end)`` of every date said in ``text``, relative to ``today``."""
    found: list[tuple[date, int, int]] = []
    zh = lang.startswith("zh")
    for m in (_ZH_DATE if zh else _EN_DATE).finditer(text):
        g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
        d: date | None = None
        if g.get("rel"):
            offset = {
                "今天": 0,
                "明天": 1,
                "后天": 2,
                "大后天": 3,
                "today": 0,
                "tonight": 0,
                "tomorrow": 1,
                "the day after tomorrow": 2,
            }[g["rel"]]
            d = today + timedelta(days=offset)
        elif g.get("wd"):
            wd = _ZH_WEEKDAY[g["wd"]] if zh else _EN_WEEKDAYS.index(g["wd"])
            d = _next_weekday(today, wd, g.get("wk") or "")
        elif g.get("eom"):
            d = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        elif zh and g.get("dom"):
            month = _zh_small(g["mon"]) if g.get("mon") else None
            d = _day_of(today, _zh_small(g["dom"]), month)
        elif not zh:
            day_text = g.get("day") or g.get("day2")
            word = g.get("dayw") or g.get("dayw2")
            day = (
                int(day_text) if day_text else _EN_ORDINALS.get(re.sub(r"[\s-]+", " ", word or ""))
            )
            mon = g.get("mon") or g.get("mon2")
            if day:
                d = _day_of(today, day, _EN_MONTHS.index(mon) + 1 if mon else None)
        if d is not None:
            found.append((d, m.start(), m.end()))
    return found

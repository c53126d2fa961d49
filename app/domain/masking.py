"""PII masking (PIPL): ID numbers, phone numbers, bank cards, VINs, names, plates.

Masked by default everywhere (UI, exports, logs): ID ``110105********1234`` (first 6, last
4), phone ``138****5678``, card ``**** **** **** 1234``, VIN ``LSV**********1234``. Odd input
(short strings, spaces, dashes, a +86 prefix, full-width digits) never reveals more than the
masked form of a well-formed value: when the input is too short to hide enough characters,
fewer characters are shown, down to none.
"""

from __future__ import annotations

import re
import unicodedata

from app.domain.errors import DomainError

_SEPARATORS = re.compile(r"[\s\-()./]+")


def _clean(value: str, field: str) -> str:
    if not isinstance(value, str):
        raise DomainError(field, "expected a string")
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))


def mask_middle(value: str, keep_start: int, keep_end: int, min_hidden: int) -> str:
    """Show at most ``keep_start`` leading and ``keep_end`` trailing characters while hiding
    at least ``min_hidden`` (the shown parts shrink for short values, the start first)."""
    n = len(value)
    shown_max = max(0, n - min_hidden)
    end = min(keep_end, shown_max)
    start = min(keep_start, shown_max - end)
    return value[:start] + "*" * (n - start - end) + value[n - end :]


def mask_id_number(value: str) -> str:
    """Resident ID number: ``110105199001011234`` -> ``110105********1234``."""
    return mask_middle(_clean(value, "id_number").upper(), 6, 4, 5)


def mask_phone(value: str) -> str:
    """Phone number: ``+86 138 1234 5678`` -> ``138****5678`` (country code 86 dropped)."""
    digits = _clean(value, "phone").lstrip("+")
    for prefix in ("0086", "86"):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == 11 and rest.startswith("1"):
            digits = rest  # Chinese mobile numbers start with 1, so 86 is a country code
            break
    return mask_middle(digits, 3, 4, 4)


def mask_card(value: str) -> str:
    """Bank card: only the last 4 digits, ``**** **** **** 1234`` (length never shown)."""
    digits = _clean(value, "card")
    if not digits:
        return ""
    shown = min(4, max(0, len(digits) - 8))  # short odd input: show fewer, down to none
    tail = digits[len(digits) - shown :] if shown else ""
    return "**** **** **** " + tail.rjust(4, "*")


def mask_vin(value: str) -> str:
    """Vehicle identification number: ``LSVAU2180N2183294`` -> ``LSV**********3294``."""
    return mask_middle(_clean(value, "vin").upper(), 3, 4, 8)


# Chinese compound surnames (复姓) kept whole when masking a name.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木"
    " 独孤 南宫 西门 百里 呼延 万俟 闻人 赫连 澹台 申屠 钟离 太史 公冶 宗政 濮阳 淳于"
    " 单于 仲孙 第五".split()
)


def mask_name(value: str | None) -> str:
    """A person's name: keep the surname, mask the given name (``张伟`` -> ``张*``,
    ``欧阳娜娜`` -> ``欧阳**``; a lone character is masked whole); a Latin name keeps its
    first initial (``John Smith`` -> ``J*** *****``)."""
    name = unicodedata.normalize("NFKC", value if isinstance(value, str) else "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    if name.isascii():
        return name[0] + "".join("*" if c.isalnum() else c for c in name[1:])
    keep = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:keep] + "*" * (len(name) - keep)


def mask_plate(value: str | None) -> str:
    """Licence plate: province and letter, then the last two characters (``京A3F2K9`` ->
    ``京A***K9``); a short value keeps only its first character."""
    plate = (value or "").strip()
    if not plate:
        return ""
    if len(plate) <= 4:
        return plate[:1] + "*" * (len(plate) - 1)
    return plate[:2] + "*" * (len(plate) - 4) + plate[-2:]

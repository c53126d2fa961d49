"""PII masking: the documented forms and odd input that must never reveal more."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import DomainError
from app.domain.masking import mask_card, mask_id_number, mask_phone, mask_vin


def test_documented_forms() -> None:
    assert mask_id_number("110105199001011234") == "110105********1234"
    assert mask_id_number("11010519900101123x") == "110105********123X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_card("6222021234561234") == "**** **** **** 1234"
    assert mask_vin("LSVAU2180N2183294") == "LSV**********3294"


@pytest.mark.parametrize(
    "raw",
    [
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "0086 13812345678",
        "8613812345678",
        " 138 1234 5678 ",
        "(138)1234-5678",
        "１３８１２３４５６７８",
    ],
)
def test_phone_spaces_prefixes_and_full_width(raw: str) -> None:
    assert mask_phone(raw) == "138****5678"


def test_short_and_empty_inputs_reveal_less() -> None:
    assert mask_phone("") == "" and mask_id_number("") == ""
    assert mask_phone("123") == "***"
    assert mask_phone("12345678") == "****5678"
    assert mask_id_number("12345") == "*****"
    assert mask_card("1234") == "**** **** **** ****"
    assert mask_card("") == ""
    assert mask_vin("LSV") == "***"
    assert mask_id_number(" 110105 19900101 1234 ") == "110105********1234"


def test_non_string_is_a_domain_error() -> None:
    with pytest.raises(DomainError):
        mask_phone(13812345678)  # type: ignore[arg-type]


def _visible(masked: str) -> int:
    return sum(1 for c in masked if c not in "* ")


@given(st.text(alphabet="0123456789 +-x", max_size=30))
def test_never_reveals_more_than_the_masked_form(raw: str) -> None:
    assert _visible(mask_id_number(raw)) <= 10
    assert _visible(mask_phone(raw)) <= 7
    assert _visible(mask_card(raw)) <= 4
    assert _visible(mask_vin(raw)) <= 7
    for masked in (mask_id_number(raw), mask_phone(raw), mask_vin(raw)):
        if masked:
            assert "*" in masked  # something is always hidden


@given(st.text(alphabet="0123456789", min_size=18, max_size=18))
def test_id_middle_eight_digits_always_hidden(raw: str) -> None:
    masked = mask_id_number(raw)
    assert masked[:6] == raw[:6] and masked[-4:] == raw[-4:] and masked[6:-4] == "*" * 8


def test_names_keep_the_surname_only() -> None:
    from app.domain.masking import mask_name

    assert mask_name("张伟") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳") == "欧*"
    assert mask_name("John Smith") == "J*** *****"
    assert mask_name("  ") == ""
    assert mask_name("李") == "*"

"""What the softphone may be handed (issue #18 point 5): a number is digits with an optional
leading +, nothing else; no value starts with "-"; a host comes only from the template."""

from __future__ import annotations

import pytest

from app.client.softphone import SoftphoneError, build_target, check_template, check_value

IDS = {"phone_id": "3f2c9a4e-5d1b-4c7e-9a0b-1d2e3f4a5b6c", "case_id": "c-1", "recording": "rec-1"}

BAD_NUMBERS = [
    "-oProxyCommand=sh",  # option injection
    "--help",
    "-1380013800",
    "13800138000@evil.example:5060",  # number@host:port
    "13800138000@evil.example",
    "evil.example:5060",
    "+86 138 0013 8000",  # spaces
    "138-0013-8000",
    "13800138000\n",  # `$` would have let the newline through
    "\n13800138000",
    "13800138000;rm",
    "1380013800#",
    "*13800138000",
    "++8613800138000",
    "86+13800138000",
    "１３８００１３８０００",  # full-width digits
    "١٣٨٠٠١٣٨٠٠٠",  # Arabic-Indic digits
    "13800138000\u200b",
    "12",  # too short
    "1" * 21,  # too long
    "+",
    "sip:13800138000",
    "13800138000/../x",
]

BAD_IDS = [
    "-oProxyCommand=sh",
    "--help",
    "-x",
    "p1@evil.example:5060",
    "p1:5060",
    "p 1",
    "p1\n",
    "p1/x",
    ".hidden",
    "_x",
    "p1;x",
    "p1$x",
    "p1\u200b",
    "x" * 129,
]


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize(
    "template", ["tel:{number}", "sip:{number}@pbx.example", "/opt/phone/dial --to {number}"]
)
def test_bad_numbers_are_refused(template: str, value: str) -> None:
    with pytest.raises(SoftphoneError) as err:
        build_target(template, number=value, **IDS)
    assert err.value.code == "value"
    with pytest.raises(SoftphoneError):
        check_value("number", value)


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("name", ["phone_id", "case_id", "recording"])
def test_bad_ids_are_refused(name: str, value: str) -> None:
    values = {**IDS, name: value}
    with pytest.raises(SoftphoneError):
        build_target("/opt/phone/dial {phone_id} {case_id} {recording}", **values)
    with pytest.raises(SoftphoneError):
        check_value(name, value)


@pytest.mark.parametrize("number", ["13800138000", "+8613800138000", "110", "+1" + "2" * 19])
def test_good_numbers_pass_whole(number: str) -> None:
    assert build_target("tel:{number}", number=number).url == f"tel:{number}"
    cmd = build_target("/opt/phone/dial --to {number}", number=number)
    assert cmd.argv == ("/opt/phone/dial", "--to", number)


@pytest.mark.parametrize(
    "template",
    [
        "sip:{number}@{case_id}",  # the host from a value
        "sip:{number}@pbx.{case_id}",
        "sips:1000@{phone_id}:5061",
        "sip:{number}",  # sip: without a host in the template
        "https://{case_id}/dial?n={number}",
        "http://user@{phone_id}/x",
        "{number}",  # the program from a value
        "{phone_id} --to {number}",
        "'{case_id}' {number}",
        "-oProxyCommand=sh {number}",  # the program is an option
    ],
)
def test_templates_take_the_host_and_program_from_the_template(template: str) -> None:
    with pytest.raises(SoftphoneError) as err:
        check_template(template)
    assert err.value.code in ("host", "program")


@pytest.mark.parametrize(
    "template",
    [
        "tel:{number}",
        "callto:{number}",
        "sip:{number}@pbx.example",
        "sip:{number}@pbx.example:5060;rec={recording}",
        "https://pbx.example/dial?n={number}&rec={recording}",
        "/opt/phone/dial --to={number} --rec {recording}",
    ],
)
def test_good_templates_pass(template: str) -> None:
    assert check_template(template) == template


def test_a_used_placeholder_needs_a_value() -> None:
    with pytest.raises(SoftphoneError):
        build_target("tel:{number}", number="", **IDS)
    # a template without {number} is dialled without it
    assert build_target("sip:{phone_id}@pbx.example", number="", **IDS).url == (
        f"sip:{IDS['phone_id']}@pbx.example"
    )

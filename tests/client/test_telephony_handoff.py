"""The hand-off mode (app.client.telephony.handoff): the softphone templates behind the
phone interface, without call state."""

from __future__ import annotations

import pytest

from app.client.softphone import DialTarget
from app.client.telephony.baresip import NetstringReader, encode, parse_address
from app.client.telephony.handoff import HandOffPhone
from app.client.telephony.phone import PhoneError


def test_hand_off_fills_the_template_and_has_no_call_state() -> None:
    handed: list[DialTarget] = []
    phone = HandOffPhone(lambda: "sip:{number}@pbx.example;rec={recording}", handed.append)
    assert phone.mode == "hand-off" and not phone.has_call_state
    phone.dial("13812345678", recording="rec-1")
    assert handed == [DialTarget(url="sip:13812345678@pbx.example;rec=rec-1")]
    with pytest.raises(PhoneError):
        phone.dial("138 1234; rm -rf")
    for action in (lambda: phone.hold(True), lambda: phone.mute(True)):
        with pytest.raises(PhoneError):
            action()
    assert len(handed) == 1


def test_netstrings_split_across_reads_and_refuse_garbage() -> None:
    wire = encode({"a": 1}) + encode({"event": True, "type": "CALL_CLOSED"})
    reader = NetstringReader()
    bodies = [b for i in range(len(wire)) for b in reader.feed(wire[i : i + 1])]
    assert bodies == [b'{"a": 1}', b'{"event": true, "type": "CALL_CLOSED"}']
    with pytest.raises(PhoneError):
        NetstringReader().feed(b"5:abcde;")
    with pytest.raises(PhoneError):
        NetstringReader().feed(b"x:")


@pytest.mark.parametrize("text", ["localhost", ":4444", "host:0", "host:99999", "host:a"])
def test_a_control_address_is_host_and_port(text: str) -> None:
    with pytest.raises(PhoneError):
        parse_address(text)
    assert parse_address(" 127.0.0.1:4444 ") == ("127.0.0.1", 4444)

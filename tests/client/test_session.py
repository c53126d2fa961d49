"""Sign-in against the real server; refresh token in the keyring, never on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail, null

from app.client.http_client import ServerUnreachable, Unauthorized
from app.client.session import SERVICE, Session, keyring_usable, last_account, remember_account
from tests.client.conftest import TEST_PASSWORD, MemoryKeyring
from tests.client.live import LiveServer


def test_keyring_usable_detects_fail_null_and_plaintext() -> None:
    assert not keyring_usable(fail.Keyring())
    assert not keyring_usable(null.Keyring())
    assert keyring_usable(MemoryKeyring())

    class PlaintextKeyring(MemoryKeyring):
        pass

    assert not keyring_usable(PlaintextKeyring())


def test_login_stores_refresh_token_in_keyring_and_resumes(
    live: LiveServer,
    make_user: Callable[..., object],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    user = make_user("agent", username="wang")
    s = Session(live.url, "wang")
    assert s.keyring_available
    info = s.login(TEST_PASSWORD)
    assert info.username == "wang" and info.role == "agent"
    stored = memory_keyring.secrets[(SERVICE, f"{live.url}|wang")]
    assert stored == s.api.tokens.refresh_token
    again = Session(live.url, "wang")
    assert again.resume()
    assert again.refresh_now().username == "wang"
    # refresh rotates: the keyring follows
    assert memory_keyring.secrets[(SERVICE, f"{live.url}|wang")] == again.api.tokens.refresh_token
    assert user is not None


def test_no_usable_keyring_keeps_tokens_in_memory_only(
    live: LiveServer,
    make_user: Callable[..., object],
    tmp_path: Path,
) -> None:
    make_user("agent", username="li")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        s = Session(live.url, "li")
        assert not s.keyring_available
        s.login(TEST_PASSWORD)
        assert s.api.tokens.refresh_token
        assert not Session(live.url, "li").resume()
    finally:
        keyring.set_keyring(previous)
    remember_account(live.url, "li", base=tmp_path)
    assert last_account(base=tmp_path) == (live.url, "li")
    token = s.api.tokens.refresh_token or ""
    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert token.encode() not in f.read_bytes()


def test_wrong_password_and_unreachable_server(
    live: LiveServer,
    make_user: Callable[..., object],
    memory_keyring: MemoryKeyring,
) -> None:
    make_user("agent", username="zhao")
    with pytest.raises(Unauthorized):
        Session(live.url, "zhao").login("wrong password!")
    with pytest.raises(ServerUnreachable):
        Session("http://127.0.0.1:9", "zhao", timeout=2).login(TEST_PASSWORD)

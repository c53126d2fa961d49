"""Login, tokens (expiry, revocation, rotation) and the failed-login throttle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.server.app_factory import create_app
from app.server.auth import prune_auth, token_digest
from app.server.models import AuthToken, LoginThrottle, User, utcnow
from app.server.settings import Settings


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_login_returns_tokens_and_user(
    client: TestClient, make_user: Callable[..., User], login: Callable[..., dict[str, Any]]
) -> None:
    user = make_user("team_lead", "north", display_name="王芳")
    data = login(user)
    assert data["token_type"] == "bearer" and data["expires_in"] > 0
    assert data["user"] == {
        "username": user.username,
        "display_name": "王芳",
        "role": "team_lead",
        "team": "north",
    }
    # the rules the desk must apply as the server does (its settings; defaults here)
    assert data["desk"] == {"lender_timezone": "Asia/Shanghai", "contact_policy_profile": "cn"}
    assert client.get("/auth/me", headers=_bearer(data["access_token"])).status_code == 200
    refreshed = client.post("/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert refreshed.json()["desk"] == data["desk"]


def test_tokens_are_stored_hashed(
    make_user: Callable[..., User],
    login: Callable[..., dict[str, Any]],
    session_factory: sessionmaker[Session],
) -> None:
    data = login(make_user())
    with session_factory() as session:
        hashes = set(session.scalars(select(AuthToken.token_hash)))
    assert data["access_token"] not in hashes
    assert token_digest(data["access_token"]) in hashes


def test_wrong_password_and_unknown_user(
    client: TestClient, make_user: Callable[..., User]
) -> None:
    user = make_user()
    for name, pw in ((user.username, "wrong"), ("nobody", "whatever")):
        resp = client.post("/auth/token", json={"username": name, "password": pw})
        assert resp.status_code == 401
        assert resp.json()["error"]["code"] == "invalid_credentials"


def test_disabled_user_cannot_login(client: TestClient, make_user: Callable[..., User]) -> None:
    user = make_user(active=False)
    resp = client.post(
        "/auth/token", json={"username": user.username, "password": user.clear_password}
    )
    assert resp.status_code == 401


def test_expired_access_token(
    client: TestClient,
    make_user: Callable[..., User],
    login: Callable[..., dict[str, Any]],
    session_factory: sessionmaker[Session],
) -> None:
    data = login(make_user())
    with session_factory() as session:
        session.execute(
            update(AuthToken)
            .where(AuthToken.token_hash == token_digest(data["access_token"]))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        session.commit()
    resp = client.get("/auth/me", headers=_bearer(data["access_token"]))
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_token"


def test_garbage_token(client: TestClient) -> None:
    resp = client.get("/auth/me", headers=_bearer("not-a-token"))
    assert resp.status_code == 401


def test_logout_revokes_access_and_refresh(
    client: TestClient, make_user: Callable[..., User], login: Callable[..., dict[str, Any]]
) -> None:
    data = login(make_user())
    assert client.post("/auth/logout", headers=_bearer(data["access_token"])).status_code == 204
    assert client.get("/auth/me", headers=_bearer(data["access_token"])).status_code == 401
    resp = client.post("/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert resp.status_code == 401


def test_refresh_rotates_and_reuse_revokes_family(
    client: TestClient, make_user: Callable[..., User], login: Callable[..., dict[str, Any]]
) -> None:
    first = login(make_user())
    resp = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert resp.status_code == 200
    second = resp.json()
    assert second["refresh_token"] != first["refresh_token"]
    # the old access token of the family is retired, the new one works
    assert client.get("/auth/me", headers=_bearer(first["access_token"])).status_code == 401
    assert client.get("/auth/me", headers=_bearer(second["access_token"])).status_code == 200
    # replaying the rotated refresh token is refused and ends the session
    again = client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert again.status_code == 401
    assert client.get("/auth/me", headers=_bearer(second["access_token"])).status_code == 401
    third = client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert third.status_code == 401


def test_failed_logins_are_throttled(
    client: TestClient,
    make_user: Callable[..., User],
    session_factory: sessionmaker[Session],
) -> None:
    user = make_user()
    for _ in range(5):
        resp = client.post("/auth/token", json={"username": user.username, "password": "bad"})
        assert resp.status_code == 401
    # locked: even the right password is refused, with a clear 429
    resp = client.post(
        "/auth/token", json={"username": user.username, "password": user.clear_password}
    )
    assert resp.status_code == 429
    err = resp.json()["error"]
    assert err["code"] == "too_many_attempts" and err["details"]["retry_after_s"] > 0
    assert int(resp.headers["Retry-After"]) > 0
    # another username from the same address is not affected
    other = make_user()
    ok = client.post(
        "/auth/token", json={"username": other.username, "password": other.clear_password}
    )
    assert ok.status_code == 200
    # once the lockout has passed, the right password works and resets the counter
    with session_factory() as session:
        session.execute(update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
        session.commit()
    resp = client.post(
        "/auth/token", json={"username": user.username, "password": user.clear_password}
    )
    assert resp.status_code == 200
    with session_factory() as session:
        rows = {r.key.split(":")[0]: r for r in session.scalars(select(LoginThrottle))}
        assert rows["user"].failures == 0
        assert rows["addr"].failures == 5  # a success does not clear the address's count


def _age_tokens(session: Session, user: User, by: timedelta) -> None:
    for row in session.scalars(select(AuthToken).where(AuthToken.user_id == user.id)):
        row.expires_at -= by
    session.flush()


def test_signing_in_drops_the_users_long_expired_tokens(
    make_user: Callable[..., User],
    login: Callable[..., dict[str, Any]],
    session_factory: sessionmaker[Session],
) -> None:
    user, other = make_user(), make_user()
    login(user)
    login(other)
    with session_factory() as session:
        _age_tokens(session, user, timedelta(days=40))  # long expired
        _age_tokens(session, other, timedelta(days=40))
        session.commit()
    fresh = login(user)
    with session_factory() as session:
        mine = session.scalars(select(AuthToken.token_hash).where(AuthToken.user_id == user.id))
        assert set(mine) == {
            token_digest(fresh["access_token"]),
            token_digest(fresh["refresh_token"]),
        }
        # someone else's rows wait for their own sign-in (or `db prune-auth`)
        theirs = session.scalars(select(AuthToken.id).where(AuthToken.user_id == other.id))
        assert len(list(theirs)) == 2


def test_prune_auth_keeps_what_still_matters(
    make_user: Callable[..., User],
    login: Callable[..., dict[str, Any]],
    session_factory: sessionmaker[Session],
    settings: Settings,
) -> None:
    old, recent, live = make_user(), make_user(), make_user()
    for u in (old, recent, live):
        login(u)
    now = utcnow()
    with session_factory() as session:
        _age_tokens(session, old, timedelta(days=40))
        # expired an hour ago: kept through the grace day
        session.execute(
            update(AuthToken)
            .where(AuthToken.user_id == recent.id)
            .values(expires_at=now - timedelta(hours=1))
        )
        session.add_all(
            [
                LoginThrottle(key="done", failures=3, window_start=now - timedelta(days=1)),
                LoginThrottle(
                    key="locked",
                    failures=5,
                    window_start=now - timedelta(days=1),
                    locked_until=now + timedelta(minutes=3),
                ),
                LoginThrottle(key="counting", failures=2, window_start=now - timedelta(minutes=1)),
                # a username's recent failures are kept for login_recent_failure_s
                LoginThrottle(key="acct:recent", failures=1, window_start=now - timedelta(hours=2)),
                LoginThrottle(key="acct:old", failures=1, window_start=now - timedelta(days=2)),
            ]
        )
        session.commit()
        assert prune_auth(session, settings, now=now) == (2, 2)
        users = set(session.scalars(select(AuthToken.user_id)))
        assert users == {recent.id, live.id}
        kept = set(session.scalars(select(LoginThrottle.key)))
        assert kept == {"locked", "counting", "acct:recent"}
        assert prune_auth(session, settings, now=now) == (0, 0)


def _spray(client: TestClient, usernames: list[str]) -> list[int]:
    return [
        client.post("/auth/token", json={"username": name, "password": "bad"}).status_code
        for name in usernames
    ]


def _sign_in(client: TestClient, user: User, password: str | None = None) -> Any:
    return client.post(
        "/auth/token",
        json={"username": user.username, "password": password or user.clear_password},
    )


def _retry_after(resp: Any) -> int:
    assert resp.status_code == 429, resp.text
    err = resp.json()["error"]
    assert err["code"] == "too_many_attempts"
    assert int(resp.headers["Retry-After"]) == err["details"]["retry_after_s"] > 0
    return int(resp.headers["Retry-After"])


def _delay_over(session_factory: sessionmaker[Session]) -> None:
    """The address's current delay has passed (what waiting Retry-After seconds does)."""
    with session_factory() as session:
        session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key.startswith("addr:"))
            .values(locked_until=utcnow() - timedelta(seconds=1))
        )
        session.commit()


def test_a_stranger_behind_the_office_nat_cannot_lock_the_office_out(
    settings: Settings,
    engine: Engine,
    make_user: Callable[..., User],
    session_factory: sessionmaker[Session],
) -> None:
    """Issue 18 point 7, the NAT case: someone at the office's shared address tries 32 wrong
    passwords over a few accounts. The stranger is slowed (429 + Retry-After); an agent at
    the same address with no recent failures signs in with the right password at once; the
    per-user lock still holds for an account guessed at; another address is untouched."""
    guessed = [make_user() for _ in range(8)]
    agent, victim = make_user(), make_user()
    # a first delay long enough that no slow test run sees it pass between two requests
    settings = settings.model_copy(update={"login_address_delay_s": 60})
    app = create_app(settings, engine=engine)
    with TestClient(app, client=("203.0.113.5", 50000)) as office:
        # 4 guesses on each of 8 accounts (under the per-user lock of 5)
        statuses = _spray(office, [u.username for u in guessed] * 4)
        assert len(statuses) == 32
        slow_after = settings.login_address_slow_after
        assert statuses[:slow_after] == [401] * slow_after
        assert set(statuses[slow_after:]) == {429}  # slowed: the passwords are not even tried
        resp = _sign_in(office, guessed[0], "bad again")
        assert _retry_after(resp) <= settings.login_address_max_delay_s
        # a colleague at the same address, no recent failures, right password: in
        assert _sign_in(office, agent).status_code == 200
        # ... and the stranger is still slowed
        _retry_after(_sign_in(office, guessed[1], "still bad"))
        # the per-user lock stands: 5 failures for the victim (each after the address's
        # delay) lock the victim's account at this address, right password included
        for _ in range(settings.login_max_failures):
            _delay_over(session_factory)
            assert _sign_in(office, victim, "bad").status_code == 401
        _delay_over(session_factory)
        locked = _sign_in(office, victim)
        assert _retry_after(locked) > settings.login_address_delay_s  # the lock, not the delay
        assert locked.json()["error"]["details"]["scope"] == "account"
    with TestClient(app, client=("192.0.2.10", 50000)) as elsewhere:
        assert _sign_in(elsewhere, guessed[0]).status_code == 200


def test_the_address_delay_grows_with_each_failure_up_to_its_cap(
    settings: Settings,
    engine: Engine,
    make_user: Callable[..., User],
    session_factory: sessionmaker[Session],
) -> None:
    """Past `login_address_slow_after` failures, each failure from the address makes the
    next attempt wait longer (doubling from `login_address_delay_s`), never more than
    `login_address_max_delay_s`; a user with recent failures waits it like anyone."""
    guesser = make_user()
    # delays long enough that no slow test run sees one pass between two requests
    settings = settings.model_copy(
        update={"login_address_delay_s": 30, "login_address_max_delay_s": 1800}
    )
    app = create_app(settings, engine=engine)
    waits: list[int] = []
    with TestClient(app) as client:
        slow_after = settings.login_address_slow_after
        first = _spray(client, [make_user().username for _ in range(slow_after)])
        assert first == [401] * slow_after
        assert _sign_in(client, guesser, "bad").status_code == 401  # exempt once: no failures yet
        for _ in range(12):
            waits.append(_retry_after(_sign_in(client, guesser, "bad")))
            _delay_over(session_factory)
            assert _sign_in(client, guesser, "bad").status_code == 401
            with session_factory() as session:  # keep the per-user lock out of this test
                session.execute(
                    update(LoginThrottle)
                    .where(LoginThrottle.key.startswith("user:"))
                    .values(failures=0, locked_until=None)
                )
                session.commit()
    assert waits[0] <= settings.login_address_delay_s * 2
    assert waits == sorted(waits) and waits[3] > waits[0]
    assert waits[-1] == settings.login_address_max_delay_s


def test_a_success_does_not_reset_the_address_count(
    settings: Settings,
    engine: Engine,
    make_user: Callable[..., User],
    session_factory: sessionmaker[Session],
) -> None:
    """A sprayer who also owns one account cannot clear the address's count by signing in:
    the address stays slowed for accounts with recent failures."""
    slow_after = settings.login_address_slow_after
    own = make_user()
    victims = [make_user() for _ in range(slow_after)]
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        half = slow_after // 2
        assert _spray(client, [u.username for u in victims[:half]]) == [401] * half
        assert _sign_in(client, own).status_code == 200
        rest = _spray(client, [u.username for u in victims[half:]])
        assert rest == [401] * (slow_after - half)
        _retry_after(_sign_in(client, victims[0], "bad"))
    with session_factory() as session:
        row = session.get(LoginThrottle, "addr:testclient")
        assert row is not None and row.failures == slow_after

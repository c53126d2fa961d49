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
            ]
        )
        session.commit()
        assert prune_auth(session, settings, now=now) == (2, 1)
        users = set(session.scalars(select(AuthToken.user_id)))
        assert users == {recent.id, live.id}
        assert set(session.scalars(select(LoginThrottle.key))) == {"locked", "counting"}
        assert prune_auth(session, settings, now=now) == (0, 0)


def _spray(client: TestClient, usernames: list[str]) -> list[int]:
    return [
        client.post("/auth/token", json={"username": name, "password": "bad"}).status_code
        for name in usernames
    ]


def test_password_spraying_from_one_address_is_throttled(
    settings: Settings, engine: Engine, make_user: Callable[..., User]
) -> None:
    """One wrong password for each of many usernames from one address: after
    `login_address_max_failures` failures (any usernames) the address gets 429 for every
    login, the right password too; another address is not affected."""
    limit = settings.login_address_max_failures
    assert limit > settings.login_max_failures  # one agent's typos never lock the office
    users = [make_user() for _ in range(limit + 1)]
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        assert _spray(client, [u.username for u in users[:limit]]) == [401] * limit
        last = users[limit]
        resp = client.post(
            "/auth/token", json={"username": last.username, "password": last.clear_password}
        )
        assert resp.status_code == 429
        err = resp.json()["error"]
        assert err["code"] == "too_many_attempts" and err["details"]["retry_after_s"] > 0
        assert int(resp.headers["Retry-After"]) > 0
    with TestClient(app, client=("192.0.2.10", 50000)) as elsewhere:
        resp = elsewhere.post(
            "/auth/token", json={"username": last.username, "password": last.clear_password}
        )
        assert resp.status_code == 200


def test_a_success_does_not_reset_the_address_count(
    settings: Settings, engine: Engine, make_user: Callable[..., User]
) -> None:
    """A sprayer who also owns one account cannot clear the address's count by signing in."""
    limit = settings.login_address_max_failures
    own = make_user()
    victims = [make_user() for _ in range(limit)]
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        half = limit // 2
        assert _spray(client, [u.username for u in victims[:half]]) == [401] * half
        ok = client.post(
            "/auth/token", json={"username": own.username, "password": own.clear_password}
        )
        assert ok.status_code == 200
        rest = _spray(client, [u.username for u in victims[half:]])
        assert rest == [401] * (limit - half)
        again = client.post(
            "/auth/token", json={"username": own.username, "password": own.clear_password}
        )
        assert again.status_code == 429

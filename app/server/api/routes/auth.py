"""POST /auth/token, /auth/refresh (rotating), /auth/logout."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.protocol.auth import LoginRequest, RefreshRequest, TokenResponse, UserInfo
from app.protocol.common import ErrorResponse
from app.server import auth as auth_service
from app.server.api.deps import (
    CurrentToken,
    CurrentUser,
    HasherDep,
    SessionDep,
    SettingsDep,
    client_ip,
)
from app.server.models import User

router = APIRouter(prefix="/auth", tags=["auth"])


def user_info(user: User) -> UserInfo:
    return UserInfo(
        username=user.username,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]
        team=user.team_name,
    )


def _response(tokens: auth_service.IssuedTokens) -> TokenResponse:
    return TokenResponse(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=tokens.expires_in,
        user=user_info(tokens.user),
    )


@router.post(
    "/token",
    response_model=TokenResponse,
    responses={429: {"model": ErrorResponse, "description": "too many failed logins"}},
)
def login(
    body: LoginRequest,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    hasher: HasherDep,
) -> TokenResponse:
    tokens = auth_service.login(
        session,
        settings,
        hasher,
        username=body.username,
        password=body.password,
        client_ip=client_ip(request),
    )
    return _response(tokens)


@router.post("/refresh", response_model=TokenResponse)
def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    return _response(auth_service.refresh(session, settings, body.refresh_token))


@router.post("/logout", status_code=204, response_class=Response)
def logout(session: SessionDep, token: CurrentToken) -> Response:
    auth_service.logout(session, token)
    return Response(status_code=204)


@router.get("/me", response_model=UserInfo)
def me(user: CurrentUser) -> UserInfo:
    return user_info(user)

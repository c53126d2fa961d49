"""POST /auth/token, /auth/refresh (rotating), /auth/logout."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.protocol.auth import (
    DeskRules,
    LoginRequest,
    RefreshRequest,
    TokenResponse,
    UserInfo,
)
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
from app.server.settings import Settings

router = APIRouter(prefix="/auth", tags=["auth"])


def user_info(user: User) -> UserInfo:
    return UserInfo(
        username=user.username,
        display_name=user.display_name,
        role=user.role,  # type: ignore[arg-type]
        team=user.team_name,
    )


def _response(tokens: auth_service.IssuedTokens, settings: Settings) -> TokenResponse:
    return TokenResponse(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=tokens.expires_in,
        user=user_info(tokens.user),
        desk=DeskRules(
            lender_timezone=settings.lender_timezone,
            contact_policy_profile=settings.contact_policy_profile,
        ),
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
    return _response(tokens, settings)


@router.post("/refresh", response_model=TokenResponse)
def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenResponse:
    return _response(auth_service.refresh(session, settings, body.refresh_token), settings)


@router.post("/logout", status_code=204, response_class=Response)
def logout(session: SessionDep, token: CurrentToken) -> Response:
    auth_service.logout(session, token)
    return Response(status_code=204)


@router.get("/me", response_model=UserInfo)
def me(user: CurrentUser) -> UserInfo:
    return user_info(user)

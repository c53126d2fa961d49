"""Login, refresh and logout."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from app.protocol.common import ApiModel

Role = Literal["agent", "team_lead", "admin"]


class LoginRequest(ApiModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class RefreshRequest(ApiModel):
    refresh_token: str = Field(min_length=16, max_length=256)


class TokenResponse(ApiModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="access token lifetime in seconds")
    user: UserInfo


class UserInfo(ApiModel):
    username: str
    display_name: str
    role: Role
    team: str | None


TokenResponse.model_rebuild()

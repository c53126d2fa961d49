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
    desk: DeskRules


class DeskRules(ApiModel):
    """The server's settings the desk must apply the same way, sent with every token: the
    lender's zone (business dates: promises, plans, "today") and the contact-policy
    profile (the dial guard). The desk keeps them for offline starts."""

    lender_timezone: str = Field(description="IANA zone of the lender's business date")
    contact_policy_profile: str = Field(description="contact-policy profile, e.g. cn or us")


class UserInfo(ApiModel):
    username: str
    display_name: str
    role: Role
    team: str | None


TokenResponse.model_rebuild()

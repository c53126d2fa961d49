"""Server configuration: one pydantic-settings object, environment prefix COLLECTION_DESK_."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.domain.business_day import DEFAULT_LENDER_TIMEZONE, zone
from app.domain.contact_policy_types import DEFAULT_POLICY_PROFILE
from app.domain.delinquency import (
    DEFAULT_COST_CAP,
    DEFAULT_PENALTY_GRACE_DAYS,
    DEFAULT_TOLERANCE,
    PenaltyPolicy,
)
from app.domain.errors import DomainError
from app.domain.money import Money

_T = TypeVar("_T")


def _domain_checked(check: Callable[[], object], value: _T) -> _T:
    """Run a domain check; its DomainError becomes the ValueError pydantic reports."""
    try:
        check()
    except DomainError as exc:
        raise ValueError(exc.reason) from None
    return value


def default_database_url() -> str:
    """SQLite file under the platform's user data dir (created on demand)."""
    directory = Path(user_data_dir("collection-desk", "CollectionDesk")) / "server"
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'collection_desk.db'}"


class Settings(BaseSettings):
    """Everything the server reads from the environment (COLLECTION_DESK_*)."""

    model_config = SettingsConfigDict(env_prefix="COLLECTION_DESK_", extra="ignore")

    database_url: str = ""
    # tokens
    access_token_ttl_s: int = 30 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    # login throttle: after N failures within the window the (username, ip) is locked out
    login_max_failures: int = 5
    login_window_s: int = 15 * 60
    login_lockout_s: int = 5 * 60
    # failures from one address (any usernames) are counted in this window; what they do:
    # see the "login throttle per address" block at the end
    login_address_window_s: int = 15 * 60
    # The client address is the socket's peer. X-Forwarded-For / X-Forwarded-Proto are
    # believed only from these proxies (comma-separated addresses or networks, "*" for any);
    # empty: never (uvicorn would otherwise trust 127.0.0.1, and anyone able to connect from
    # there could pick their address and slip past the login throttle).
    forwarded_allow_ips: str = ""
    # argon2 parameters for new hashes (verification reads them from the hash)
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 64 * 1024
    argon2_parallelism: int = 2
    # sync
    change_log_retention_days: int = 60
    # POST /sync/push bodies above this are refused (413) before they are read in full or
    # parsed. The desk keeps each push under 1 MiB (sync_engine.PUSH_BODY_TARGET); a batch of
    # 500 short notes is ~250 KB.
    push_max_body_bytes: int = 8 * 1024 * 1024
    # write scope in time (app.server.scope): a former holder's fact (note, contact, promise,
    # callback) is accepted only when it was made while they held the case, give or take the
    # desk's clock skew, and arrives within the grace days after the hand-over
    handover_grace_days: int = Field(default=7, ge=0, le=365)
    handover_clock_skew_s: int = Field(default=300, ge=0, le=24 * 3600)
    # business rules
    lender_timezone: str = DEFAULT_LENDER_TIMEZONE  # business dates: payments, promises
    contact_policy_profile: str = DEFAULT_POLICY_PROFILE
    # how far ahead a promise to pay and a callback may be scheduled (app.domain.followups)
    promise_horizon_days: int = 30
    callback_horizon_days: int = 30
    # a dialled call with no outcome (no wrap-up, no end event) after this long is closed as
    # "no outcome reported" by `main.py close-dials` and the daily chain; it stays counted
    dial_outcome_timeout_minutes: int = Field(default=120, ge=1, le=7 * 24 * 60)
    # delinquency rules of the daily overdue run (app.domain.delinquency.PenaltyPolicy):
    # a shortfall up to the tolerance is not overdue (容差; 0 = every fen counts); no
    # penalty when paid within the grace days (宽限期; 0 = from the first day); the penalty
    # rate is capped so that contract + penalty rate <= the cap per year ("none" = no cap)
    shortfall_tolerance_fen: int = DEFAULT_TOLERANCE.fen
    penalty_grace_days: int = DEFAULT_PENALTY_GRACE_DAYS
    penalty_cost_cap: Decimal | None = DEFAULT_COST_CAP
    # penalty while an agreed catch-up plan performs: "accrue" (default: the contract's
    # penalty runs on the arrears as before) or "suspend" (none from the day the plan was
    # made while it is approved or active; a broken plan has it charged from that day
    # again, a kept one never). See docs/ARCHITECTURE.md "An agreed plan on the loan".
    plan_penalty: Literal["accrue", "suspend"] = "accrue"
    # while a catch-up plan performs its case is off the calling queue except from this
    # many days before a plan due date to this many days after it (jobs/plan_queue.py)
    plan_call_days_before: int = Field(default=3, ge=0, le=31)
    plan_call_days_after: int = Field(default=1, ge=0, le=31)
    # risk and strategy (app/server/risk): segments cut the default probability,
    # low < risk_medium_from <= medium < risk_high_from <= high
    risk_medium_from: float = 0.10
    risk_high_from: float = 0.30
    # a care call (current loan, high risk) stays on the list this many days at most, and a
    # loan gets no new one within the cooldown after the last one closed
    care_call_max_days: int = 14
    care_call_cooldown_days: int = 30
    # at most this many new care calls a day, highest risk first (the team's capacity)
    care_call_max_new_per_day: int = 200
    # the automated reminder batch (`reminders --date D`): which overdue cases, in which
    # language, and when (borrower's local wall-clock windows, HH:MM-HH:MM)
    reminder_buckets: str = "M1"  # comma-separated
    reminder_segments: str = "low"  # comma-separated
    reminder_lang: str = "zh_CN"
    reminder_sms_window: str = "10:00-12:00"
    reminder_ivr_window: str = "14:00-16:00"
    # refuse to start on a database whose Alembic revision is behind
    check_migrations: bool = True

    # --- login throttle per address (issue 18 point 7; app/server/login_throttle.py) ---
    # Agents behind one NAT share an address, so the address is slowed, never locked: after
    # `login_address_slow_after` failures within `login_address_window_s`, each further
    # failure makes the next attempt from there wait `login_address_delay_s`, doubling up to
    # `login_address_max_delay_s` (429 + Retry-After). A username with no failed login
    # within `login_recent_failure_s` (since its last success) is not made to wait: its
    # password is checked at once. A success never resets the address's count.
    login_address_slow_after: int = 10
    login_address_delay_s: int = 2
    login_address_max_delay_s: int = 5 * 60
    login_recent_failure_s: int = 24 * 3600

    # --- operations (issue 18 point 9; app/server/metrics.py) ---
    # GET /metrics (Prometheus text format). With a token set, scrapers must send
    # `Authorization: Bearer <token>`; empty means open (bind the API to a private network).
    metrics_enabled: bool = True
    metrics_token: str = ""
    # one JSON object per log line instead of text (for log shippers)
    json_logs: bool = False

    # --- issue #18 points 2 and 3: dial rate and reveal threshold (branch dialreveal) ---
    # POST /cases/{id}/dial: at most this many requests per user within the window (a
    # sliding window counted from the audit log, so several workers share it); more answer
    # 429 dial_rate_limited with Retry-After (services/dial_rate.py)
    dial_rate_limit: int = Field(default=30, ge=1)
    dial_rate_window_s: int = Field(default=60, ge=1)
    # reveals of clear PII per user per business day (lender's zone) above which the user's
    # lead is told: the team console's Reveals tab flags the user, and the first reveal
    # past it writes a `pii.reveal_threshold` audit row (services/reveal_watch.py)
    reveal_daily_threshold: int = Field(default=20, ge=1)
    # --- end of issue #18 points 2 and 3 ---

    @field_validator("penalty_cost_cap", mode="before")
    @classmethod
    def _no_cap(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in ("", "none", "off", "no"):
            return None
        return value

    @field_validator("lender_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _domain_checked(lambda: zone(value, field="lender_timezone"), value)

    @field_validator("shortfall_tolerance_fen")
    @classmethod
    def _tolerance(cls, value: int) -> int:
        return _domain_checked(lambda: PenaltyPolicy(tolerance=Money(value)), value)

    @field_validator("penalty_grace_days")
    @classmethod
    def _grace(cls, value: int) -> int:
        return _domain_checked(lambda: PenaltyPolicy(penalty_grace_days=value), value)

    @field_validator("penalty_cost_cap")
    @classmethod
    def _cap(cls, value: Decimal | None) -> Decimal | None:
        return _domain_checked(lambda: PenaltyPolicy(cost_cap=value), value)

    def penalty_policy(self) -> PenaltyPolicy:
        """The delinquency rules the overdue run applies (defaults as in app.domain)."""
        return PenaltyPolicy(
            tolerance=Money(self.shortfall_tolerance_fen),
            penalty_grace_days=self.penalty_grace_days,
            cost_cap=self.penalty_cost_cap,
        )

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()


def get_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (e.g. from the CLI)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]

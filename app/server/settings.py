"""Server configuration: one pydantic-settings object, environment prefix COLLECTION_DESK_."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    # argon2 parameters for new hashes (verification reads them from the hash)
    argon2_time_cost: int = 3
    argon2_memory_cost: int = 64 * 1024
    argon2_parallelism: int = 2
    # sync
    change_log_retention_days: int = 60
    # business rules
    lender_timezone: str = "Asia/Shanghai"
    contact_policy_profile: str = "cn"
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

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()


def get_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides (e.g. from the CLI)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]

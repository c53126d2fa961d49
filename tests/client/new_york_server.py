"""Fixtures for tests of a server set to New York with the US contact policy: `settings`
(overrides the server's; the live server and the desk use it) and the desk's lender zone
put back to the default after each test (it is process-wide)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.client import lender_zone
from app.server.settings import Settings
from tests.server.conftest import FAST_ARGON2

NEW_YORK = "America/New_York"


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(  # type: ignore[arg-type]
        database_url=db_url, lender_timezone=NEW_YORK, contact_policy_profile="us", **FAST_ARGON2
    )


@pytest.fixture(autouse=True)
def default_zone_after() -> Iterator[None]:
    yield
    lender_zone.use(None)

"""Client test fixtures: a fresh store in tmp, an in-memory keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.client.store import LocalStore
from tests.conftest import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LocalStore]:
    s = LocalStore(tmp_path / "store.sqlite3")
    yield s
    s.close()


# --- a real server (fixtures shared with tests/server) -----------------------------------

from tests.client.live import LiveServer  # noqa: E402
from tests.server.conftest import (  # noqa: E402, F401  (pytest fixtures)
    TEST_PASSWORD,
    _pg_database,
    _sqlite_template,
    app,
    backend,
    db_url,
    engine,
    make_case,
    make_user,
    session_factory,
    settings,
)


@pytest.fixture
def live(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    server = LiveServer(request.getfixturevalue("app")).start()
    yield server
    server.stop()


from tests.client.desk_fixtures import agent, cases, desk  # noqa: E402, F401
from tests.client.team_book import lead_api, team_book  # noqa: E402, F401

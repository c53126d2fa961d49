"""UI test fixtures: a dressed QApplication (English), isolated QSettings, an in-memory
keyring, a fake DeskService, and a real in-process server for the sign-in and sync tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.client.conftest import MemoryKeyring, live, memory_keyring  # noqa: F401
from tests.server.conftest import (  # noqa: F401  (pytest fixtures)
    TEST_PASSWORD,
    _sqlite_template,
    app,
    engine,
    make_case,
    make_user,
    session_factory,
    settings,
)
from tests.ui.fakes import FakeDeskService


@pytest.fixture(scope="session", autouse=True)
def _desk_app(qapp, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Dress the test QApplication once: font, stylesheet, English source strings."""
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("qsettings")),
    )
    from ui.application import dress_application

    dress_application(qapp, language="en")
    return qapp


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    from ui.settings import desk_settings

    desk_settings().clear()
    yield
    desk_settings().clear()


@pytest.fixture
def db_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """UI tests run the server on SQLite only (the server suite covers PostgreSQL)."""
    target = tmp_path / "server.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), target)
    return f"sqlite:///{target}"


@pytest.fixture
def fake_service() -> FakeDeskService:
    return FakeDeskService(60)


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where tests save screenshots: screenshots/ at the repo root (gitignored)."""
    out = Path(__file__).resolve().parents[2] / "screenshots"
    out.mkdir(exist_ok=True)
    return out


from tests.client.team_book import lead_api, team_book  # noqa: E402, F401  (pytest fixtures)

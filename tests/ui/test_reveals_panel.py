"""The lead's Reveals tab (issue #18 point 3) against the real in-process server: who
revealed what (field, masked value and borrower, case) and why; an agent above the daily
threshold is flagged at the top and on the tab's title when the console starts. Rendered
in both languages at 1366x768."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtWidgets import QApplication

from app.client.team_api import TeamApi
from app.server.settings import Settings
from tests.client.live import LiveServer
from tests.client.team_book import TeamBook, token
from tests.server.conftest import FAST_ARGON2
from ui import labels
from ui.i18n import install_language
from ui.team.console import REVEALS, TeamConsole

THRESHOLD = 2


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, reveal_daily_threshold=THRESHOLD, **FAST_ARGON2)  # type: ignore[arg-type]


def _reveal(url: str, agent: str, case_id: str, note: str, **body: str) -> None:
    payload = {"field": "id_number", "reason": "verify_identity", "note": note, **body}
    r = requests.post(
        f"{url}/cases/{case_id}/reveal", json=payload, headers=token(url, agent), timeout=10
    )
    assert r.status_code == 200, r.text


def test_the_lead_sees_who_revealed_what_and_why(  # type: ignore[no-untyped-def]
    qtbot, live: LiveServer, team_book: TeamBook, lead_api: TeamApi, screenshot_dir: Path
) -> None:
    a_cases = team_book.cases["agent-a"]
    for k in range(THRESHOLD + 1):  # agent-a passes the threshold
        _reveal(live.url, "agent-a", a_cases[k].case_id, "客户来电核对身份信息")
    _reveal(
        live.url,
        "agent-b",
        team_book.cases["agent-b"][0].case_id,
        "核对扣款卡号 for payment",
        field="bank_card",
        reason="payment_reconciliation",
    )
    app = QApplication.instance()
    for lang in ("zh_CN", "en"):
        install_language(app, lang)
        labels.clear_cache()
        console = TeamConsole(lead_api, role="team_lead")
        qtbot.addWidget(console)
        console.resize(1366, 768)
        console.show()
        console.start()
        panel = console.reveals
        qtbot.waitUntil(lambda p=panel: p.report is not None and not p.busy, timeout=10_000)
        # the alert is on the tab's title before the tab is opened
        assert "⚠ 1" in console.tabs.tabText(REVEALS)
        console.show_tab(REVEALS)
        assert panel.alert.isVisible() and "张敏" in panel.alert.text()
        assert "李强" not in panel.alert.text()
        assert panel.agents.rowCount() == 2 and panel.entries.rowCount() == THRESHOLD + 2
        texts = [
            [panel.entries.item(r, c).text() for c in range(panel.entries.columnCount())]
            for r in range(panel.entries.rowCount())
        ]
        newest = texts[0]
        assert newest[1] == "李强" and "*" in newest[3] and "*" in newest[4]
        assert newest[7] == "核对扣款卡号 for payment"
        if lang == "en":
            assert newest[2] == "Bank card" and newest[6] == "Reconcile a payment with the bank"
            assert "Ask them why" in panel.alert.text()
        else:
            assert newest[2] == "银行卡号"
        qtbot.wait(50)
        console.grab().save(str(screenshot_dir / f"team_reveals_{lang}.png"))
        console.close()
    install_language(app, "en")
    labels.clear_cache()

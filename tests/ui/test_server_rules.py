"""The desk applies the server's rules: the lender's zone and the contact-policy profile come
with every token, are applied when the desk opens, and are remembered for offline starts."""

from __future__ import annotations

from pathlib import Path

from app.client import lender_zone
from tests.client.new_york_server import NEW_YORK, default_zone_after, settings  # noqa: F401
from ui import formatting
from ui.launcher import Launcher, login


def test_the_desk_takes_the_servers_zone_and_policy_and_keeps_them_offline(  # type: ignore[no-untyped-def]
    qtbot, live, make_user, make_case, memory_keyring, tmp_path: Path
) -> None:
    agent = make_user("agent", username="agent-ny")
    make_case(agent, dpd=12, borrower_name="Jane Roe")
    session = login(live.url, agent.username, agent.clear_password)
    assert session.user is not None
    assert (session.user.lender_timezone, session.user.contact_policy_profile) == (NEW_YORK, "us")
    launcher = Launcher(data_dir=tmp_path)
    desk = launcher.open_desk(session)
    qtbot.addWidget(desk.window)
    assert lender_zone.name() == NEW_YORK
    assert str(formatting.local_zone()) == NEW_YORK  # times are shown in the lender's zone
    assert desk.service.policy_profile == "us" and desk.service.calls.policy_profile == "us"
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "ok"
    desk.window.close()
    launcher.shutdown()
    desk.store.close()

    # a later start without the server: the remembered rules, not the desk's defaults
    lender_zone.use(None)
    live.stop()
    launcher = Launcher(data_dir=tmp_path)
    assert launcher.start() is True
    desk = launcher.desk
    qtbot.addWidget(desk.window)
    assert lender_zone.name() == NEW_YORK and desk.service.policy_profile == "us"
    with qtbot.waitSignal(desk.sync.report, timeout=20_000) as blocker:
        pass
    assert blocker.args[0].outcome == "offline"
    desk.window.close()
    launcher.shutdown()

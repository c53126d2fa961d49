"""One rule for "may this number be called now?": for the same recorded contacts the desk
(from the feed's payloads in its local store) and the server (from its database) answer the
same — allowed or not, the same reasons, the same next allowed time (issue 10, point 15)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from app.client import payload_views as payloads
from app.domain.outcomes import CHANNELS, DISPOSITIONS
from app.server.models import ContactAttempt, User
from app.server.services import bundles
from app.server.services.dialing import contact_check
from app.server.settings import Settings
from tests.server.conftest import SmallBook

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_desk_and_server_agree_on_random_histories(
    small_book: SmallBook,
    session_factory: sessionmaker[Session],
    settings: Settings,
    make_user: Callable[..., User],
) -> None:
    rng = random.Random(20261202)
    agent = small_book.agents["team-a"][0]
    seeded = small_book.cases[agent.username][0]
    own, emergency = seeded.phone_ids
    profile = payloads.load_policy("cn")
    day = datetime.combine(datetime(2026, 11, 20).date(), time(0), SHANGHAI)
    checked = 0
    blocked_seen = allowed_seen = False
    for round_ in range(25):
        with session_factory() as s:
            s.query(ContactAttempt).filter(ContactAttempt.case_id == seeded.case_id).delete()
            for _ in range(rng.randint(0, 9)):
                at = day + timedelta(hours=rng.uniform(6, 23.5))
                s.add(
                    ContactAttempt(
                        id=str(uuid.uuid4()),
                        case_id=seeded.case_id,
                        agent_id=agent.id,
                        phone_id=rng.choice((own, own, emergency)),
                        channel=rng.choice((*CHANNELS, "outbound_call", "outbound_call")),
                        disposition=rng.choice(DISPOSITIONS),
                        started_at=at.astimezone(UTC),
                    )
                )
            s.commit()
            rows = [
                bundles.contact_data(a).model_dump(mode="json")
                for a in s.query(ContactAttempt).filter(ContactAttempt.case_id == seeded.case_id)
            ]
        for hour in (7.5, 9, 13.25, 18, 21.9, 22.5):
            now = (day + timedelta(hours=hour)).astimezone(UTC)
            with session_factory() as s:
                server = contact_check(
                    s, agent, settings, case_id=seeded.case_id, phone_id=own, now=now
                )
            desk = payloads.policy_for_phone(
                profile,
                now=now,
                case={"flags": [], "debtor_unreachable": False},
                phone={"id": own, "owner": "borrower", "timezone": "Asia/Shanghai"},
                borrower_tz="Asia/Shanghai",
                history=payloads.contact_events(rows, until=now),
            )
            assert desk is not None
            label = (round_, hour, len(rows))
            assert desk.allowed == server.allowed, label
            blocked_seen |= not desk.allowed and bool(rows)
            allowed_seen |= desk.allowed
            assert desk.reasons == tuple(r.code for r in server.reasons), label
            if not desk.allowed:
                assert desk.next_allowed_at == server.next_allowed_at, label
            checked += 1
    assert checked == 150
    assert blocked_seen and allowed_seen  # the histories reached both answers

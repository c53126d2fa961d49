"""audit_log: an index on (actor_id, action, at) for the dial rate and the reveal counts

Revision ID: 0012_dial_reveal
Revises: 0015_kpi
Create Date: 2026-12-07 23:40:00

Issue #18 points 2 and 3: the dial rate (services/dial_rate.py) counts one user's dial
rows of the last minute, and the reveal watch (services/reveal_watch.py) one user's reveals
of the day; both read the audit log by actor, action and time.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012_dial_reveal"
down_revision: str | None = "0015_kpi"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_audit_log_actor_action_at", "audit_log", ["actor_id", "action", "at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_audit_log_actor_action_at", table_name="audit_log")

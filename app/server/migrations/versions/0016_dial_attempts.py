"""contact_attempts.dial_state: every dial is an attempt from the moment it is dialled

Revision ID: 0016_dial_attempts
Revises: 0012_dial_reveal (the current head of main; the integrator chains)
Create Date: 2026-12-08 00:10:00

`POST /cases/{id}/dial` now writes a provisional contact attempt (app/server/services/
dial_attempts.py) that counts against the contact caps until the wrap-up or the phone's end
event completes it. `dial_state` says where a dialled attempt stands; NULL for contacts
recorded without a dial (all rows before this revision). The index serves the job that
closes dials left without an outcome.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_dial_attempts"
down_revision: str | None = "0012_dial_reveal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("contact_attempts", sa.Column("dial_state", sa.String(16), nullable=True))
    op.create_index(
        "ix_contact_attempts_dial_state", "contact_attempts", ["dial_state", "started_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_contact_attempts_dial_state", table_name="contact_attempts")
    with op.batch_alter_table("contact_attempts") as batch:
        batch.drop_column("dial_state")

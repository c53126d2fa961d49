"""the call at the desk: contact result and lead override, note flags, borrower language

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00

- contact_attempts.result: the outcome of the contact (promise to pay, callback, ...);
  contact_attempts.override_reason: a team lead dialled although the policy blocked.
- notes.contact_id: the attempt a wrap-up note belongs to; notes.banned_phrases: what the
  banned-phrase check found (the note is flagged, never dropped).
- borrowers.language: the borrower's language for call scripts and agreements.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMN (SQLite and PostgreSQL alike): a batch copy of `borrowers` would trip
    # the foreign keys that point at it
    op.add_column("contact_attempts", sa.Column("result", sa.String(length=24), nullable=True))
    op.add_column("contact_attempts", sa.Column("override_reason", sa.Text(), nullable=True))
    op.add_column("notes", sa.Column("contact_id", sa.String(length=36), nullable=True))
    op.add_column(
        "notes",
        sa.Column("banned_phrases", sa.JSON(), nullable=False, server_default=sa.text("'[]'")),
    )
    op.add_column(
        "borrowers",
        sa.Column("language", sa.String(length=8), nullable=False, server_default="zh_CN"),
    )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (PostgreSQL; SQLite >= 3.35), not a batch copy (see above)
    for table, column in (
        ("borrowers", "language"),
        ("notes", "banned_phrases"),
        ("notes", "contact_id"),
        ("contact_attempts", "override_reason"),
        ("contact_attempts", "result"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")

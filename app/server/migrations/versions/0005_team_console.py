"""team console: agents on leave; daily case snapshots for the KPIs

Revision ID: 0005_team_console
Revises: 0008_plan_lifecycle
Create Date: 2026-12-01 09:00:00

`users.on_leave` is set by a team lead (own team) or an admin; rule reassignment and the
daily allocation give no cases to an agent on leave. `case_snapshots` holds one row per
active case per business date, written by the overdue run; the dashboard's roll and cure
rates and the attribution of payments read the state at the start of a period from it.
`ix_payments_paid_on` (PostgreSQL: INCLUDE loan_id, amount) serves the amount collected.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_team_console"
down_revision: str | None = "0008_plan_lifecycle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "users",
        sa.Column("on_leave", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "case_snapshots",
        sa.Column("snap_date", sa.Date(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("loan_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("bucket", sa.String(length=4), nullable=False),
        sa.Column("dpd", sa.Integer(), nullable=False),
        sa.Column("overdue_total", sa.BigInteger(), nullable=False),
        sa.Column("outstanding_principal", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_case_snapshots_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snap_date", "case_id", name=op.f("pk_case_snapshots")),
    )
    op.create_index("ix_case_snapshots_case", "case_snapshots", ["case_id"], unique=False)
    op.create_index(
        "ix_case_snapshots_day_case",
        "case_snapshots",
        ["snap_date", "case_id"],
        unique=False,
        postgresql_include=["team_id", "assigned_to_id", "bucket", "outstanding_principal"],
    )
    op.create_index(
        "ix_payments_paid_on",
        "payments",
        ["paid_on"],
        unique=False,
        postgresql_include=["loan_id", "amount"],
    )


def downgrade() -> None:
    op.drop_index("ix_payments_paid_on", table_name="payments")
    op.drop_index("ix_case_snapshots_day_case", table_name="case_snapshots")
    op.drop_index("ix_case_snapshots_case", table_name="case_snapshots")
    op.drop_table("case_snapshots")
    op.drop_column("users", "on_leave")

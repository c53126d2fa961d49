"""an agreed plan changes the loan: rebooked installments, broken-plan reasons, write-offs

Revision ID: 0010_plan_rebooking
Revises: 0016_dial_attempts
Create Date: 2026-12-07 23:30:00

- `installments.status`: 'scheduled' (in force; every existing row), 'restructured' (closed
  when an agreed 展期 restructure rebooked the loan) or 'settled' (closed by a kept
  settlement); `installments.plan_id`: the plan whose line a rebooked installment is.
- `loans.closed_as`: 'settled' when a kept settlement closed the loan.
- `plans.booked_on`: the business date a restructure rebooked the loan; `plans.broken_due`
  and `plans.broken_short`: the payment whose miss broke the plan and the shortfall.
- `cases.return_plan_id`: the broken plan that returned the case to collection;
  `cases.plan_quiet`: off the calling queue while a catch-up plan performs.
- `write_offs`: what a kept settlement or a booked restructure forgave, by component.

Adding nullable columns, and a NOT NULL column with a constant server default, rewrites no
table on PostgreSQL 11+ and needs no batch rebuild on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.server.models.base

revision: str = "0010_plan_rebooking"
down_revision: str | None = "0016_dial_attempts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "installments",
        sa.Column("status", sa.String(length=12), server_default="scheduled", nullable=False),
    )
    op.add_column("installments", sa.Column("plan_id", sa.String(length=36), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # every job now filters on status: without statistics on the new column the planner
        # takes `status = 'scheduled'` for 0.5 % of the rows (a sampled ANALYZE: seconds)
        op.execute("ANALYZE installments")
    op.add_column("loans", sa.Column("closed_as", sa.String(length=16), nullable=True))
    op.add_column("plans", sa.Column("booked_on", sa.Date(), nullable=True))
    op.add_column("plans", sa.Column("broken_due", sa.Date(), nullable=True))
    op.add_column("plans", sa.Column("broken_short", sa.BigInteger(), nullable=True))
    op.add_column("cases", sa.Column("return_plan_id", sa.String(length=36), nullable=True))
    op.add_column(
        "cases",
        sa.Column("plan_quiet", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "write_offs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("loan_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("principal", sa.BigInteger(), nullable=False),
        sa.Column("interest", sa.BigInteger(), nullable=False),
        sa.Column("penalty", sa.BigInteger(), nullable=False),
        sa.Column("fees", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("balance_closed", sa.BigInteger(), nullable=False),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("created_at", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('settlement', 'restructure')", name=op.f("ck_write_offs_kind")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_write_offs_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["loan_id"], ["loans.id"], name=op.f("fk_write_offs_loan_id_loans")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_write_offs_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_write_offs")),
        sa.UniqueConstraint("plan_id", name=op.f("uq_write_offs_plan_id")),
    )
    op.create_index("ix_write_offs_booked_on", "write_offs", ["booked_on"])
    op.create_index(op.f("ix_write_offs_loan_id"), "write_offs", ["loan_id"])


def downgrade() -> None:
    # closed installments cannot go back into force: downgrading forgets the rebookings
    op.drop_index(op.f("ix_write_offs_loan_id"), table_name="write_offs")
    op.drop_index("ix_write_offs_booked_on", table_name="write_offs")
    op.drop_table("write_offs")
    # plain ALTER TABLE ... DROP COLUMN (PostgreSQL; SQLite >= 3.35), not a batch copy: a
    # copy of `cases` or `loans` fails on the tables that reference them (see 0002)
    for table, columns in (
        ("cases", ("plan_quiet", "return_plan_id")),
        ("plans", ("broken_short", "broken_due", "booked_on")),
        ("loans", ("closed_as",)),
        ("installments", ("plan_id", "status")),
    ):
        for name in columns:
            op.drop_column(table, name)

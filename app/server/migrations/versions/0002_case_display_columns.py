"""cases carry the worklist's display columns; covering index for the agent's scan

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 17:00:00

The worklist page of 50 joined loans, borrowers, vehicles and phones for every row; it now
reads the borrower's name, main masked phone, contract number and plate from the case
(app/server/jobs/case_display.py keeps them). Existing cases are filled here. On PostgreSQL
`ix_cases_assigned_status` also carries the sort columns, so the scan of an agent's cases
is index-only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INCLUDE = [
    "id",
    "bucket",
    "next_action_kind",
    "next_action_at",
    "priority",
    "dpd",
    "overdue_total",
]

# the same statement as app.server.jobs.case_display (copied: a migration must not change
# when the application code does)
_FILL = (
    "UPDATE cases SET"
    " borrower_name = (SELECT b.name FROM borrowers b WHERE b.id = cases.borrower_id),"
    " contract_no = (SELECT l.contract_no FROM loans l WHERE l.id = cases.loan_id),"
    " plate = (SELECT v.plate FROM vehicles v WHERE v.loan_id = cases.loan_id),"
    " phone_masked = (SELECT p.number_masked FROM phones p WHERE p.borrower_id = cases.borrower_id"
    " AND p.owner = 'borrower' ORDER BY p.sort_order, p.id LIMIT 1)"
)


def upgrade() -> None:
    bind = op.get_bind()
    pg = bind.dialect.name == "postgresql"
    # NOT NULL columns arrive with a temporary default, are filled, then lose it
    op.add_column(
        "cases", sa.Column("borrower_name", sa.String(128), nullable=False, server_default="")
    )
    op.add_column("cases", sa.Column("phone_masked", sa.String(32), nullable=True))
    op.add_column(
        "cases", sa.Column("contract_no", sa.String(64), nullable=False, server_default="")
    )
    op.add_column("cases", sa.Column("plate", sa.String(16), nullable=True))
    op.execute(_FILL)
    if pg:
        op.alter_column("cases", "borrower_name", server_default=None)
        op.alter_column("cases", "contract_no", server_default=None)
        op.drop_index("ix_cases_assigned_status", table_name="cases")
        op.create_index(
            "ix_cases_assigned_status",
            "cases",
            ["assigned_to_id", "status"],
            postgresql_include=_INCLUDE,
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_index("ix_cases_assigned_status", table_name="cases")
        op.create_index("ix_cases_assigned_status", "cases", ["assigned_to_id", "status"])
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35): a batch copy of `cases` would
    # fail on the tables that reference it
    for name in ("plate", "contract_no", "phone_masked", "borrower_name"):
        op.drop_column("cases", name)

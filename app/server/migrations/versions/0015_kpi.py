"""contact_attempts.bucket: the case's bucket when the call was made (the KPIs count a call in it)

Revision ID: 0015_kpi
Revises: 0007_risk_strategy
Create Date: 2026-12-07 23:40:00

The server records it when it takes an attempt (app/server/services/call_bucket.py). Rows
written before this revision are backfilled by the same rule as a late-synced call: the
case's latest daily snapshot dated on or before the call's business date (lender zone of the
server's settings), else the case's bucket now. Nullable: a row inserted by other means
without one is counted by the KPIs in the case's bucket at the start of the period.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0015_kpi"
down_revision: str | None = "0007_risk_strategy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from app.server.jobs.sqlkit import SqlRunner
    from app.server.services.call_bucket import backfill_buckets
    from app.server.settings import get_settings

    op.add_column("contact_attempts", sa.Column("bucket", sa.String(length=4), nullable=True))
    session = Session(bind=op.get_bind())
    try:
        backfill_buckets(SqlRunner(session), lender_timezone=get_settings().lender_timezone)
    finally:
        session.close()


def downgrade() -> None:
    with op.batch_alter_table("contact_attempts") as batch:
        batch.drop_column("bucket")

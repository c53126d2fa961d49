"""plans: status 'kept', the business date a plan was made, the date its status last moved

Revision ID: 0008_plan_lifecycle
Revises: 0003
Create Date: 2026-12-02 10:00:00

The daily run now evaluates approved/active plans (app/server/jobs/plan_evaluation.py):
active from the first payment date, then kept or broken. `made_on` is the lender's business
date the plan was made (payments from then count); rows made before this revision keep
NULL and are judged from the UTC date of `created_at`. `evaluated_on` is the business date
of the run that last moved the status.

SQLite cannot change a CHECK constraint in place: `plans` is rebuilt (batch mode). The
rebuild drops the old table, and with foreign keys on (which cannot be switched off inside
the migration's transaction) that deletes the plan lines by cascade; they are kept in a
temporary table and put back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_plan_lifecycle"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "status IN ('draft', 'pending_approval', 'approved', 'rejected', 'active', 'broken')"
_NEW = (
    "status IN ('draft', 'pending_approval', 'approved', 'rejected', 'active', 'kept',"
    " 'broken')"
)


def _swap_check(sql: str, *, columns: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_plans_status"), "plans", type_="check")
        op.create_check_constraint(op.f("ck_plans_status"), "plans", sql)
        if columns:
            op.add_column("plans", sa.Column("made_on", sa.Date(), nullable=True))
            op.add_column("plans", sa.Column("evaluated_on", sa.Date(), nullable=True))
        else:
            op.drop_column("plans", "evaluated_on")
            op.drop_column("plans", "made_on")
        return
    op.execute("CREATE TEMP TABLE _keep_plan_lines AS SELECT * FROM plan_lines")
    with op.batch_alter_table("plans", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_plans_status"), type_="check")
        batch.create_check_constraint(op.f("ck_plans_status"), sa.text(sql))
        if columns:
            batch.add_column(sa.Column("made_on", sa.Date(), nullable=True))
            batch.add_column(sa.Column("evaluated_on", sa.Date(), nullable=True))
        else:
            batch.drop_column("evaluated_on")
            batch.drop_column("made_on")
    op.execute(
        "INSERT INTO plan_lines (plan_id, n, due_date, amount)"
        " SELECT plan_id, n, due_date, amount FROM _keep_plan_lines"
        " WHERE NOT EXISTS (SELECT 1 FROM plan_lines l"
        "  WHERE l.plan_id = _keep_plan_lines.plan_id AND l.n = _keep_plan_lines.n)"
    )
    op.execute("DROP TABLE _keep_plan_lines")


def upgrade() -> None:
    _swap_check(_NEW, columns=True)


def downgrade() -> None:
    # a kept plan has no place in the old status list: it was an active plan that ended well
    op.execute("UPDATE plans SET status = 'active' WHERE status = 'kept'")
    _swap_check(_OLD, columns=False)

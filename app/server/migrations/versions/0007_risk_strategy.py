"""risk and strategy: fitted models, per-loan scores, reminder sends, care cases

Revision ID: 0007_risk_strategy
Revises: 0005_team_console
Create Date: 2026-12-02 05:00:00

`risk_models` keeps each fitted default model as data (coefficients, means, scales, AUC);
`loan_risk` the latest score, segment and top factors of each loan; `reminder_sends` the
SMS/IVR reminders handed to the gateway per business date. `cases.kind` tells collection
cases from early-warning care calls on current loans (existing cases are collection cases;
the server default keeps the overdue run's INSERT unchanged).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.server.models.base

revision: str = "0007_risk_strategy"
down_revision: str | None = "0005_team_console"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "risk_models",
        sa.Column("version", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fitted_at", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("coefficients", sa.JSON(), nullable=False),
        sa.Column("intercept", sa.Float(), nullable=False),
        sa.Column("means", sa.JSON(), nullable=False),
        sa.Column("scales", sa.JSON(), nullable=False),
        sa.Column("auc_test", sa.Float(), nullable=False),
        sa.Column("auc_train", sa.Float(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_risk_models")),
    )
    op.create_table(
        "loan_risk",
        sa.Column("loan_id", sa.String(length=36), nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("segment", sa.String(length=8), nullable=False),
        sa.Column("factors", sa.JSON(), nullable=False),
        sa.Column("scored_on", sa.Date(), nullable=False),
        sa.Column("updated_at", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["loan_id"], ["loans.id"], name=op.f("fk_loan_risk_loan_id_loans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["model_version"],
            ["risk_models.version"],
            name=op.f("fk_loan_risk_model_version_risk_models"),
        ),
        sa.PrimaryKeyConstraint("loan_id", name=op.f("pk_loan_risk")),
    )
    op.create_index("ix_loan_risk_segment", "loan_risk", ["segment"], unique=False)
    op.create_table(
        "reminder_sends",
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("phone_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("template_id", sa.String(length=48), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("send_from", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("send_until", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_reminder_sends_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["phone_id"], ["phones.id"], name=op.f("fk_reminder_sends_phone_id_phones")
        ),
        sa.PrimaryKeyConstraint(
            "business_date", "case_id", "phone_id", "channel", name=op.f("pk_reminder_sends")
        ),
    )
    op.create_index(
        "ix_reminder_sends_phone_from", "reminder_sends", ["phone_id", "send_from"], unique=False
    )
    op.add_column(
        "cases",
        sa.Column("kind", sa.String(length=12), server_default="collection", nullable=False),
    )


def downgrade() -> None:
    # plain ALTER TABLE ... DROP COLUMN (SQLite >= 3.35), as in 0002
    op.drop_column("cases", "kind")
    op.drop_index("ix_reminder_sends_phone_from", table_name="reminder_sends")
    op.drop_table("reminder_sends")
    op.drop_index("ix_loan_risk_segment", table_name="loan_risk")
    op.drop_table("loan_risk")
    op.drop_table("risk_models")

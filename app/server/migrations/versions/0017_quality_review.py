"""call_transcripts and quality_findings: the automated quality review (issue 19)

Revision ID: 0017_quality_review
Revises: 0010_plan_rebooking
Create Date: 2026-12-08 00:18:39

A transcript per call (contact attempt), imported or produced by an engine; the review run
stores its score and hints there and its findings in quality_findings (with a lead"s
verdict). See app/server/models/quality.py.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.server.models.base


revision: str = "0017_quality_review"
down_revision: str | None = "0010_plan_rebooking"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_transcripts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("call_date", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("imported_at", app.server.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("hints", sa.JSON(), nullable=True),
        sa.Column("reviewed_at", app.server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["users.id"], name=op.f("fk_call_transcripts_agent_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_call_transcripts_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact_attempts.id"],
            name=op.f("fk_call_transcripts_contact_id_contact_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_transcripts")),
        sa.UniqueConstraint("contact_id", name=op.f("uq_call_transcripts_contact_id")),
    )
    with op.batch_alter_table("call_transcripts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_transcripts_agent_id"), ["agent_id"], unique=False
        )
        batch_op.create_index("ix_call_transcripts_call_date", ["call_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_transcripts_case_id"), ["case_id"], unique=False)

    op.create_table(
        "quality_findings",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("transcript_id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("at_ms", sa.BigInteger(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=12), nullable=True),
        sa.Column("verdict_comment", sa.Text(), nullable=True),
        sa.Column("verdict_by_id", sa.Integer(), nullable=True),
        sa.Column("verdict_at", app.server.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["transcript_id"],
            ["call_transcripts.id"],
            name=op.f("fk_quality_findings_transcript_id_call_transcripts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["verdict_by_id"], ["users.id"], name=op.f("fk_quality_findings_verdict_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_findings")),
    )
    with op.batch_alter_table("quality_findings", schema=None) as batch_op:
        batch_op.create_index("ix_quality_findings_code", ["code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quality_findings_transcript_id"), ["transcript_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("quality_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_findings_transcript_id"))
        batch_op.drop_index("ix_quality_findings_code")

    op.drop_table("quality_findings")
    with op.batch_alter_table("call_transcripts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_transcripts_case_id"))
        batch_op.drop_index("ix_call_transcripts_call_date")
        batch_op.drop_index(batch_op.f("ix_call_transcripts_agent_id"))

    op.drop_table("call_transcripts")

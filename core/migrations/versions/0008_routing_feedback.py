"""routing feedback

Which model routed each complaint and its top intents at filing time (three complaint columns), and
the routing_feedback table of corrections and confirmations (issue 12).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("nlu_model", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("nlu_department", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("nlu_intents", sa.JSON(), nullable=True))
    op.create_table(
        "routing_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("from_department", sa.String(length=40), nullable=True),
        sa.Column("to_department", sa.String(length=40), nullable=False),
        sa.Column("model_id", sa.String(length=80), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(length=80), nullable=True),
        sa.Column("actor_name", sa.String(length=120), nullable=True),
        sa.Column("review", sa.String(length=10), nullable=True),
        sa.Column("reviewed_by", sa.String(length=120), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_routing_feedback_complaint_id", "routing_feedback", ["complaint_id"])
    op.create_index("ix_routing_feedback_review", "routing_feedback", ["review", "id"])
    op.create_index("ix_routing_feedback_created", "routing_feedback", ["created_at"])


def downgrade() -> None:
    op.drop_table("routing_feedback")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("nlu_intents")
        batch.drop_column("nlu_department")
        batch.drop_column("nlu_model")

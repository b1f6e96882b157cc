"""voice notes (issue 15)

Voice notes waiting for transcription (claimed with FOR UPDATE SKIP LOCKED), their audio (kept as the
complaint's attachment ``voice:<id>``), transcript and outcome.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "voice_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("message_id", sa.String(length=120), nullable=False),
        sa.Column("sender", sa.String(length=120), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("media_ref", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("audio", sa.LargeBinary(), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("transcript", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("duration", sa.Float(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("replies", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "message_id", name="uq_voice_note_message"),
    )
    op.create_index("ix_voice_notes_due", "voice_notes", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_voice_notes_due", table_name="voice_notes")
    op.drop_table("voice_notes")

"""public statistics cache

One row per period of the public accountability statistics (issue 14): computed at most once a
minute and shared by every app process; its lease (claimed_until) lets one process compute while
the others serve the previous value.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_stats_cache",
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("period"),
    )


def downgrade() -> None:
    op.drop_table("public_stats_cache")

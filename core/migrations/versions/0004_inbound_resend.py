"""inbound resend flag

A Telegram update is answered by the delivery that claimed it; when that delivery could not send its
replies (the Bot API was unreachable), ``resend`` asks the next delivery of the same update to send
the stored replies, once.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-29 13:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.add_column(sa.Column("resend", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("inbound_messages") as batch:
        batch.drop_column("resend")

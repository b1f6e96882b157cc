"""queue order indexes

The officer queue orders by (is_open DESC, due_at, id): open cases first, most urgent first. An index
in exactly that order (after the department) lets a page read its rows straight from the index
instead of sorting every case of the department; measured in docs/performance.md.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 16:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_complaints_queue", table_name="complaints")
    op.create_index("ix_complaints_queue", "complaints",
                    ["department_code", sa.text("is_open DESC"), "due_at", "id"])
    op.create_index("ix_complaints_all_queue", "complaints", [sa.text("is_open DESC"), "due_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_complaints_all_queue", table_name="complaints")
    op.drop_index("ix_complaints_queue", table_name="complaints")
    op.create_index("ix_complaints_queue", "complaints", ["department_code", "is_open", "due_at"])

"""clusters

Complaints about one problem at one place, from many citizens, grouped into a cluster that officers
work once (core/clusters, docs/clusters.md). Indexes make finding a new complaint's candidate
clusters an index range read (docs/performance.md).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 14:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_code", sa.String(length=40), nullable=False),
        sa.Column("district", sa.String(length=80), nullable=True),
        sa.Column("place_words", sa.String(length=500), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("problem_key", sa.String(length=500), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("open_count", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_report_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["department_code"], ["departments.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_clusters_candidates", "clusters", ["department_code", "district", "is_open", "last_report_at"])
    op.create_index("ix_clusters_recent", "clusters", ["department_code", "is_open", "last_report_at"])
    op.create_index("ix_clusters_by_size", "clusters",
                    ["department_code", sa.text("is_open DESC"), sa.text("size DESC"), "id"])
    op.create_index("ix_clusters_by_due", "clusters", ["department_code", sa.text("is_open DESC"), "due_at", "id"])
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_complaints_cluster_id", "clusters", ["cluster_id"], ["id"])
        batch.create_index("ix_complaints_cluster_id", ["cluster_id"])


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_index("ix_complaints_cluster_id")
        batch.drop_constraint("fk_complaints_cluster_id", type_="foreignkey")
        batch.drop_column("cluster_id")
    op.drop_index("ix_clusters_by_due", table_name="clusters")
    op.drop_index("ix_clusters_by_size", table_name="clusters")
    op.drop_index("ix_clusters_recent", table_name="clusters")
    op.drop_index("ix_clusters_candidates", table_name="clusters")
    op.drop_table("clusters")

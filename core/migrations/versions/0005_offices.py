"""offices: the office of a department covering each district; complaints and officers belong to one

Creates the offices table, adds complaints.office_code (with the queue-order index scoped by office)
and officers.office_code. On a database that already has departments, the offices of
data/offices.yml are written here so existing rows can be given theirs: a complaint gets the office
covering its district, else its department's head office; an existing officer becomes an officer of
the department's head office (so still sees the whole department). A fresh database gets its
offices from core.migrate's seeding after the migrations.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 13:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "offices",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("department_code", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=160), nullable=False),
        sa.Column("name_ur", sa.String(length=160), nullable=False),
        sa.Column("parent_code", sa.String(length=40), nullable=True),
        sa.Column("districts", sa.JSON(), nullable=False),
        sa.Column("sla_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["department_code"], ["departments.code"]),
        sa.ForeignKeyConstraint(["parent_code"], ["offices.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("ix_offices_department_code", "offices", ["department_code"])
    for table in ("complaints", "officers"):
        _add_office_column(table)
    _assign_existing_rows()
    op.create_index("ix_complaints_office_queue", "complaints",
                    ["office_code", sa.text("is_open DESC"), "due_at", "id"])
    # A provincial office's queue walks the department's queue index and keeps its offices' cases:
    # with office_code in the index that check needs no table read.
    op.drop_index("ix_complaints_queue", table_name="complaints")
    op.create_index("ix_complaints_queue", "complaints",
                    ["department_code", sa.text("is_open DESC"), "due_at", "id", "office_code"])


def _add_office_column(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place; batch mode would copy the whole table.
        op.execute(f"ALTER TABLE {table} ADD COLUMN office_code VARCHAR(40) REFERENCES offices (code)")
    else:
        op.add_column(table, sa.Column("office_code", sa.String(length=40), nullable=True))
        op.create_foreign_key(f"fk_{table}_office_code", table, "offices", ["office_code"], ["code"])


def _assign_existing_rows() -> None:
    from core.offices.catalog import catalog, load_offices

    bind = op.get_bind()
    known = {row[0] for row in bind.execute(sa.text("SELECT code FROM departments"))}
    if not known:
        return  # a fresh database: nothing to assign; core.migrate seeds the offices
    items = sorted((o for o in load_offices() if o.department in known), key=lambda o: len(catalog().path(o.code)))
    offices = sa.table("offices", sa.column("code"), sa.column("department_code"), sa.column("name_en"),
                       sa.column("name_ur"), sa.column("parent_code"), sa.column("districts", sa.JSON),
                       sa.column("sla_days"))
    op.bulk_insert(offices, [{"code": o.code, "department_code": o.department, "name_en": o.name_en,
                              "name_ur": o.name_ur, "parent_code": o.parent, "districts": list(o.districts),
                              "sla_days": o.sla_days} for o in items])
    # One pass over the complaints through an indexed map, instead of one scan per office.
    op.create_table("office_districts_0005", sa.Column("department_code", sa.String(40), primary_key=True),
                    sa.Column("district", sa.String(80), primary_key=True), sa.Column("office_code", sa.String(40)))
    rows = [{"department_code": o.department, "district": d.lower(), "office_code": o.code}
            for o in items for d in o.districts]
    op.bulk_insert(sa.table("office_districts_0005", sa.column("department_code"), sa.column("district"),
                            sa.column("office_code")), rows)
    op.execute("UPDATE complaints SET office_code = (SELECT m.office_code FROM office_districts_0005 m "
               "WHERE m.department_code = complaints.department_code AND m.district = lower(complaints.district)) "
               "WHERE district IS NOT NULL")
    op.execute("UPDATE complaints SET office_code = (SELECT o.code FROM offices o WHERE o.parent_code IS NULL "
               "AND o.department_code = complaints.department_code) WHERE office_code IS NULL")
    op.execute("UPDATE officers SET office_code = (SELECT o.code FROM offices o WHERE o.parent_code IS NULL "
               "AND o.department_code = officers.department_code) WHERE department_code IS NOT NULL")
    op.drop_table("office_districts_0005")


def downgrade() -> None:
    op.drop_index("ix_complaints_queue", table_name="complaints")
    op.create_index("ix_complaints_queue", "complaints", ["department_code", sa.text("is_open DESC"), "due_at", "id"])
    op.drop_index("ix_complaints_office_queue", table_name="complaints")
    with op.batch_alter_table("officers") as batch:
        batch.drop_constraint("fk_officers_office_code", type_="foreignkey")
        batch.drop_column("office_code")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_constraint("fk_complaints_office_code", type_="foreignkey")
        batch.drop_column("office_code")
    op.drop_index("ix_offices_department_code", table_name="offices")
    op.drop_table("offices")

"""Migration 0005 on a database with data: existing complaints get their district's office, else the
head office; existing officers become head-office officers (still seeing their whole department)."""
from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text

from core.db import Database
from core.departments.catalog import seed_departments
from core.migrate import alembic_config, upgrade
from tests.fixtures.db import empty_database

COMPLAINT = ("INSERT INTO complaints (tracking_id, department_code, description, language, channel, anonymous, "
             "location_text, district, attachments, status, is_open, created_at, updated_at, due_at, "
             "escalation_level, routed_by, times_resolved, times_rejected_by_citizen) VALUES "
             "(:tid, :dept, 'x', 'en', 'web', false, '', :district, '[]', 'forwarded', true, "
             "'2026-11-01 00:00:00+00:00', '2026-11-01 00:00:00+00:00', '2026-11-04 00:00:00+00:00', 0, 'nlu', 0, 0)")


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request, tmp_path):
    """A database migrated only to 0002 (before offices), with departments seeded as the old code did."""
    url, drop = empty_database(request.param, tmp_path)
    database = Database(url)
    config = alembic_config(url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    with database.transaction() as session:
        seed_departments(session)
    yield database
    database.dispose()
    drop()


def test_existing_rows_get_their_offices(old_database):
    with old_database.engine.begin() as c:
        for tid, dept, district in (("AAAAA-AAAA1", "electricity", "Lahore"), ("AAAAA-AAAA2", "police", "karachi"),
                                    ("AAAAA-AAAA3", "electricity", None), ("AAAAA-AAAA4", "health", "Atlantis")):
            c.execute(text(COMPLAINT), {"tid": tid, "dept": dept, "district": district})
        c.execute(text("INSERT INTO officers (name, department_code, is_admin, token_hash, active, created_at) "
                       "VALUES ('SDO', 'electricity', false, 'h1', true, '2026-11-01 00:00:00+00:00'), "
                       "('Admin', NULL, true, 'h2', true, '2026-11-01 00:00:00+00:00')"))
    upgrade(old_database)
    with old_database.engine.connect() as c:
        offices = dict(c.execute(text("SELECT tracking_id, office_code FROM complaints")).all())
        officers = dict(c.execute(text("SELECT name, office_code FROM officers")).all())
        count = c.execute(text("SELECT count(*) FROM offices")).scalar()
    assert offices == {"AAAAA-AAAA1": "LESCO", "AAAAA-AAAA2": "POL-KARACHI", "AAAAA-AAAA3": "ELC-HQ",
                       "AAAAA-AAAA4": "HLT-HQ"}
    assert officers == {"SDO": "ELC-HQ", "Admin": None}
    assert count > 800

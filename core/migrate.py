"""Apply the Alembic migrations (the only way the schema is made outside unit tests) and seed data."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from core.db import Database
from core.departments.catalog import departments, seed_departments
from core.offices.catalog import seed_offices

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(db: Database) -> None:
    """Bring the schema to the newest revision, then make the departments and offices tables match the YAML."""
    config = alembic_config(db.url)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with db.transaction() as session:
        seed_departments(session)
        session.flush()
        seed_offices(session, {d.code for d in departments()})

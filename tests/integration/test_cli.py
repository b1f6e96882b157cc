"""The `awaaz` command as an operator runs it: a subprocess with DATABASE_URL in its environment."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from core.db import Database
from core.migrate import alembic_config
from core.officers import api_key_client, viewer_for_token

AWAAZ = Path(sys.executable).with_name("awaaz")


def awaaz(database_url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    # cwd is a scratch folder, so that no developer .env is read.
    return subprocess.run([str(AWAAZ), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def _last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def test_db_upgrade_makes_a_fresh_sqlite_file(tmp_path):
    path = tmp_path / "new" / "awaaz.db"  # the folder does not exist yet either
    url = f"sqlite:///{path}"
    result = awaaz(url, "db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "newest schema" in result.stdout and path.exists()
    engine = create_engine(url)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        departments = connection.execute(text("SELECT count(*) FROM departments")).scalar()
    engine.dispose()
    assert version == ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert departments == 6
    assert awaaz(url, "db", "upgrade", cwd=tmp_path).returncode == 0  # running it again is harmless


def test_setup_prints_the_admin_token_only_on_the_first_run(db, tmp_path):
    first = awaaz(db.url, "setup", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    token = _last_line(first.stdout)
    assert token.startswith("awz_") and "shown only once" in first.stdout
    with db.transaction() as session:
        viewer = viewer_for_token(session, token)
    assert viewer is not None and viewer.is_admin
    second = awaaz(db.url, "setup", cwd=tmp_path)
    assert second.returncode == 0 and "awz_" not in second.stdout
    assert "admin officer exists" in second.stdout


def test_officer_create_prints_a_working_token_last(db, tmp_path):
    result = awaaz(db.url, "officer", "create", "--name", "SDO Gulberg", "--department", "electricity", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with db.transaction() as session:
        viewer = viewer_for_token(session, _last_line(result.stdout))
    assert (viewer.name, viewer.department_code, viewer.is_admin) == ("SDO Gulberg", "electricity", False)
    admin = awaaz(db.url, "officer", "create", "--name", "Chief Secretary", "--admin", cwd=tmp_path)
    with db.transaction() as session:
        assert viewer_for_token(session, _last_line(admin.stdout)).is_admin


def test_officer_create_refuses_bad_input_clearly(db, tmp_path):
    unknown = awaaz(db.url, "officer", "create", "--name", "X", "--department", "space", cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown department 'space'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    both = awaaz(db.url, "officer", "create", "--name", "X", "--department", "police", "--admin", cwd=tmp_path)
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_apikey_create_prints_a_working_key_last(db, tmp_path):
    result = awaaz(db.url, "apikey", "create", "--name", "Lahore city app", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    key = _last_line(result.stdout)
    with db.transaction() as session:
        assert api_key_client(session, key) == "Lahore city app"
        assert api_key_client(session, key + "x") is None


def test_the_database_in_the_environment_is_the_one_used(tmp_path):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    assert awaaz(url, "setup", cwd=tmp_path).returncode == 0
    database = Database(url)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM officers")).scalar() == 1
    database.dispose()


def test_an_unreachable_database_is_reported_without_a_traceback_or_password(tmp_path):
    result = awaaz("postgresql+psycopg://awaaz:s3cret@127.0.0.1:1/awaaz", "db", "upgrade", cwd=tmp_path)
    assert result.returncode == 1
    assert "cannot use the database" in result.stderr and "Connection refused" in result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr

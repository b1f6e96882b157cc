"""Schemathesis (v4) against the app's own OpenAPI schema: bounded, derandomised examples for every
operation, signed in as an admin, on SQLite and PostgreSQL; no input may cause a server error.

The schema is read once from an app on an unused in-memory database (the OpenAPI document does not
depend on the data); every example is then sent to the app on the test database. (schemathesis'
lazy `from_fixture` loader needs pytest's removed `Node._nodeid`, so it cannot be used here.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from api.settings import Settings

EXAMPLES_PER_OPERATION = 25

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(
    Settings(database_url="sqlite://", nlu_enabled=False, worker_enabled=False, _env_file=None), run_worker=False))


@pytest.fixture
def app(db, settings):
    return create_app(settings, db=db, run_worker=False)


@pytest.fixture
def admin(make_officer) -> dict:
    return make_officer(admin=True)


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                            HealthCheck.filter_too_much])
def test_no_input_causes_a_server_error(case, app, admin):
    case.call_and_validate(app=app, headers=admin, checks=[not_a_server_error])

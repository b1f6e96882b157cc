"""Officer tokens and Open311 API keys: made once, shown once, stored only as SHA-256 hashes."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.auth_models import ApiKey, Officer
from core.complaints.access import Viewer
from core.complaints.models import Department
from core.errors import InvalidInput
from core.offices.catalog import OfficeInfo, office
from core.offices.service import covering_office, head_office


def hash_secret(secret: str) -> str:
    # Tokens are 256-bit random values, so a fast hash is enough (no password stretching needed).
    return hashlib.sha256(secret.encode()).hexdigest()


def officer_office(department: str | None, office_code: str | None = None, district: str | None = None) -> OfficeInfo:
    """The office a new officer belongs to: named, covering a district, or the department's head office."""
    if office_code:
        info = office(office_code)
        if info is None:
            raise InvalidInput(f"unknown office {office_code!r}")
        if department and info.department != department:
            raise InvalidInput(f"office {office_code} belongs to {info.department}, not {department}")
        return info
    if not department:
        raise InvalidInput("an officer needs a department or an office")
    if district:
        covering = covering_office(department, district)
        if covering is None:
            raise InvalidInput(f"no office of {department} covers the district {district!r}")
        return covering
    return head_office(department)


def create_officer(session: Session, name: str, department: str | None = None, admin: bool = False, *,
                   office_code: str | None = None, district: str | None = None) -> tuple[Officer, str]:
    if not name.strip():
        raise InvalidInput("an officer needs a name")
    if admin == (department is not None or office_code is not None):
        raise InvalidInput("an officer has either a department (or office) or admin rights")
    if department is not None and session.get(Department, department) is None:
        raise InvalidInput(f"unknown department {department!r}")
    info = None if admin else officer_office(department, office_code, district)
    token = "awz_" + secrets.token_urlsafe(32)
    officer = Officer(name=name.strip(), department_code=info.department if info else None,
                      office_code=info.code if info else None, is_admin=admin, token_hash=hash_secret(token))
    session.add(officer)
    session.flush()
    return officer, token


def _viewer(officer: Officer | None) -> Viewer | None:
    if officer is None or not officer.active:
        return None
    return Viewer(officer.id, officer.name, officer.department_code, officer.is_admin, officer.office_code)


def viewer_for_token(session: Session, token: str) -> Viewer | None:
    return _viewer(session.scalar(select(Officer).where(Officer.token_hash == hash_secret(token))))


def viewer_for_officer(session: Session, officer_id: int) -> Viewer | None:
    """The officer behind a dashboard session (None once deactivated, so sessions end with the officer)."""
    return _viewer(session.get(Officer, officer_id))


def has_admin(session: Session) -> bool:
    return session.scalar(select(Officer.id).where(Officer.is_admin.is_(True)).limit(1)) is not None


def create_api_key(session: Session, name: str) -> str:
    if not name.strip():
        raise InvalidInput("an API key needs a client name")
    key = "o311_" + secrets.token_urlsafe(24)
    session.add(ApiKey(name=name.strip(), key_hash=hash_secret(key)))
    session.flush()
    return key


def api_key_client(session: Session, key: str) -> str | None:
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_secret(key or ""), ApiKey.active.is_(True)))
    return row.name if row else None

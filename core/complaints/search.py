"""Search across every department (for machine clients such as Open311): by IDs, departments, a
date range and open/closed, newest first, bounded. Identities are never included."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.models import Complaint
from core.complaints.views import ComplaintView, complaint_view

MAX_RESULTS = 1000


def find_complaints(session: Session, *, tracking_ids: Sequence[str] = (), departments: Sequence[str] = (),
                    created_from: datetime | None = None, created_to: datetime | None = None,
                    is_open: bool | None = None, limit: int = MAX_RESULTS) -> list[ComplaintView]:
    """``tracking_ids`` are canonical IDs; when given, the other filters are ignored (as Open311 says)."""
    query = select(Complaint)
    if tracking_ids:
        query = query.where(Complaint.tracking_id.in_(list(tracking_ids)))
    else:
        if departments:
            query = query.where(Complaint.department_code.in_(list(departments)))
        if created_from is not None:
            query = query.where(Complaint.created_at >= created_from)
        if created_to is not None:
            query = query.where(Complaint.created_at <= created_to)
        if is_open is not None:
            query = query.where(Complaint.is_open.is_(is_open))
    rows = session.scalars(query.order_by(Complaint.created_at.desc(), Complaint.id.desc())
                           .limit(min(limit, MAX_RESULTS)))
    # Machine clients (Open311) are not told about other citizens' reports: no cluster lookups.
    return [complaint_view(c, show_identity=False, clusters={}) for c in rows]

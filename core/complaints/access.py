"""Who is looking: officers see their own department's cases only; admins see all."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.lifecycle import Actor
from core.complaints.models import Complaint
from core.complaints.tracking import parse_tracking_id
from core.errors import NotFound


@dataclass(frozen=True)
class Viewer:
    officer_id: int | None
    name: str
    department_code: str | None
    is_admin: bool

    @property
    def actor(self) -> Actor:
        return Actor.ADMIN if self.is_admin else Actor.OFFICER

    def can_see(self, complaint: Complaint) -> bool:
        return self.is_admin or complaint.department_code == self.department_code

    def sees_identity(self, complaint: Complaint) -> bool:
        # Anonymous complainants are hidden from the department, against retaliation.
        return self.is_admin or not complaint.anonymous


def visible_conditions(viewer: Viewer) -> list:
    """SQL form of ``Viewer.can_see`` over complaints: every list (complaints, clusters) filters with it."""
    return [] if viewer.is_admin else [Complaint.department_code == viewer.department_code]


def load_complaint(session: Session, tracking_id: str, *, lock: bool = False) -> Complaint:
    """By any spelling of the ID; raises TrackingIdTypo / InvalidTrackingId / NotFound."""
    canonical = parse_tracking_id(tracking_id)
    query = select(Complaint).where(Complaint.tracking_id == canonical)
    if lock:
        query = query.with_for_update(of=Complaint)
    complaint = session.scalars(query).unique().one_or_none()
    if complaint is None:
        raise NotFound(canonical)
    return complaint


def load_for_viewer(session: Session, viewer: Viewer, tracking_id: str, *, lock: bool = False) -> Complaint:
    complaint = load_complaint(session, tracking_id, lock=lock)
    if not viewer.can_see(complaint):
        raise NotFound(complaint.tracking_id)  # same answer as a missing case: no existence leak
    return complaint

"""Who is looking: officers see their own office's tree of cases only (a department's head office sees the
whole department); admins see all."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.complaints.lifecycle import Actor
from core.complaints.models import Complaint
from core.complaints.tracking import parse_tracking_id
from core.errors import NotFound
from core.offices.service import visible_offices


@dataclass(frozen=True)
class Viewer:
    officer_id: int | None
    name: str
    department_code: str | None
    is_admin: bool
    office_code: str | None = None  # None or the department's head office: the whole department

    @property
    def actor(self) -> Actor:
        return Actor.ADMIN if self.is_admin else Actor.OFFICER

    @property
    def offices(self) -> frozenset[str] | None:
        """The offices whose cases this officer sees; None when not narrowed below the department."""
        return None if self.is_admin else visible_offices(self.office_code)

    def sees(self, department: str, office_code: str | None) -> bool:
        """Whether a case of this department at this office is in the viewer's view."""
        if self.is_admin:
            return True
        scope = self.offices
        return department == self.department_code and (scope is None or office_code in scope)

    def can_see(self, complaint: Complaint) -> bool:
        return self.sees(complaint.department_code, complaint.office_code)

    def scope_conditions(self, *, in_queue_order: bool = False) -> list:
        """SQL conditions holding a query to this viewer's cases (see office_conditions for the order)."""
        if self.is_admin:
            return []
        scope = self.offices
        if scope is None:
            return [Complaint.department_code == self.department_code]
        return office_conditions(self.department_code, scope, in_queue_order=in_queue_order)

    def sees_identity(self, complaint: Complaint) -> bool:
        # Anonymous complainants are hidden from the department, against retaliation.
        return self.is_admin or not complaint.anonymous


def visible_conditions(viewer: Viewer, *, in_queue_order: bool = False) -> list:
    """SQL form of ``Viewer.can_see`` over complaints: every list (complaints, clusters) filters with it."""
    return viewer.scope_conditions(in_queue_order=in_queue_order)


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


def office_conditions(department: str | None, offices: frozenset[str], *, in_queue_order: bool = False) -> list:
    """Cases of these offices. One office: the office queue index, in queue order. Several (a provincial
    head's tree): an IN list on the office index finds them (what a count or a sum needs), but a page in
    queue order would fetch and sort every open case of ~40 offices; ``in_queue_order`` instead walks the
    department's queue index in order and keeps the tree's offices, read from that index's last column
    (``office_code || ''`` keeps the planners off the office index). docs/performance.md."""
    if len(offices) == 1:
        return [Complaint.office_code == next(iter(offices))]
    if not in_queue_order:
        return [Complaint.office_code.in_(sorted(offices))]
    return [Complaint.department_code == department, Complaint.office_code.concat("").in_(sorted(offices))]

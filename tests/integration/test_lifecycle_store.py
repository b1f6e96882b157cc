"""The complaint lifecycle against the real database (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from core.citizens import get_or_create_citizen
from core.complaints import actions, queries
from core.complaints.access import Viewer
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.stats import compute_stats
from core.errors import TransitionError
from core.notifications.models import OutboxMessage

ADMIN = Viewer(None, "Admin", None, True)
ELECTRICITY = Viewer(None, "SDO", "electricity", False)


def _file(db, text="3 din se bijli nahi", department="electricity", channel="whatsapp", address="+923001234567"):
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, channel, address, language="roman_ur")
        view = file_complaint(s, NewComplaint(department=department, description=text, language="roman_ur",
                                              channel=channel, citizen_id=citizen.id, routed_by="nlu",
                                              nlu_confidence=0.93, location_text="Gulberg, Lahore",
                                              district="Lahore"))
    return view, citizen.id


def test_filed_complaint_is_forwarded_with_due_date_and_history(db):
    view, _ = _file(db)
    assert view.status == "forwarded"
    assert (view.due_at - view.created_at).days == 3  # electricity SLA
    with db.transaction() as s:
        full = queries.get_complaint(s, ELECTRICITY, view.tracking_id.lower().replace("-", " "))
    assert [e.to_status for e in full.events] == ["submitted", "forwarded"]


def test_resolution_is_provisional_until_the_citizen_confirms(db):
    view, citizen_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, view.tracking_id, "in_progress")
        resolved = actions.transition(s, ELECTRICITY, view.tracking_id, "resolved", "Transformer replaced")
    assert resolved.status == "resolved" and resolved.citizen_confirmed_at is None
    with db.transaction() as s:
        kinds = [m.kind for m in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert kinds == ["notify_status_changed", "notify_resolution_question"]
    with db.transaction() as s:
        closed = actions.citizen_verdict(s, citizen_id, view.tracking_id, satisfied=True, rating=4)
    assert closed.status == "closed" and closed.closed_by == "citizen" and closed.citizen_confirmed_at


def test_not_satisfied_reopens_and_escalates(db):
    view, citizen_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, view.tracking_id, "resolved", "done")
        reopened = actions.citizen_verdict(s, citizen_id, view.tracking_id, satisfied=False, comment="still dark")
    assert reopened.status == "reopened" and reopened.escalation_level == 1
    with db.transaction() as s:
        stats = {d.department: d for d in compute_stats(s, ADMIN)}
    assert stats["electricity"].resolved_by_department == 1
    assert stats["electricity"].confirmed_by_citizen == 0
    assert stats["electricity"].rejected_by_citizen == 1


def test_officer_cannot_close_and_invalid_moves_are_refused(db):
    view, _ = _file(db)
    with db.transaction() as s, pytest.raises(TransitionError, match="citizen"):
        actions.transition(s, ELECTRICITY, view.tracking_id, "resolved", "x")
        actions.transition(s, ELECTRICITY, view.tracking_id, "closed")
    other, _ = _file(db, address="+923009999999")
    with db.transaction() as s, pytest.raises(TransitionError, match="reason"):
        actions.transition(s, ELECTRICITY, other.tracking_id, "rejected", "")


def test_pull_only_channels_get_no_push_notification_rows(db):
    """A web visitor or an Open311 client reads status by looking; nothing would ever send a row."""
    view, _ = _file(db, channel="web", address="web-visitor-1")
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, view.tracking_id, "resolved", "Cable repaired")
        assert s.scalars(select(OutboxMessage)).all() == []

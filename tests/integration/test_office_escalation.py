"""Escalation climbs the office chain: an overdue case at a district office is escalated to its provincial
head, then to the department's head office; each is notified on the dashboard, the offices above see
the case, and the citizen is told where it now is (rendered as they read it); both databases."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.citizens import get_or_create_citizen
from core.complaints import queries
from core.complaints.access import Viewer
from core.complaints.filing import NewComplaint, file_complaint
from core.db import utcnow
from core.errors import NotFound
from core.notifications.models import OutboxMessage
from core.notifications.outbox import ClaimedMessage
from core.notifications.render import render
from core.sla import sweep_escalations


def _outbox(db, recipient: str) -> list[OutboxMessage]:
    with db.transaction() as s:
        return list(s.scalars(select(OutboxMessage).filter_by(recipient=recipient).order_by(OutboxMessage.id)))


def _text(row: OutboxMessage) -> str:
    return render(ClaimedMessage(row.id, row.kind, row.channel, row.address, row.language, dict(row.params),
                                 0)).text


def _sees(db, viewer: Viewer, tracking_id: str) -> bool:
    try:
        with db.transaction() as s:
            queries.get_complaint(s, viewer, tracking_id)
        return True
    except NotFound:
        return False


def test_an_overdue_district_case_climbs_to_the_province_then_the_head_office(db):
    filed = utcnow()
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", "+923001112233", language="ur")
        tracking_id = file_complaint(s, NewComplaint(
            department="police", description="SHO ne FIR darj nahi ki", language="ur", channel="whatsapp",
            citizen_id=citizen.id, district="Lahore"), now=filed).tracking_id
    for day in (3, 7, 11, 15, 40):  # police SLA: 3 days, so one level per period, then no more
        with db.transaction() as s:
            sweep_escalations(s, now=filed + timedelta(days=day, minutes=1))
    officer_rows = _outbox(db, "officer")
    assert [(r.params["office"], r.params["level"]) for r in officer_rows] == [
        ("POL-PB", 1), ("POL-HQ", 2), ("POL-HQ", 3)]
    assert officer_rows[0].address == "POL-PB:Sub-Divisional Police Officer"
    citizen_rows = _outbox(db, "citizen")
    assert [r.kind for r in citizen_rows] == ["notify_escalated_to_office"] * 3
    assert "پنجاب پولیس، سینٹرل پولیس آفس" in _text(citizen_rows[0])  # the citizen reads Urdu
    with db.transaction() as s:
        case = queries.get_complaint(s, Viewer(None, "Admin", None, True), tracking_id)
    assert case.office == "POL-LAHORE"  # the district office still works the case
    assert [e.data["office"] for e in case.events if e.kind == "escalated"] == ["POL-PB", "POL-HQ", "POL-HQ"]
    # The province sees it in its tree; another province does not.
    assert _sees(db, Viewer(None, "IG Punjab", "police", False, "POL-PB"), tracking_id)
    assert not _sees(db, Viewer(None, "IG Sindh", "police", False, "POL-SD"), tracking_id)

"""The problem's progress in status answers outside the chat: SMS (still one segment in English) and
the public /track page (counts only, no other citizen's data)."""
from sqlalchemy import select

from bots.sms.segments import is_gsm7, segments
from core.citizens import get_or_create_citizen
from core.complaints import actions
from core.complaints.access import Viewer
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import Complaint
from tests.channels.twilio_support import bodies, post_signed, sms_form

REPORTS = [("Transformer burnt in Model Town", "en"), ("transformer jal gaya hai", "roman_ur"),
           ("ٹرانسفارمر جل گیا ہے", "ur")]


def _three(db) -> list[str]:
    ids = []
    for i, (text, language) in enumerate(REPORTS):
        with db.transaction() as session:
            citizen = get_or_create_citizen(session, "whatsapp", f"+92300111220{i}", name=f"Citizen {i}")
            ids.append(file_complaint(session, NewComplaint(
                department="electricity", description=text, language=language, channel="whatsapp",
                citizen_id=citizen.id, location_text="Model Town", district="Lahore")).tracking_id)
    with db.transaction() as session:
        cluster = {c.cluster_id for c in session.scalars(select(Complaint)).unique()}
        assert len(cluster) == 1
        actions.transition(session, Viewer(None, "Admin", None, True), ids[1], "resolved", "Transformer replaced")
    return ids


def test_sms_status_counts_the_problems_reports_in_one_segment(client, db):
    ids = _three(db)
    response = post_signed(client, "/webhooks/sms", sms_form(f"STATUS {ids[0]}", "+923335550000"))
    [answer] = bodies(response.text)
    assert answer.endswith(" 3 reports of this problem, 1 resolved.")
    assert is_gsm7(answer) and segments(answer) == 1
    assert "Citizen" not in answer and "+92300" not in answer


def test_track_page_shows_the_problems_progress_in_both_languages(client, db):
    ids = _three(db)
    page = client.get("/track", params={"id": ids[2]})
    assert page.status_code == 200
    assert "This problem was reported by 3 people: 2 Forwarded to the department, 1 Marked resolved" in page.text
    assert "یہ مسئلہ 3 لوگوں نے درج کرایا" in page.text
    assert "Citizen 0" not in page.text and "jal gaya" not in page.text

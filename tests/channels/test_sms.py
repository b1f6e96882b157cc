"""SMS status lookups through the real app: signed webhooks, answers that fit one or two segments and
reveal no personal data, typo and unknown IDs, rate limit per sender, duplicates; both databases."""
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from bots.sms.segments import is_gsm7, segments
from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from tests.channels.twilio_support import bodies, post_signed, sms_form

PATH = "/webhooks/sms"
DESCRIPTION = "Transformer burnt near House 12, Street 4"


@pytest.fixture
def case(db) -> str:
    with db.transaction() as session:
        citizen = get_or_create_citizen(session, "whatsapp", "+923001112233", name="Bilal")
        view = file_complaint(session, NewComplaint(
            department="local_government", description=DESCRIPTION, language="en", channel="whatsapp",
            citizen_id=citizen.id, location_text="Street 4, Gulberg"))
    return view.tracking_id


def ask(client, body: str, sender: str = "+923335550000", sid: str | None = None) -> str:
    response = post_signed(client, PATH, sms_form(body, sender, sid))
    assert response.status_code == 200, response.text
    [answer] = bodies(response.text)
    return answer


def test_status_in_english_fits_one_segment_and_hides_personal_data(client, case):
    answer = ask(client, f"STATUS {case}")
    assert case in answer and "Forwarded to the department" in answer
    assert "Local Government and Municipal Services" in answer and "Updated" in answer
    assert is_gsm7(answer) and segments(answer) == 1
    assert "Bilal" not in answer and "+92300" not in answer and "Transformer" not in answer


def test_id_alone_and_lower_case_without_dash(client, case):
    assert case in ask(client, case.lower().replace("-", ""))


def test_status_in_urdu_fits_two_segments_at_most(client, case):
    answer = ask(client, f"حالت {case}")
    assert "محکمے کو بھیج دی گئی" in answer and "بلدیاتی ادارے" in answer
    assert not is_gsm7(answer) and segments(answer) <= 2


def test_roman_urdu_halat(client, case):
    answer = ask(client, f"halat {case}")
    assert "Mehkame ko bhej di gayi" in answer and segments(answer) <= 2


def test_typo_gets_check_the_id_and_unknown_gets_not_found(client, case):
    typo = case[:-1] + ("0" if case[-1] != "0" else "1")
    assert "Check the ID" in ask(client, f"STATUS {typo}")
    assert ask(client, "STATUS 00000-00000") == "Not found: 00000-00000"


def test_anything_else_gets_short_help(client):
    answer = ask(client, "hello, my street light is broken")
    assert "STATUS" in answer and segments(answer) == 1
    assert "حالت" in ask(client, "سلام")


def test_lookups_are_rate_limited_per_sender(db, settings, case):
    limited = settings.model_copy(update={"sms_lookups_per_hour": 3})
    with TestClient(create_app(limited, db=db, run_worker=False)) as client:
        for _ in range(3):
            assert case in ask(client, f"STATUS {case}")
        assert "Too many lookups" in ask(client, f"STATUS {case}")
        assert "Too many lookups" in ask(client, "STATUS 00000-00000")
        assert case in ask(client, f"STATUS {case}", sender="+923336660000")  # another phone is not limited


def test_repeated_message_sid_is_one_lookup_with_the_same_answer(db, settings, case):
    limited = settings.model_copy(update={"sms_lookups_per_hour": 1})
    with TestClient(create_app(limited, db=db, run_worker=False)) as client:
        first = ask(client, f"STATUS {case}", sid="SM" + "5" * 32)
        assert ask(client, f"STATUS {case}", sid="SM" + "5" * 32) == first
        assert case in first


def test_unsigned_sms_is_refused(client, case):
    response = client.post(PATH, data=sms_form(f"STATUS {case}"))
    assert response.status_code == 403 and case not in response.text


def test_empty_and_huge_bodies(client):
    assert "STATUS" in ask(client, "")
    assert "STATUS" in ask(client, "x" * 5000)


def _resolve(db, tracking_id: str) -> None:
    from core.complaints.access import Viewer
    from core.complaints.actions import transition

    with db.transaction() as session:
        transition(session, Viewer(None, "Admin", None, True), tracking_id, "resolved", "Drain cleaned")


def test_yes_by_sms_answers_the_resolution_question_sent_by_sms(client, db, case):
    _resolve(db, case)
    assert "STATUS" in ask(client, "YES", sender="+923339990000")  # nothing waits for another number
    assert ask(client, "YES", sender="+923001112233") == f"Thank you. Complaint {case} is now closed."
    assert "Closed" in ask(client, f"STATUS {case}")


def test_nahi_by_sms_reopens(client, db, case):
    _resolve(db, case)
    answer = ask(client, "nahi", sender="+923001112233")
    assert case in answer and "reopened" in answer and segments(answer) == 1


def test_status_includes_the_departments_latest_public_note(client, db, case):
    from core.complaints.access import Viewer
    from core.complaints.actions import transition
    with db.transaction() as session:
        transition(session, Viewer(None, "Admin", None, True), case, "in_progress", "Crew sent; new transformer Friday")
    answer = ask(client, f"STATUS {case}")
    assert "Being worked on" in answer and "Note: Crew sent; new transformer Friday" in answer

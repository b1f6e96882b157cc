"""Two WhatsApp messages from one citizen arriving at the same moment, over real HTTP (uvicorn on
loopback): the conversation is not corrupted and exactly one complaint is filed."""
import threading

import httpx
from sqlalchemy import func, select

from core.complaints.models import Complaint
from tests.channels.twilio_support import CITIZEN, bodies, signature, whatsapp_form

PATH = "/webhooks/whatsapp"


def post(base_url: str, body: str) -> str:
    form = whatsapp_form(body, CITIZEN)
    response = httpx.post(base_url + PATH, data=form, headers={"X-Twilio-Signature": signature(PATH, form)},
                          timeout=30)
    assert response.status_code == 200, response.text
    return "\n".join(bodies(response.text))


def test_two_simultaneous_confirmations_file_exactly_one_complaint(live_server, db):
    post(live_server.url, "No electricity in our street for 3 days")
    menu = post(live_server.url, "3")  # Electricity, third in data/departments.yml
    assert "Where is the problem?" in menu
    assert "Please check your complaint" in post(live_server.url, "Gulberg, Lahore")
    barrier, answers = threading.Barrier(2), []

    def confirm() -> None:
        barrier.wait()
        answers.append(post(live_server.url, "1"))

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Complaint)) == 1
    assert len(answers) == 2 and sum("Tracking ID" in a for a in answers) == 1
    assert any("no longer open" in a for a in answers)

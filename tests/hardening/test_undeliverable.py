"""Notifications that cannot be sent are said to be so (issue 11): a citizen notice on a channel this
deployment has no credentials for ends 'dead' with "undeliverable: channel not configured" (shown on
the case page) instead of pending for ever; the officer is only told "queued" when something was."""
from __future__ import annotations

import html

from sqlalchemy import select

from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from core.notifications.models import OutboxMessage
from core.notifications.worker import Worker
from tests.integration.test_dashboard import csrf_of, sign_in


def _file(db, channel: str, address: str) -> str:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, channel, address, name="Ayesha", language="en")
        return file_complaint(s, NewComplaint(department="health", description="No doctor at the BHU",
                                              language="en", channel=channel, citizen_id=citizen.id,
                                              location_text="Gulberg")).tracking_id


def _move(client, tracking_id: str):
    page = client.get(f"/dashboard/cases/{tracking_id}")
    return client.post(f"/dashboard/cases/{tracking_id}/status", data={"target": "in_progress", "note": "On it",
                                                                        "csrf_token": csrf_of(page)})


def test_a_notice_for_an_unconfigured_channel_is_marked_undeliverable_and_shown(db, client, officer_token):
    tracking_id = _file(db, "whatsapp", "+923001234567")
    sign_in(client, officer_token("health"))
    response = _move(client, tracking_id)
    assert ("Status changed. The citizen cannot be notified: their channel is not configured on this server."
            in html.unescape(response.text))
    Worker(db, {}).deliver_once()  # no senders at all, as with no Twilio credentials and no bot token
    with db.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "citizen")))
    assert [(r.status, r.last_error) for r in rows] == [("dead", "undeliverable: channel not configured")]
    page = client.get(f"/dashboard/cases/{tracking_id}").text
    assert "undeliverable: channel not configured" in page


def test_a_web_chat_case_is_not_said_to_be_queued(db, client, officer_token):
    tracking_id = _file(db, "web", "web-visitor-1")
    sign_in(client, officer_token("health"))
    text = html.unescape(_move(client, tracking_id).text)
    assert "notification is queued" not in text
    assert "Status changed. The citizen follows this case on the web: nothing is sent to them." in text


def test_a_configured_channel_is_said_to_be_queued_and_stays_pending(db, settings, officer_token):
    from fastapi.testclient import TestClient

    from api.app import create_app

    class Recorder:  # the sender port (send) and the hook the app runs at shutdown (stop)
        def send(self, message):
            return "sent-1"

        async def stop(self, _container=None):
            return None

    tracking_id = _file(db, "telegram", "4242")
    with TestClient(create_app(settings, db=db, senders={"telegram": Recorder()}, run_worker=False)) as client:
        sign_in(client, officer_token("health"))
        assert "The citizen's notification is queued." in html.unescape(_move(client, tracking_id).text)
    Worker(db, {"telegram": Recorder()}).deliver_once()
    with db.transaction() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "citizen")).one()
    assert (row.status, row.last_error) == ("sent", None)

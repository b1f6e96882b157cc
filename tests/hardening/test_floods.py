"""Floods and enumeration (issue 11): per-client limits on tracking lookups, the web chat, Open311
filing and dashboard sign-in; one lookup budget per sender across SMS and WhatsApp; limits shared by
app processes through Redis (the machine's, under a key prefix unique to the test), and per process
without it; cookie-less chat floods create no citizens and are forgotten when idle; CSP on the pages."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from core.citizens import get_or_create_citizen
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import Citizen
from core.db import utcnow
from core.dialogue.models import Conversation, InboundMessage
from core.dialogue.purge import purge_idle_conversations
from core.officers import create_api_key
from nlu.server import free_port
from tests.channels.twilio_support import WhatsAppChat, bodies, post_signed, sms_form
from tests.integration.test_dashboard import csrf_of

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def case(db) -> str:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", "+923001234567", name="Bilal", language="en")
        return file_complaint(s, NewComplaint(department="electricity", description="No power", language="en",
                                              channel="whatsapp", citizen_id=citizen.id,
                                              location_text="Gulberg")).tracking_id


def app_with(db, settings, **changes):
    return create_app(settings.model_copy(update=changes), db=db, run_worker=False)


def count(db, model) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_tracking_lookups_are_limited_per_client(db, settings, case):
    with TestClient(app_with(db, settings, track_lookups_per_minute=3)) as client:
        assert [client.get(f"/api/v1/track/{case}").status_code for _ in range(3)] == [200] * 3
        refused = client.get(f"/api/v1/track/{case}")
        assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
        assert client.get("/track", params={"id": case}).status_code == 429  # the page shares the budget


def test_chat_flood_gets_a_polite_message_in_both_languages(db, settings):
    with TestClient(app_with(db, settings, chat_messages_per_minute=2)) as client:
        client.get("/")  # the page sets the visitor's cookie
        for _ in range(2):
            assert client.post("/chat/messages", json={"text": "salam"}).status_code == 200
        answer = client.post("/chat/messages", json={"text": "salam"})
        assert answer.status_code == 200
        texts = [r["text"] for r in answer.json()["replies"]]
        assert texts == ["You are sending messages very fast. Please wait a minute, then write again.",
                         "آپ بہت تیزی سے پیغامات بھیج رہے ہیں۔ براہ کرم ایک منٹ انتظار کریں، پھر دوبارہ لکھیں۔"]
    with TestClient(app_with(db, settings, chat_messages_per_minute=2)) as other:  # another visitor is served
        other.get("/")
        assert "very fast" not in other.post("/chat/messages", json={"text": "salam"}).text


def test_open311_filing_is_limited_per_api_key_in_the_spec_format(db, settings, live_server):
    with db.transaction() as session:
        key = create_api_key(session, "city app")
    app = app_with(db, settings, open311_posts_per_minute=2)
    with TestClient(app) as client:
        form = {"api_key": key, "service_code": "ELC", "description": "No electricity", "address_string": "Gulberg"}
        assert [client.post("/open311/v2/requests.json", data=form).status_code for _ in range(2)] == [200, 200]
        refused = client.post("/open311/v2/requests.json", data=form)
    assert refused.status_code == 429 and refused.json()[0]["code"] == 429


def test_dashboard_sign_in_attempts_are_limited(db, settings):
    with TestClient(app_with(db, settings, login_attempts_per_minute=3)) as client:
        page = client.get("/dashboard/login")
        statuses = [client.post("/dashboard/login", data={"token": f"guess-{n}", "csrf_token": csrf_of(page)}).status_code
                    for n in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_whatsapp_status_lookups_share_the_senders_budget_with_sms(db, settings, case):
    sender = "+923335550000"
    with TestClient(app_with(db, settings, sms_lookups_per_hour=2)) as client:
        chat = WhatsAppChat(client, sender=sender)
        chat.send(f"status {case}")
        assert "Forwarded to the department" in chat.text
        sms = bodies(post_signed(client, "/webhooks/sms", sms_form(f"STATUS {case}", sender)).text)[0]
        assert case in sms
        refused = bodies(post_signed(client, "/webhooks/sms", sms_form(f"STATUS {case}", sender)).text)[0]
        assert refused == "Too many lookups from your number. Please try again in an hour."
        chat.send(f"status {case}")
        assert chat.text == "Too many status lookups from you. Please try again in an hour."


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_limits_hold_across_app_processes_through_redis(db, settings, case):
    if not _redis_reachable():
        pytest.skip(f"Redis not reachable at {REDIS_URL} (the machine's Redis; apt-get install redis-server)")
    shared = dict(redis_url=REDIS_URL, redis_key_prefix=f"awaaz-test-{uuid.uuid4().hex}", track_lookups_per_minute=3)
    with TestClient(app_with(db, settings, **shared)) as first, TestClient(app_with(db, settings, **shared)) as second:
        assert [first.get(f"/api/v1/track/{case}").status_code for _ in range(2)] == [200, 200]
        assert second.get(f"/api/v1/track/{case}").status_code == 200
        assert second.get(f"/api/v1/track/{case}").status_code == 429  # the 4th lookup, in another process
        assert first.get(f"/api/v1/track/{case}").status_code == 429


def test_without_redis_limits_are_per_process_and_the_start_says_so(db, settings, case, caplog):
    caplog.set_level(logging.WARNING, logger="awaaz.limits")
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    with TestClient(app_with(db, settings, redis_url=unreachable, track_lookups_per_minute=2)) as client:
        assert "request limits are counted per process" in caplog.text
        assert [client.get(f"/api/v1/track/{case}").status_code for _ in range(3)] == [200, 200, 429]


def test_a_cookie_less_chat_flood_creates_no_citizens_and_is_forgotten_when_idle(db, settings):
    with TestClient(app_with(db, settings, chat_messages_per_minute=1000)) as client:
        for n in range(40):
            client.cookies.clear()
            assert client.post("/chat/messages", json={"text": f"hello {n}"}).status_code == 200
    assert count(db, Citizen) == 0
    assert count(db, Conversation) == 40 and count(db, InboundMessage) == 40
    with db.transaction() as session:
        assert purge_idle_conversations(session, timedelta(hours=1)) == 0  # not idle yet
    with db.transaction() as session:
        assert purge_idle_conversations(session, timedelta(hours=1), now=utcnow() + timedelta(hours=2)) == 40
    assert count(db, Conversation) == 0 and count(db, InboundMessage) == 0


def test_greetings_yes_and_my_complaints_from_a_new_visitor_create_no_citizen(db, settings):
    with TestClient(app_with(db, settings)) as client:
        client.get("/")  # the page sets the chat cookie
        for text in ("hi", "yes", "1", "meri shikayat ka kya bana"):
            assert client.post("/chat/messages", json={"text": text}).status_code == 200
    assert count(db, Citizen) == 0  # nothing filed, nothing of theirs to read: no row made for them


def test_a_conversation_that_filed_is_kept(db, client):
    chat = WhatsAppChat(client)
    chat.send("No electricity in our street for 3 days")
    chat.send(chat.option("Electricity"))
    chat.send("Gulberg III, Lahore")
    chat.send("1")
    assert count(db, Citizen) == 1
    with db.transaction() as session:
        purge_idle_conversations(session, timedelta(hours=1), now=utcnow() + timedelta(hours=2))
    assert count(db, Conversation) == 1


@pytest.mark.parametrize("path", ["/", "/track", "/track?id=Q3N1S-MF61N"])
def test_the_public_pages_have_a_content_security_policy(client, path):
    policy = client.get(path).headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy

"""A frozen Rasa (it accepts connections, then never answers) costs a citizen at most the NLU timeout,
and after three such messages nobody waits at all (issue 11). A real socket that never answers; the
real app and the real WhatsApp webhook; the citizen gets the department menu."""
from __future__ import annotations

import socket
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from nlu.client import RasaNluClient
from tests.channels.twilio_support import WhatsAppChat


@pytest.fixture
def frozen_rasa():
    """A listening socket nobody reads from: the kernel completes the TCP handshake, no HTTP answer comes."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


def _timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_a_frozen_server_costs_one_timeout_then_the_breaker_answers_at_once(frozen_rasa):
    client = RasaNluClient(frozen_rasa, timeout=0.6, retries=1)
    waits = []
    for _ in range(3):
        result, waited = _timed(lambda: client.parse("bijli nahi hai"))
        assert not result.ok and "Timeout" in result.error
        waits.append(waited)
    assert all(w < 1.0 for w in waits), waits  # one attempt each: no retry doubles the wait
    result, waited = _timed(lambda: client.parse("pani nahi aa raha"))
    assert result.error == "circuit breaker open" and waited < 0.1


def test_a_citizen_writing_during_a_freeze_gets_the_menu_within_the_timeout(db, settings, frozen_rasa):
    app = create_app(settings.model_copy(update={"nlu_enabled": True, "rasa_url": frozen_rasa}), db=db,
                     run_worker=False)
    with TestClient(app) as client:
        WhatsAppChat(client, sender="+923009999999").send("1")  # warms the app up; "1" is never parsed
        chat = WhatsAppChat(client)
        _, waited = _timed(lambda: chat.send("No electricity in our street for 3 days"))
    assert "1. School Education Department" in chat.text  # the numbered department menu
    assert waited < settings.nlu_timeout_seconds + 1.0, waited  # was two read timeouts (3 s) before

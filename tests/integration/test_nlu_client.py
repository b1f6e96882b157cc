"""RasaNluClient over real HTTP against small local stand-ins: down, slow, failing, answering.

No Rasa needed: the point is what the client does when the server misbehaves.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nlu.client import CircuitBreaker, RasaNluClient
from nlu.server import free_port

RASA_ANSWER = {
    "text": "lahore mein k7m2q-9xh4t",
    "intent": {"name": "check_status", "confidence": 0.91},
    "intent_ranking": [
        {"name": "check_status", "confidence": 0.91},
        {"name": "electricity", "confidence": 0.05},
    ],
    "entities": [
        {"entity": "location", "start": 0, "end": 6, "value": "Lahore"},
        {"entity": "tracking_id", "start": 12, "end": 23, "value": "k7m2q-9xh4t"},
    ],
}


class FakeRasa:
    """A loopback HTTP server whose behaviour each test sets: status, body, or hold the reply."""

    def __init__(self, status: int = 200, body: dict | None = None, hold: bool = False):
        self.status, self.body, self.hold = status, body or RASA_ANSWER, hold
        self.requests: list[str] = []
        self.model_file = ""  # what GET /status reports; "" answers 404
        self.release = threading.Event()  # a held request answers once this is set
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                fake.requests.append(self.path + " " + self.rfile.read(length).decode())
                if fake.hold:
                    fake.release.wait(10)
                payload = json.dumps(fake.body).encode()
                try:
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): expected

            def do_GET(self):  # GET /status, as Rasa answers it
                fake.requests.append(self.path)
                payload = json.dumps({"model_file": fake.model_file, "model_id": "abc"}).encode()
                self.send_response(200 if fake.model_file else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_answer_is_mapped_to_nlu_result_with_token():
    with FakeRasa() as rasa:
        result = RasaNluClient(rasa.url, token="s3cret").parse("Lahore mein K7M2Q-9XH4T")
    assert result.ok and result.intent == "check_status"
    assert result.confidence == pytest.approx(0.91)
    assert result.ranking[0] == ("check_status", pytest.approx(0.91))
    assert result.entity("location") == "Lahore"
    assert result.entity("tracking_id") == "K7M2Q-9XH4T"
    assert result.language == "roman_ur"
    assert rasa.requests[0].startswith("/model/parse?token=s3cret ")


def test_nlu_fallback_becomes_no_intent():
    body = {
        "text": "umm",
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.3},
            {"name": "health", "confidence": 0.22},
        ],
        "entities": [],
    }
    with FakeRasa(body=body) as rasa:
        result = RasaNluClient(rasa.url).parse("umm")
    assert result.ok and result.intent is None
    assert result.confidence == pytest.approx(0.22)
    assert [name for name, _ in result.ranking] == ["health"]


def test_server_down_gives_failure_not_exception():
    client = RasaNluClient(f"http://127.0.0.1:{free_port()}", timeout=0.5)
    result = client.parse("بجلی نہیں ہے")
    assert not result.ok and result.intent is None and result.confidence == 0.0
    assert result.language == "ur"
    assert "Connect" in result.error


def test_slow_server_times_out_without_a_retry():
    with FakeRasa(hold=True) as rasa:
        result = RasaNluClient(rasa.url, timeout=0.2, retries=1).parse("bijli nahi hai")
        assert len(rasa.requests) == 1  # a held answer is not asked for again: the citizen would wait twice
    assert not result.ok and "Timeout" in result.error
    assert result.language == "roman_ur"


def test_server_error_is_retried_then_reported():
    with FakeRasa(status=500) as rasa:
        result = RasaNluClient(rasa.url, retries=1).parse("hello")
        assert len(rasa.requests) == 2
    assert not result.ok and result.error == "HTTP 500"


def test_rejected_token_is_not_retried():
    with FakeRasa(status=401, body={"message": "unauthorized"}) as rasa:
        result = RasaNluClient(rasa.url, token="wrong", retries=3).parse("hello")
        assert len(rasa.requests) == 1
    assert not result.ok and result.error == "HTTP 401"


def test_circuit_breaker_opens_and_recovers():
    clock = FakeClock()
    with FakeRasa(status=503) as rasa:
        client = RasaNluClient(rasa.url, retries=0)
        client.breaker = CircuitBreaker(failures=2, reset_seconds=30, clock=clock)
        assert client.parse("one").error == "HTTP 503"
        assert client.parse("two").error == "HTTP 503"
        assert client.breaker.is_open

        skipped = client.parse("three")
        assert not skipped.ok and skipped.error == "circuit breaker open"
        assert len(rasa.requests) == 2  # the open breaker did not call the server

        clock.now = 31  # reset period over: one trial call goes through, and it succeeds
        rasa.status = 200
        recovered = client.parse("Lahore mein K7M2Q-9XH4T")
        assert recovered.ok and recovered.intent == "check_status"
        assert not client.breaker.is_open


def test_failed_trial_call_opens_the_breaker_again():
    clock = FakeClock()
    client = RasaNluClient(f"http://127.0.0.1:{free_port()}", timeout=0.5, retries=0)
    client.breaker = CircuitBreaker(failures=1, reset_seconds=30, clock=clock)
    assert "Connect" in client.parse("one").error
    assert client.parse("two").error == "circuit breaker open"
    clock.now = 31
    assert "Connect" in client.parse("three").error  # the trial call
    assert client.parse("four").error == "circuit breaker open"


def test_result_names_the_served_model_asking_status_once_per_ttl():
    with FakeRasa() as rasa:
        rasa.model_file = "/srv/awaaz/nlu/models/nlu-85a0295b28c6f935.tar.gz"
        client = RasaNluClient(rasa.url, token="s3cret", model_ttl=3600)
        first, second = client.parse("bijli nahi"), client.parse("pani nahi")
        rasa.model_file = "/srv/awaaz/nlu/models/nlu-1111.tar.gz"  # promoted: seen after the TTL only
        third = client.parse("gas nahi")
        client.model_ttl = 0
        fourth = client.parse("gas nahi")
    assert [r.model for r in (first, second, third, fourth)] == ["nlu-85a0295b28c6f935"] * 3 + ["nlu-1111"]
    assert [p for p in rasa.requests if p.startswith("/status")] == ["/status?token=s3cret"] * 2


def test_unknown_model_leaves_the_parse_intact():
    with FakeRasa() as rasa:  # /status answers 404
        result = RasaNluClient(rasa.url).parse("k7m2q-9xh4t kya bana")
    assert result.ok and result.intent == "check_status" and result.model == ""

"""SLA sweeps and the notification outbox against the real database; time moves by passing ``now=``.

The fake sender here is the one fake at this boundary: the senders themselves (Telegram, Twilio) are
tested against their real libraries in tests/channels/.
"""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.citizens import get_or_create_citizen
from core.complaints import actions, queries
from core.complaints.access import Viewer
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import ComplaintEvent
from core.db import utcnow
from core.notifications.models import OutboxMessage
from core.notifications.outbox import MAX_ATTEMPTS, backoff
from core.notifications.worker import Worker
from core.ports import OutboundMessage, SendError
from core.sla import sweep_escalations, sweep_silent_resolutions

ELECTRICITY = Viewer(None, "SDO", "electricity", False)  # SLA 3 days; chain of 4 roles


class FakeSender:
    """Records what it was asked to send; fails as scripted (a list of exceptions, then success)."""

    def __init__(self, channel: str = "whatsapp", failures=(), before_send=None):
        self.channel = channel
        self.failures = list(failures)
        self.sent: list[OutboundMessage] = []
        self.before_send = before_send
        self.lock = threading.Lock()

    def send(self, message: OutboundMessage) -> str:
        if self.before_send:
            self.before_send()
        with self.lock:
            if self.failures:
                raise self.failures.pop(0)
            self.sent.append(message)
            return f"provider-{len(self.sent)}"


def _file(db, now=None, address="+923001234567", language="roman_ur") -> str:
    with db.transaction() as s:
        citizen = get_or_create_citizen(s, "whatsapp", address, language=language)
        return file_complaint(s, NewComplaint(department="electricity", description="Bijli nahi hai",
                                              language=language, channel="whatsapp", citizen_id=citizen.id),
                              now=now).tracking_id


def _case(db, tracking_id):
    with db.transaction() as s:
        return queries.get_complaint(s, Viewer(None, "Admin", None, True), tracking_id)


def _outbox(db, **where) -> list[OutboxMessage]:
    with db.transaction() as s:
        query = select(OutboxMessage).filter_by(**where).order_by(OutboxMessage.id)
        return list(s.scalars(query))


def test_an_overdue_case_is_escalated_once_per_sla_period(db):
    filed = utcnow()
    tracking_id = _file(db, now=filed)
    with db.transaction() as s:
        assert sweep_escalations(s, now=filed + timedelta(days=2)) == 0  # not due yet
    with db.transaction() as s:
        assert sweep_escalations(s, now=filed + timedelta(days=3, minutes=1)) == 1
    with db.transaction() as s:
        assert sweep_escalations(s, now=filed + timedelta(days=3, minutes=2)) == 0  # idempotent
    case = _case(db, tracking_id)
    assert case.escalation_level == 1
    escalations = [e for e in case.events if e.kind == "escalated"]
    # No district: the case waits at the department's head office, so the chain of roles climbs there.
    assert len(escalations) == 1 and escalations[0].data == {"level": 1, "role": "Executive Engineer",
                                                             "office": "ELC-HQ"}
    [officer_row] = _outbox(db, recipient="officer")
    assert officer_row.kind == "notify_escalation" and officer_row.address == "ELC-HQ:Executive Engineer"
    assert officer_row.params["level"] == 1
    assert [m.kind for m in _outbox(db, recipient="citizen")] == ["notify_escalated_to_office"]
    # One SLA period later the next level is told, up to the top of the chain, then no more.
    for day, level in ((7, 2), (11, 3), (15, 3), (30, 3)):
        with db.transaction() as s:
            sweep_escalations(s, now=filed + timedelta(days=day))
        assert _case(db, tracking_id).escalation_level == level
    roles = [m.params["role"] for m in _outbox(db, recipient="officer")]
    assert roles == ["Executive Engineer", "Superintending Engineer", "Chief Executive Officer"]


def test_a_case_worked_on_in_time_is_not_escalated_but_a_resolved_one_never_is(db):
    filed = utcnow()
    tracking_id = _file(db, now=filed)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "resolved", "Fuse changed")
    with db.transaction() as s:
        assert sweep_escalations(s, now=filed + timedelta(days=30)) == 0
    assert _case(db, tracking_id).escalation_level == 0


def test_silence_after_resolution_closes_the_case_as_closed_by_silence(db):
    tracking_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "resolved", "Transformer replaced")
    resolved_at = _case(db, tracking_id).resolved_at
    with db.transaction() as s:
        assert sweep_silent_resolutions(s, 7, now=resolved_at + timedelta(days=6, hours=23)) == 0
    assert _case(db, tracking_id).status == "resolved"
    with db.transaction() as s:
        assert sweep_silent_resolutions(s, 7, now=resolved_at + timedelta(days=7, minutes=1)) == 1
    with db.transaction() as s:
        assert sweep_silent_resolutions(s, 7, now=resolved_at + timedelta(days=8)) == 0
    case = _case(db, tracking_id)
    assert case.status == "closed" and case.closed_by == "silence" and case.citizen_confirmed_at is None
    assert case.events[-1].actor_type == "system" and "7 days" in case.events[-1].note


def test_the_worker_sends_in_the_citizens_language(db):
    tracking_id = _file(db, language="ur")
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "in_progress", "ٹیم روانہ")
    sender = FakeSender()
    assert Worker(db, {"whatsapp": sender}).deliver_once() == 1
    [message] = sender.sent
    assert message.address == "+923001234567" and message.language == "ur"
    assert tracking_id in message.text and "کارروائی جاری ہے" in message.text and "ٹیم روانہ" in message.text
    [row] = _outbox(db)
    assert row.status == "sent" and row.attempts == 1 and row.provider_id == "provider-1" and row.sent_at


def test_failed_sends_are_retried_with_growing_backoff_then_given_up(db):
    tracking_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "in_progress")
    sender = FakeSender(failures=[SendError(f"Twilio 503 #{i}") for i in range(MAX_ATTEMPTS)])
    worker = Worker(db, {"whatsapp": sender})
    clock = utcnow()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        before = utcnow()
        assert worker.deliver_once(now=clock) == 1
        [row] = _outbox(db)
        assert row.attempts == attempt and row.last_error == f"Twilio 503 #{attempt - 1}"
        if attempt < MAX_ATTEMPTS:
            assert row.status == "pending"
            assert before + backoff(attempt) <= row.next_attempt_at <= utcnow() + backoff(attempt)
            assert worker.deliver_once(now=utcnow()) == 0  # not before its backoff is over
            clock = row.next_attempt_at
    assert row.status == "dead" and sender.sent == []
    assert worker.deliver_once(now=clock + timedelta(days=1)) == 0
    assert backoff(1) < backoff(2) < backoff(3)


def test_a_send_that_recovers_is_sent_once(db):
    tracking_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "in_progress")
    sender = FakeSender(failures=[SendError("timeout"), RuntimeError("sender bug")])
    worker = Worker(db, {"whatsapp": sender})
    for _ in range(3):
        worker.deliver_once(now=utcnow() + timedelta(hours=2))
    [row] = _outbox(db)
    assert row.status == "sent" and row.attempts == 3 and row.last_error == "RuntimeError: sender bug"
    assert len(sender.sent) == 1


def test_a_non_retryable_failure_is_dead_at_once(db):
    tracking_id = _file(db)
    with db.transaction() as s:
        actions.transition(s, ELECTRICITY, tracking_id, "in_progress")
    worker = Worker(db, {"whatsapp": FakeSender(failures=[SendError("user blocked the bot", retryable=False)])})
    worker.deliver_once()
    [row] = _outbox(db)
    assert row.status == "dead" and row.attempts == 1 and row.last_error == "user blocked the bot"
    assert worker.deliver_once(now=utcnow() + timedelta(days=1)) == 0


def _postgres_only(db) -> None:
    if not db.is_postgres:
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's; SQLite admits one writer at a time")


def test_two_sweeps_at_once_escalate_each_case_exactly_once(db):
    _postgres_only(db)
    filed = utcnow() - timedelta(days=4)
    ids = [_file(db, now=filed, address=f"+92300000{i:04d}") for i in range(40)]
    first_holds_locks, second_done = threading.Event(), threading.Event()
    counts: dict[str, int] = {}

    def first() -> None:
        with db.transaction() as s:
            counts["first"] = sweep_escalations(s, batch=20)
            first_holds_locks.set()
            # Keep the 20 rows locked until the other sweep has run: it must skip them, not wait.
            assert second_done.wait(timeout=30)

    def second() -> None:
        assert first_holds_locks.wait(timeout=30)
        with db.transaction() as s:
            counts["second"] = sweep_escalations(s, batch=40)
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert counts == {"first": 20, "second": 20}
    assert {_case(db, t).escalation_level for t in ids} == {1}
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ComplaintEvent).filter_by(kind="escalated")) == 40
    assert len(_outbox(db, recipient="officer")) == 40


def test_two_workers_at_once_send_each_message_exactly_once(db):
    _postgres_only(db)
    ids = [_file(db, address=f"+92300000{i:04d}") for i in range(30)]
    for tracking_id in ids:
        with db.transaction() as s:
            actions.transition(s, ELECTRICITY, tracking_id, "in_progress")
    both_sending = threading.Barrier(2, timeout=30)
    first_send = threading.local()

    def meet_once() -> None:
        # Each worker's first send waits for the other's: both hold claims at the same moment.
        if not getattr(first_send, "done", False):
            first_send.done = True
            both_sending.wait()

    sender = FakeSender(before_send=meet_once)
    workers = [Worker(db, {"whatsapp": sender}) for _ in range(2)]

    def drain(worker: Worker) -> None:
        while worker.deliver_once(limit=4):
            pass

    threads = [threading.Thread(target=drain, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    sent_ids = [m.metadata["outbox_id"] for m in sender.sent]
    assert len(sent_ids) == 30 and len(set(sent_ids)) == 30
    assert {r.status for r in _outbox(db)} == {"sent"} and {r.attempts for r in _outbox(db)} == {1}

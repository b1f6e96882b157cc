"""Routing feedback recorded by the real dialogue and officer actions on the real database (issue 12):
the model and top intents at filing, citizen corrections and confirmations, officer reassignments,
confirmations by resolution, and the review of corrections."""
from dataclasses import replace

import pytest
from sqlalchemy import select

from core.complaints.access import Viewer
from core.complaints.actions import reassign
from core.errors import InvalidInput
from core.routing import service as routing
from core.routing.models import RoutingFeedback
from tests.unit.dialogue.conftest import Chat, FakeNlu
from tests.unit.dialogue.helpers import complaints, tracking_id

ADMIN = Viewer(7, "Admin Ayesha", None, True)


class RankingNlu(FakeNlu):
    """The keyword fake, answering with a model id and a ranking as the Rasa client does."""

    def parse(self, text):
        result = super().parse(text)
        if not result.ok:
            return result
        ranking = ((result.intent, result.confidence), ("health", 0.06), ("police", 0.02), ("greet", 0.01))
        return replace(result, ranking=ranking, model="nlu-85a0295b28c6f935")


@pytest.fixture
def nlu():
    return RankingNlu()


def feedback(db) -> list[RoutingFeedback]:
    with db.transaction() as session:
        return list(session.scalars(select(RoutingFeedback).order_by(RoutingFeedback.id)))


def test_citizen_rejecting_the_guess_is_a_pending_scrubbed_correction(chat, db):
    chat.send("school teacher absent for a month in Lahore, call me 0300-1234567")
    chat.send("2")  # another department
    chat.send(str(chat.choice_values().index("health") + 1))
    chat.send("1")
    [case] = complaints(db)
    assert (case.department_code, case.routed_by, case.nlu_department) == ("health", "citizen", "education")
    assert case.nlu_model == "nlu-85a0295b28c6f935"
    assert case.nlu_intents == [["education", 0.7], ["health", 0.06], ["police", 0.02]]  # FakeNlu: 0.7
    [row] = feedback(db)
    assert (row.kind, row.source, row.from_department, row.to_department, row.review, row.model_id) == (
        "correction", "citizen", "education", "health", "pending", "nlu-85a0295b28c6f935")
    assert row.text == "school teacher absent for a month in Lahore, call me <phone>"


def test_accepted_guess_and_resolution_are_confirmations(chat, db, resolve):
    chat.send("Gulberg Lahore mein 3 din se bijli nahi")
    chat.send("1")
    chat.send("haan")
    tid = tracking_id(chat.text)
    resolve(tid)
    rows = feedback(db)
    assert [(r.kind, r.source, r.from_department, r.to_department, r.review) for r in rows] == [
        ("confirmation", "citizen", "electricity", "electricity", None),
        ("confirmation", "resolution", "electricity", "electricity", None)]


def test_officer_reassignment_is_a_correction_with_who_did_it(chat, db):
    chat.send("Gulberg Lahore mein gutter ubal raha hai, sewage sarak par")  # fake NLU: local_government
    chat.send("1")
    chat.send("haan")
    tid = tracking_id(chat.text)
    with db.transaction() as session:
        reassign(session, ADMIN, tid, "water_supply", "WASA runs sewerage")
    rows = feedback(db)
    assert [(r.kind, r.source, r.from_department, r.to_department, r.actor_name, r.actor_id) for r in rows] == [
        ("confirmation", "citizen", "local_government", "local_government", None, rows[0].actor_id),
        ("correction", "officer", "local_government", "water_supply", "Admin Ayesha", "7")]


def test_nlu_down_records_no_feedback(chat, db, nlu):
    nlu.down = True
    chat.send("there is a problem in Lahore")
    chat.send(str(chat.choice_values().index("health") + 1))
    chat.send("Model Town, Lahore")
    chat.send("yes")
    [case] = complaints(db)
    assert case.nlu_intents is None and case.nlu_model is None and feedback(db) == []


def test_review_approves_rejects_and_yields_the_latest_label_per_complaint(service, db):
    for sender in ("+923001111111", "+923002222222"):
        chat = Chat(service, sender=sender)
        chat.send("school teacher absent for a month in Lahore")
        chat.send("2")
        chat.send(str(chat.choice_values().index("health") + 1))
        chat.send("1")
    first, second = complaints(db)
    with db.transaction() as session:
        reassign(session, ADMIN, first.tracking_id, "local_government")
    with db.transaction() as session:
        pending = routing.pending_corrections(session)
        assert [(c.source, c.from_department, c.to_department) for c in pending] == [
            ("citizen", "education", "health"), ("citizen", "education", "health"),
            ("officer", "health", "local_government")]
        with pytest.raises(InvalidInput, match="not pending corrections: 999"):
            routing.review(session, [pending[0].id, 999], "approved", "Admin")
        assert routing.review(session, [pending[1].id], "rejected", "Admin") == [pending[1].id]
        assert routing.review(session, None, "approved", "Admin") == [pending[0].id, pending[2].id]
        assert routing.pending_corrections(session) == []
        examples = routing.training_examples(session)
    assert [(e.label, e.language) for e in examples] == [("local_government", "en")]
    assert examples[0].text == "school teacher absent for a month in Lahore"

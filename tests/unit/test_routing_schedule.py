"""The learn schedule hands the approved, scrubbed corrections to the learner port (a fake here)."""
import threading
import time

from core.citizens import get_or_create_citizen, update_profile
from core.complaints.filing import NewComplaint, file_complaint
from core.routing import service as routing
from core.routing.schedule import LearnSchedule


class FakeLearner:
    def __init__(self):
        self.calls = []

    def learn(self, examples):
        self.calls.append(examples)
        if len(self.calls) == 2:
            raise RuntimeError("training failed")
        return {"candidate": "nlu-x", "promoted": True}


def test_schedule_passes_scrubbed_approved_corrections_and_survives_a_failed_cycle(db):
    with db.transaction() as session:
        citizen = get_or_create_citizen(session, "telegram", "555")
        update_profile(session, citizen, name="Nadia Bibi")
        file_complaint(session, NewComplaint(
            department="water_supply", description="Nadia here: gutter overflowing, 0300 1234567", language="en",
            channel="telegram", citizen_id=citizen.id, nlu_intents=[["local_government", 0.7]]))
        routing.review(session, None, "approved", "admin")
    learner, stop = FakeLearner(), threading.Event()
    schedule = LearnSchedule(db, learner, every_seconds=0.01)
    assert schedule.run_once() == {"candidate": "nlu-x", "promoted": True}
    thread = threading.Thread(target=schedule.run, args=(stop,))
    thread.start()
    deadline = time.monotonic() + 10
    while len(learner.calls) < 3 and time.monotonic() < deadline:  # the second cycle raises; a third comes
        stop.wait(0.01)
    stop.set()
    thread.join(5)
    assert len(learner.calls) >= 3
    [[example]] = learner.calls[:1]
    assert (example.text, example.label) == ("<name> here: gutter overflowing, <phone>", "water_supply")

"""The optional learn schedule: every so often, hand the approved corrections to the learner port.

The core only decides when and reads the (scrubbed) examples; training and promotion happen behind
``core.ports.ModelLearnerPort`` (``nlu.learn`` in a deployment).
"""
from __future__ import annotations

import logging
import threading

from core.db import Database
from core.ports import ModelLearnerPort
from core.routing.service import training_examples

log = logging.getLogger("awaaz.learn")


class LearnSchedule:
    def __init__(self, db: Database, learner: ModelLearnerPort, every_seconds: float):
        self.db, self.learner, self.every_seconds = db, learner, every_seconds

    def run_once(self) -> dict:
        with self.db.transaction() as session:
            examples = training_examples(session)
        report = self.learner.learn(examples)
        log.info("learn cycle: candidate %s, promoted %s (%s)", report.get("candidate"), report.get("promoted"),
                 report.get("reason", ""))
        return report

    def run(self, stop: threading.Event) -> None:
        """First cycle one period after start (a restart does not retrain at once), then every period."""
        while not stop.wait(self.every_seconds):
            try:
                self.run_once()
            except Exception:  # a failed cycle promotes nothing; the next period tries again
                log.exception("learn cycle failed")

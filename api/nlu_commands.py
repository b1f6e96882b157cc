"""``awaaz nlu corrections | learn | rollback``: the NLU commands that need the app's database.

``corrections`` reviews what citizens and officers corrected (core.routing); ``learn`` hands the
approved corrections to ``nlu.learn`` (train a candidate, compare, promote or not) and ``rollback``
goes back to the previous model (``nlu.registry``). The core only records; learning lives in nlu/.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading

from api.settings import Settings, get_settings
from core.routing import service as routing
from core.routing.schedule import LearnSchedule

_database = None  # set by register(): api.cli's database factory


def cmd_corrections(args) -> int:
    with _database().transaction() as session:
        if not (args.approve or args.reject or args.approve_all):
            for correction in routing.pending_corrections(session, limit=args.limit):
                print(json.dumps(correction.as_json(), ensure_ascii=False))
            return 0
        approved = routing.review(session, None if args.approve_all else args.approve, "approved", args.reviewer) \
            if args.approve or args.approve_all else []
        rejected = routing.review(session, args.reject, "rejected", args.reviewer) if args.reject else []
    print(json.dumps({"approved": approved, "rejected": rejected}))
    return 0


def learn_options(settings: Settings) -> dict:
    """The settings ``nlu.learn.learn`` takes, shared by the CLI and the worker's schedule."""
    return {
        "rasa_urls": [settings.rasa_url] + [u.strip() for u in settings.rasa_replicas.split(",") if u.strip()],
        "token": settings.rasa_token, "margin": settings.learn_margin, "holdout": settings.learn_holdout,
        "eval_sets": [p.strip() for p in settings.learn_eval_sets.split(",") if p.strip()],
    }


class NluLearner:
    """``core.ports.ModelLearnerPort`` for the worker's schedule: ``nlu.learn`` with the settings."""

    def __init__(self, settings: Settings):
        self.options = learn_options(settings)

    def learn(self, examples: list) -> dict:
        from nlu.learn import learn

        return learn(examples, **self.options)


def start_learn_schedule(settings: Settings, db, stop) -> threading.Thread | None:
    """A background thread running a learn cycle every LEARN_EVERY_HOURS (off when 0). Enable it in
    one process only: a second process's cycle gives up while one runs on the same machine."""
    if settings.learn_every_hours <= 0:
        return None
    try:
        import nlu.learn  # noqa: F401  (the NLU package is optional in a deployment)
    except ImportError:
        return None
    schedule = LearnSchedule(db, NluLearner(settings), settings.learn_every_hours * 3600)
    thread = threading.Thread(target=schedule.run, args=(stop,), name="awaaz-learn", daemon=True)
    thread.start()
    return thread


def cmd_learn(args) -> int:
    from nlu.learn import learn

    with _database().transaction() as session:
        examples = routing.training_examples(session)
    try:
        report = learn(examples, **learn_options(get_settings()), log=sys.stderr)
    except (RuntimeError, FileNotFoundError, subprocess.CalledProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)  # nothing was promoted
        return 1
    print(json.dumps(report, ensure_ascii=False))
    return 0


def cmd_rollback(_args) -> int:
    from nlu import registry

    settings = get_settings()
    try:
        report = registry.rollback(learn_options(settings)["rasa_urls"], settings.rasa_token)
    except registry.RegistryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report))
    return 0


def register(commands, database) -> None:
    global _database
    _database = database
    corrections = commands.add_parser("corrections", help="list or review routing corrections")
    corrections.add_argument("--approve", type=int, nargs="+", metavar="ID", default=[])
    corrections.add_argument("--approve-all", action="store_true", help="approve every pending correction")
    corrections.add_argument("--reject", type=int, nargs="+", metavar="ID", default=[])
    corrections.add_argument("--reviewer", default="cli", help="name recorded as the reviewer")
    corrections.add_argument("--limit", type=int, default=500, help="most pending corrections listed")
    corrections.set_defaults(func=cmd_corrections)
    learn = commands.add_parser("learn", help="train on approved corrections; promote only if not worse")
    learn.set_defaults(func=cmd_learn)
    rollback = commands.add_parser("rollback", help="serve the previous model again")
    rollback.set_defaults(func=cmd_rollback)

"""``awaaz nlu corrections``: the NLU commands that need the app's database.

``corrections`` reviews what citizens and officers corrected (core.routing); ``learn`` hands the
approved corrections to ``nlu.learn`` (train a candidate, compare, promote or not) and ``rollback``
goes back to the previous model (``nlu.registry``). The core only records; learning lives in nlu/.
"""
from __future__ import annotations

import json

from core.routing import service as routing

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

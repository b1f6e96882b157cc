"""The complaint status lifecycle: one explicit table of allowed transitions and who may make them.

"Resolved" is the department's claim; only the citizen's confirmation (or a configured silence)
turns it into "closed". Officers therefore can never close a case themselves.
"""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    SUBMITTED = "submitted"
    FORWARDED = "forwarded"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REJECTED = "rejected"
    REOPENED = "reopened"


class Actor(StrEnum):
    OFFICER = "officer"
    ADMIN = "admin"
    CITIZEN = "citizen"
    SYSTEM = "system"


_STAFF = frozenset({Actor.OFFICER, Actor.ADMIN})

# (from, to) -> who may make the move.
TRANSITIONS: dict[tuple[Status, Status], frozenset[Actor]] = {
    (Status.SUBMITTED, Status.FORWARDED): _STAFF | {Actor.SYSTEM},
    (Status.SUBMITTED, Status.IN_PROGRESS): _STAFF,
    (Status.SUBMITTED, Status.REJECTED): _STAFF,
    (Status.FORWARDED, Status.IN_PROGRESS): _STAFF,
    (Status.FORWARDED, Status.RESOLVED): _STAFF,
    (Status.FORWARDED, Status.REJECTED): _STAFF,
    (Status.IN_PROGRESS, Status.RESOLVED): _STAFF,
    (Status.IN_PROGRESS, Status.REJECTED): _STAFF,
    (Status.RESOLVED, Status.CLOSED): frozenset({Actor.CITIZEN, Actor.SYSTEM}),
    (Status.RESOLVED, Status.REOPENED): frozenset({Actor.CITIZEN, Actor.ADMIN}),
    (Status.REJECTED, Status.REOPENED): frozenset({Actor.ADMIN}),
    (Status.REOPENED, Status.IN_PROGRESS): _STAFF,
    (Status.REOPENED, Status.RESOLVED): _STAFF,
    (Status.REOPENED, Status.REJECTED): _STAFF,
}

OPEN_STATUSES = frozenset({Status.SUBMITTED, Status.FORWARDED, Status.IN_PROGRESS, Status.REOPENED})
FINAL_STATUSES = frozenset({Status.CLOSED})
NEEDS_NOTE = frozenset({Status.REJECTED, Status.RESOLVED})


class TransitionError(Exception):
    """A move the lifecycle does not allow; the message says why, for the person who tried it."""


def check_transition(current: Status, target: Status, actor: Actor, note: str = "") -> None:
    allowed = TRANSITIONS.get((current, target))
    if allowed is None:
        nexts = sorted(t.value for (f, t) in TRANSITIONS if f == current)
        hint = f"allowed from {current.value}: {', '.join(nexts)}" if nexts else f"{current.value} is final"
        raise TransitionError(f"cannot move a {current.value} complaint to {target.value} ({hint})")
    if actor not in allowed:
        if target == Status.CLOSED:
            raise TransitionError(
                "only the citizen's confirmation (or silence after resolution) closes a complaint"
            )
        raise TransitionError(f"a {actor.value} cannot move a complaint from {current.value} to {target.value}")
    if target in NEEDS_NOTE and actor in _STAFF and not note.strip():
        what = "a reason" if target == Status.REJECTED else "a public note saying what was done"
        raise TransitionError(f"moving to {target.value} needs {what}")


def is_open(status: Status) -> bool:
    return status in OPEN_STATUSES

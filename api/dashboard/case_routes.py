"""A case page (the citizen's words, routing, location, timeline, notifications) and the officer's actions.

Every action goes through core.complaints.actions, so the lifecycle is checked and the citizen's
notification is queued by the core in the same transaction.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from sqlalchemy.orm import Session

from api.dashboard.rendering import not_found_page, redirect, render
from api.dashboard.session import CheckedSessionDep, OfficerDep, SessionDep, SessionState
from api.deps import ContainerDep
from core.complaints import actions, queries
from core.complaints.access import Viewer
from core.complaints.lifecycle import TRANSITIONS, Status
from core.complaints.views import ComplaintView
from core.departments.catalog import departments
from core.errors import InvalidInput, InvalidTrackingId, NotFound, TrackingIdTypo, TransitionError
from core.notifications.outbox import push_channel
from core.notifications.queries import case_notifications
from core.offices.catalog import offices
from core.voice.views import case_voice_notes

router = APIRouter()
NOT_FOUND = (NotFound, InvalidTrackingId, TrackingIdTypo)
# "_pull": the citizen follows the case on the web (nothing is pushed); "_unconfigured": their channel
# cannot send from this deployment. Only the plain form says the citizen's notification is queued.
DONE_MESSAGES = frozenset({"status", "noted", "reassigned", "status_pull", "status_unconfigured",
                           "reassigned_pull", "reassigned_unconfigured"})
NoteField = Annotated[str, Form()]  # the core checks the length and says so


def allowed_moves(status: str, viewer: Viewer) -> list[str]:
    """The statuses this viewer may move the case to, read from the lifecycle table."""
    current = Status(status)
    return [to.value for (frm, to), who in TRANSITIONS.items() if frm == current and viewer.actor in who]


def _case_page(request: Request, state: SessionState, viewer: Viewer, container, tracking_id: str, *,
               error: str | None = None, done: str | None = None, status_code: int = 200):
    try:
        with container.db.transaction() as session:
            case = queries.get_complaint(session, viewer, tracking_id)
            outbox = case_notifications(session, viewer, tracking_id)
            voice = case_voice_notes(session, viewer, tracking_id)
    except NOT_FOUND:
        return not_found_page(request, state, viewer)
    return render(request, state, "case.html", status_code=status_code, viewer=viewer, case=case,
                  outbox=outbox, voice=voice, moves=allowed_moves(case.status, viewer), error=error,
                  done=done if done in DONE_MESSAGES else None,
                  departments=[d for d in departments() if d.code != case.department],
                  offices=[o for o in offices(case.department) if o.code != case.office])


@router.get("/cases/{tracking_id}")
def case_page(tracking_id: str, request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
              done: str | None = None):
    return _case_page(request, state, viewer, container, tracking_id, done=done)


def _act(request: Request, state: SessionState, viewer: Viewer, container, tracking_id: str,
         action: Callable[[Session], ComplaintView], done: str):
    try:
        with container.db.transaction() as session:
            case = action(session)
            channel = push_channel(session, case.tracking_id) if done != "noted" else None  # a note is pushed nowhere
    except NOT_FOUND:
        return not_found_page(request, state, viewer)
    except (TransitionError, InvalidInput) as exc:
        return _case_page(request, state, viewer, container, tracking_id, error=str(exc), status_code=409)
    if done != "noted":
        done += "_pull" if channel is None else ("" if channel in container.senders else "_unconfigured")
    if not viewer.sees(case.department, case.office):
        return redirect(request, state, f"/dashboard?done={done}")  # reassigned away: no longer theirs to see
    return redirect(request, state, f"/dashboard/cases/{case.tracking_id}?done={done}")


@router.post("/cases/{tracking_id}/status")
def change_status(tracking_id: str, request: Request, state: CheckedSessionDep, viewer: OfficerDep,
                  container: ContainerDep, target: Annotated[str, Form(max_length=20)] = "", note: NoteField = ""):
    return _act(request, state, viewer, container, tracking_id,
                lambda s: actions.transition(s, viewer, tracking_id, target, note), "status")


@router.post("/cases/{tracking_id}/note")
def add_note(tracking_id: str, request: Request, state: CheckedSessionDep, viewer: OfficerDep,
             container: ContainerDep, note: NoteField = ""):
    return _act(request, state, viewer, container, tracking_id,
                lambda s: actions.add_internal_note(s, viewer, tracking_id, note), "noted")


@router.post("/cases/{tracking_id}/reassign")
def reassign(tracking_id: str, request: Request, state: CheckedSessionDep, viewer: OfficerDep,
             container: ContainerDep, department: Annotated[str, Form(max_length=40)] = "",
             office: Annotated[str, Form(max_length=40)] = "", note: NoteField = ""):
    # An office, when typed, names its department: the department list's choice is then not used.
    office = office.strip().upper()
    return _act(request, state, viewer, container, tracking_id,
                lambda s: actions.reassign(s, viewer, tracking_id, None if office else department, note,
                                           office=office or None), "reassigned")

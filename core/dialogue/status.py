"""The status flow: a tracking ID looked up (typos caught by the check character), or the sender's
own open complaints listed, or the ID asked for."""
from __future__ import annotations

from core import messages
from core.complaints import queries
from core.complaints.views import PublicComplaintView
from core.dialogue.answers import Answer
from core.dialogue.clusters import progress_line
from core.dialogue.dates import show_date
from core.dialogue.turn import Turn
from core.dialogue.words import tracking_id_in
from core.errors import InvalidTrackingId, NotFound, TrackingIdTypo


def department_label(view: PublicComplaintView, language: str) -> str:
    return view.department_name_ur if language == "ur" else view.department_name_en


def status_label(status: str, language: str) -> str:
    return messages.text(f"status_{status}", language)


STAFF = ("officer", "admin")
SMS_NOTE = 100  # characters of the department's note in an SMS status reply


def note_line(view: PublicComplaintView, language: str, limit: int = 500) -> str:
    """The department's latest public note on the case, as a line to add to a status answer ("" if none)."""
    note = next((e.note for e in reversed(view.public_notes) if e.actor_type in STAFF and e.note.strip()), "")
    if not note:
        return ""
    note = note.strip() if len(note) <= limit else note[:limit].rstrip() + "…"
    return messages.text("note_line", language, note=note)


def show_status(turn: Turn, id_text: str) -> None:
    if not turn.lookup_allowed():  # one budget per sender with SMS lookups (against ID enumeration)
        turn.say("lookup_rate_limited")
        return
    try:
        view = queries.track(turn.session, id_text)
    except (TrackingIdTypo, InvalidTrackingId):
        turn.say("tracking_id_typo")
        return
    except NotFound:
        turn.say("tracking_id_not_found", tracking_id=id_text.upper())
        return
    turn.say("status_reply", tracking_id=view.tracking_id, status_label=status_label(view.status, turn.language),
             department=department_label(view, turn.language), updated=show_date(view.updated_at, turn.language),
             cluster_line=progress_line(turn, view.tracking_id),
             note_line=note_line(view, turn.language))


def status_request(turn: Turn) -> None:
    """ "meri shikayat ka kya bana": list their open cases, or ask for the ID if they have none here."""
    known = turn.known_citizen_id
    own = queries.citizen_complaints(turn.session, known, open_only=True, limit=5) if known is not None else []
    if not own:
        ask_tracking_id(turn)
        return
    lines = "\n".join(turn.t("own_complaint_line", tracking_id=v.tracking_id,
                             status_label=status_label(v.status, turn.language),
                             department=department_label(v, turn.language)) for v in own)
    turn.say("own_complaints", lines=lines)


def ask_tracking_id(turn: Turn) -> None:
    turn.ask("ask_tracking_id", "ask_tracking_id")


def on_tracking_id(turn: Turn, _answer: Answer) -> None:
    id_text = tracking_id_in(turn.text)
    if id_text is None:
        turn.say("tracking_id_typo")
        ask_tracking_id(turn)
        return
    turn.state.reset()
    show_status(turn, id_text)

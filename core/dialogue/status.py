"""The status flow: a tracking ID looked up (typos caught by the check character), or the sender's
own open complaints listed, or the ID asked for."""
from __future__ import annotations

from core import messages
from core.complaints import queries
from core.complaints.views import PublicComplaintView
from core.dialogue.dates import show_date
from core.dialogue.turn import Turn
from core.dialogue.words import tracking_id_in
from core.errors import InvalidTrackingId, NotFound, TrackingIdTypo


def department_label(view: PublicComplaintView, language: str) -> str:
    return view.department_name_ur if language == "ur" else view.department_name_en


def status_label(status: str, language: str) -> str:
    return messages.text(f"status_{status}", language)


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
             department=department_label(view, turn.language), updated=show_date(view.updated_at, turn.language))


def status_request(turn: Turn) -> None:
    """ "meri shikayat ka kya bana": list their open cases, or ask for the ID if they have none here."""
    own = queries.citizen_complaints(turn.session, turn.citizen_id, open_only=True, limit=5)
    if not own:
        turn.ask("ask_tracking_id", "ask_tracking_id")
        return
    lines = "\n".join(turn.t("own_complaint_line", tracking_id=v.tracking_id,
                             status_label=status_label(v.status, turn.language),
                             department=department_label(v, turn.language)) for v in own)
    turn.say("own_complaints", lines=lines)


def on_tracking_id(turn: Turn, _answer) -> None:
    id_text = tracking_id_in(turn.text)
    if id_text is None:
        turn.say("tracking_id_typo")
        turn.ask("ask_tracking_id", "ask_tracking_id")
        return
    turn.state.reset()
    show_status(turn, id_text)

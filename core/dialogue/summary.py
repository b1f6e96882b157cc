"""The summary before filing: department, place and problem in one message, with "file it",
"another department" and "cancel"; a photo, a pin or more words sent instead are added to it."""
from __future__ import annotations

from core.complaints.filing import MAX_DESCRIPTION, NewComplaint, file_complaint
from core.dialogue import places
from core.dialogue.answers import Answer
from core.dialogue.clusters import filed_line
from core.dialogue.dates import show_date
from core.dialogue.department_menu import ask_department
from core.dialogue.turn import Turn
from core.offices.service import office_label

SUMMARY_DESCRIPTION = 300  # characters of the description repeated in the summary
PHOTO_CHANNELS = ("telegram", "whatsapp", "web")  # channels on which a citizen can send a photo


def ask_summary(turn: Turn) -> None:
    draft = turn.draft
    description = draft.description
    if len(description) > SUMMARY_DESCRIPTION:
        description = description[:SUMMARY_DESCRIPTION].rstrip() + "…"
    photos = turn.t("photos_line", count=len(draft.media)) if draft.media else ""
    add = turn.t("summary_add_photo" if turn.inbound.channel in PHOTO_CHANNELS else "summary_add_pin")
    choices = [("yes", turn.t("choice_file_it")), ("department", turn.t("choice_another_department")),
               ("no", turn.t("choice_cancel"))]
    turn.ask("summary", "summary", choices, request_location=draft.latitude is None,
             department=turn.department_name(draft.department_code), place=places.label(turn, draft),
             description=description, photos_line=photos, add_line=add)


def on_summary(turn: Turn, answer: Answer) -> None:
    draft = turn.draft
    if answer.value == "yes":
        file_draft(turn)
    elif answer.value == "department":
        draft.department, draft.confidence, draft.routed_by = None, None, "citizen"
        ask_department(turn)
    elif answer.value == "no":
        turn.state.reset()
        turn.say("cancelled")
    elif answer.is_free_text and (turn.inbound.media or turn.inbound.location or turn.text):
        # A photo, a pin or more detail: add it and show the summary again.
        places.keep_attachments(turn, draft)
        if turn.text:
            draft.description = f"{draft.description}\n{turn.text}"[:MAX_DESCRIPTION]
        ask_summary(turn)
    else:
        turn.say(turn.choose_key("invalid_choice"))
        ask_summary(turn)


def file_draft(turn: Turn) -> None:
    draft = turn.draft
    view = file_complaint(turn.session, NewComplaint(
        department=draft.department_code, description=draft.description, language=turn.language,
        channel=turn.inbound.channel, citizen_id=turn.citizen_id, location_text=draft.location_text,
        district=draft.district, latitude=draft.latitude, longitude=draft.longitude,
        attachments=tuple(draft.media), routed_by=draft.routed_by, nlu_confidence=draft.confidence,
        **draft.nlu))
    turn.state.reset()
    turn.say("filed", department=turn.department_name(view.department), tracking_id=view.tracking_id,
             due_date=show_date(view.due_at, turn.language), cluster_line=filed_line(turn, view),
             office=office_label(view.office, view.district, turn.language))

"""The filing flow: department (NLU guess confirmed, or the numbered menu), duplicate guard, place,
summary with an optional photo, and filing. Nothing the NLU does can block it: without a confident
guess the citizen picks the department from the menu."""
from __future__ import annotations

from core.complaints import queries
from core.complaints.filing import MAX_DESCRIPTION, NewComplaint, add_citizen_message, file_complaint
from core.departments.catalog import departments
from core.dialogue.answers import Answer
from core.dialogue.dates import show_date
from core.dialogue.state import Draft
from core.dialogue.text import key
from core.dialogue.turn import Turn
from core.routing.service import nlu_snapshot

SUMMARY_DESCRIPTION = 300  # characters of the description repeated in the summary
DEPARTMENT_CODES = {d.code for d in departments()}


def _yes_no(turn: Turn, yes_key: str, no_key: str) -> list[tuple[str, str]]:
    return [("yes", turn.t(yes_key)), ("no", turn.t(no_key))]


def _take_place(turn: Turn, draft: Draft, text: str = "") -> None:
    """Place from a location pin, the NLU's location entity, or the words themselves."""
    pin = turn.inbound.location
    if pin is not None:
        draft.latitude, draft.longitude = pin.latitude, pin.longitude
        draft.location_text = draft.location_text or pin.address
    district = turn.nlu.entity("location") if turn.nlu is not None and turn.nlu.ok else None
    if district:
        draft.district = district
    if text:
        draft.location_text = text[:500]
    elif district and not draft.location_text:
        draft.location_text = district


def start(turn: Turn) -> None:
    """A new complaint from this message: confirm the NLU's department, or show the menu."""
    earlier = turn.state.draft.media if turn.state.draft else []  # a photo sent before the words
    draft = Draft(description=turn.text[:MAX_DESCRIPTION], media=list(earlier) + list(turn.inbound.media))
    _take_place(turn, draft)
    draft.nlu = nlu_snapshot(turn.nlu)  # kept whatever the citizen then chooses: routing feedback
    turn.state.draft = draft
    guess = turn.nlu_department(DEPARTMENT_CODES)
    if guess is None:
        ask_department(turn, unsure=True)
        return
    draft.department, draft.confidence, draft.routed_by = guess[0], guess[1], "nlu"
    ask_confirm_department(turn)


def ask_confirm_department(turn: Turn) -> None:
    turn.ask("confirm_department", "confirm_department",
             _yes_no(turn, "choice_yes", "choice_other_department"),
             department=turn.department_name(turn.state.draft.department))


def ask_department(turn: Turn, unsure: bool = False) -> None:
    choices = [(d.code, d.name(turn.language)) for d in departments()]
    turn.ask("choose_department", "choose_department_unsure" if unsure else "choose_department", choices)


def on_confirm_department(turn: Turn, answer: Answer) -> None:
    if answer.value == "yes":
        after_department(turn)
    elif answer.value == "no":
        draft = turn.state.draft
        draft.department, draft.confidence, draft.routed_by = None, None, "citizen"
        ask_department(turn)
    else:
        turn.say("invalid_choice")
        ask_confirm_department(turn)


def _department_named(text: str) -> str | None:
    k = key(text)
    return next((d.code for d in departments() if k in (d.code, key(d.name_en), key(d.name_ur))), None)


def on_choose_department(turn: Turn, answer: Answer) -> None:
    code = answer.value or _department_named(turn.text)
    if code not in DEPARTMENT_CODES:
        turn.say("invalid_choice")
        ask_department(turn)
        return
    draft = turn.state.draft
    draft.department, draft.routed_by, draft.confidence = code, "citizen", None
    after_department(turn)


def after_department(turn: Turn) -> None:
    """The duplicate guard, then whatever is still missing."""
    draft = turn.state.draft
    recent = queries.recent_open_in_department(turn.session, turn.citizen_id, draft.department)
    if recent is not None:
        turn.state.duplicate_of = recent.tracking_id
        turn.ask("duplicate", "duplicate_found", _yes_no(turn, "choice_add_to_existing", "choice_file_new"),
                 department=turn.department_name(draft.department), tracking_id=recent.tracking_id,
                 date=show_date(recent.created_at, turn.language))
        return
    next_missing(turn)


def on_duplicate(turn: Turn, answer: Answer) -> None:
    if answer.value == "yes":
        draft, target = turn.state.draft, turn.state.duplicate_of
        add_citizen_message(turn.session, turn.citizen_id, target, draft.description, tuple(draft.media))
        turn.state.reset()
        turn.say("added_to_existing", tracking_id=target)
    elif answer.value == "no":
        turn.state.duplicate_of = None
        next_missing(turn)
    else:
        turn.say("invalid_choice")
        after_department(turn)


def next_missing(turn: Turn) -> None:
    if not turn.state.draft.has_place:
        turn.ask("ask_location", "ask_location", request_location=True)
    else:
        ask_summary(turn)


def on_location(turn: Turn, answer: Answer) -> None:
    draft = turn.state.draft
    draft.media.extend(turn.inbound.media)
    if turn.inbound.location is None and not turn.text:
        next_missing(turn)  # a photo alone: keep it, still ask for the place
        return
    _take_place(turn, draft, turn.text)
    ask_summary(turn)


def _place(turn: Turn, draft: Draft) -> str:
    if draft.location_text:
        return draft.location_text
    if draft.district:
        return draft.district
    return turn.t("place_pin", latitude=f"{draft.latitude:.5f}", longitude=f"{draft.longitude:.5f}")


def ask_summary(turn: Turn) -> None:
    draft = turn.state.draft
    description = draft.description
    if len(description) > SUMMARY_DESCRIPTION:
        description = description[:SUMMARY_DESCRIPTION].rstrip() + "…"
    photos = turn.t("photos_line", count=len(draft.media)) if draft.media else ""
    turn.ask("summary", "summary", _yes_no(turn, "choice_file_it", "choice_cancel"),
             department=turn.department_name(draft.department), place=_place(turn, draft),
             description=description, photos_line=photos)


def on_summary(turn: Turn, answer: Answer) -> None:
    draft = turn.state.draft
    if answer.value == "yes":
        file_draft(turn)
    elif answer.value == "no":
        turn.state.reset()
        turn.say("cancelled")
    elif answer.is_free_text and (turn.inbound.media or turn.inbound.location or turn.text):
        # A photo, a pin or more detail: add it and show the summary again.
        draft.media.extend(turn.inbound.media)
        if turn.inbound.location is not None:
            _take_place(turn, draft)
        if turn.text:
            draft.description = f"{draft.description}\n{turn.text}"[:MAX_DESCRIPTION]
        ask_summary(turn)
    else:
        turn.say("invalid_choice")
        ask_summary(turn)


def file_draft(turn: Turn) -> None:
    draft = turn.state.draft
    view = file_complaint(turn.session, NewComplaint(
        department=draft.department, description=draft.description, language=turn.language,
        channel=turn.inbound.channel, citizen_id=turn.citizen_id, location_text=draft.location_text,
        district=draft.district, latitude=draft.latitude, longitude=draft.longitude,
        attachments=tuple(draft.media), routed_by=draft.routed_by, nlu_confidence=draft.confidence,
        **draft.nlu))
    turn.state.reset()
    turn.say("filed", department=turn.department_name(view.department), tracking_id=view.tracking_id,
             due_date=show_date(view.due_at, turn.language))


def ask_description(turn: Turn) -> None:
    """Ask for the words; photos that came first are kept for the complaint."""
    if turn.inbound.media:
        turn.state.draft = turn.state.draft or Draft()
        turn.state.draft.media.extend(turn.inbound.media)
    turn.ask("ask_description", "ask_description")

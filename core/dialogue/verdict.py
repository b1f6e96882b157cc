"""The citizen's verdict on a resolved case: yes closes it and asks for a 1–5 rating; no reopens and
escalates it (core lifecycle). The question comes from the outbox (``resolution:<ID>``, choices
yes, no in that order, so "1"/"2" typed on WhatsApp or SMS mean yes/no), so it can arrive while the
conversation is idle: a yes/no then answers the newest resolved case waiting for this citizen."""
from __future__ import annotations

from sqlalchemy.orm import Session

from core import messages
from core.complaints import queries
from core.complaints.actions import citizen_verdict, rate_resolution
from core.complaints.views import PublicComplaintView
from core.dialogue.answers import Answer
from core.dialogue.status import note_line, status_label
from core.dialogue.text import as_number
from core.dialogue.turn import Turn
from core.dialogue.types import Choice, Reply
from core.dialogue.words import yes_no
from core.errors import NotFound, TransitionError

RESOLUTION_PREFIX = "resolution:"  # the same prefix core.notifications.render puts on the question
RATINGS = [str(n) for n in range(1, 6)]


def resolution_question(view: PublicComplaintView, language: str) -> Reply:
    """The "is it really solved?" question for a channel without pushed notifications (the web chat),
    asked when the citizen opens the chat or writes; its buttons name the case (``resolution:<ID>``)."""
    text = messages.text("web_resolution_question", language, tracking_id=view.tracking_id,
                         note_line=note_line(view, language))
    choices = (Choice("yes", messages.text("choice_satisfied", language)),
               Choice("no", messages.text("choice_not_satisfied", language)))
    return Reply(text, choices=choices, question=RESOLUTION_PREFIX + view.tracking_id, language=language)


def waiting_questions(session: Session, citizen_id: int, language: str) -> list[Reply]:
    return [resolution_question(v, language) for v in queries.awaiting_verdict(session, citizen_id)]


def ask_waiting(turn: Turn) -> None:
    """After an idle turn on a channel without pushed notifications: ask about a resolved case once."""
    if turn.known_citizen_id is None:  # nobody yet: no resolved case to ask about
        return
    asked = set(turn.state.asked_verdicts)
    waiting = [v for v in queries.awaiting_verdict(turn.session, turn.known_citizen_id) if v.tracking_id not in asked]
    if waiting:
        turn.state.asked_verdicts = (turn.state.asked_verdicts + [waiting[0].tracking_id])[-20:]
        turn.replies.append(resolution_question(waiting[0], turn.language))


def idle_answer(text: str) -> str | None:
    """yes/no from an idle conversation: the words, or 1/2 (the resolution question's numbered choices)."""
    said = yes_no(text)
    if said is not None:
        return said
    return {1: "yes", 2: "no"}.get(as_number(text) or 0)


def newest_waiting(turn: Turn) -> str | None:
    if turn.known_citizen_id is None:
        return None
    waiting = queries.awaiting_verdict(turn.session, turn.known_citizen_id)
    return waiting[0].tracking_id if waiting else None


def give_verdict(turn: Turn, tracking_id: str, satisfied: bool) -> None:
    try:
        view = citizen_verdict(turn.session, turn.citizen_id, tracking_id, satisfied)
    except (TransitionError, NotFound):
        _not_waiting(turn, tracking_id)
        return
    turn.state.reset()
    if satisfied:
        turn.state.rating_for = view.tracking_id
        turn.ask("rating", "verdict_closed", [(r, r) for r in RATINGS], tracking_id=view.tracking_id)
    else:
        turn.say("verdict_reopened", tracking_id=view.tracking_id)


def _not_waiting(turn: Turn, tracking_id: str) -> None:
    try:
        status = queries.track(turn.session, tracking_id).status
    except Exception:  # an unknown or malformed id in a forged button: say it is not waiting
        status = "closed"
    turn.say("verdict_not_waiting", tracking_id=tracking_id, status_label=status_label(status, turn.language))


def on_button(turn: Turn) -> None:
    """A press on the resolution question's button (web, Telegram): it names its case."""
    tracking_id = (turn.inbound.question or "")[len(RESOLUTION_PREFIX):]
    waiting = {v.tracking_id for v in queries.awaiting_verdict(turn.session, turn.citizen_id)}
    if tracking_id not in waiting or turn.inbound.choice not in ("yes", "no"):
        _not_waiting(turn, tracking_id)
        return
    give_verdict(turn, tracking_id, turn.inbound.choice == "yes")


def ask_rating(turn: Turn) -> None:
    turn.ask("rating", "ask_rating", [(r, r) for r in RATINGS])


def on_rating(turn: Turn, answer: Answer) -> None:
    tracking_id = turn.state.rating_for
    if answer.value not in RATINGS or tracking_id is None:
        turn.say(turn.choose_key("invalid_choice"))
        ask_rating(turn)
        return
    rate_resolution(turn.session, turn.citizen_id, tracking_id, int(answer.value))
    turn.state.reset()
    turn.say("rating_thanks", rating=answer.value)

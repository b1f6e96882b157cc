"""The filing flow: the department (taken at once when the NLU is very sure, confirmed when it is
fairly sure, asked about when the message names no service, the menu when the NLU is down), the
duplicate guard, the place (and its district, asked once), then the summary. Nothing the NLU does
can block it: without a confident guess the citizen picks the department from the menu."""
from __future__ import annotations

from core.complaints import queries
from core.complaints.filing import MAX_DESCRIPTION, add_citizen_message
from core.dialogue import other_bodies, places
from core.dialogue.answers import Answer
from core.dialogue.dates import show_date
from core.dialogue.department_menu import DEPARTMENT_CODES, ask_department, department_named
from core.dialogue.state import Draft
from core.dialogue.summary import ask_summary
from core.dialogue.text import has_letters
from core.dialogue.turn import Turn
from core.dialogue.words import yes_no
from core.routing.service import nlu_snapshot


def _yes_no(turn: Turn, yes_key: str, no_key: str) -> list[tuple[str, str]]:
    return [("yes", turn.t(yes_key)), ("no", turn.t(no_key))]


def start(turn: Turn) -> None:
    """A new complaint from this message: route it by the NLU's guess, or find out what it is about."""
    earlier = turn.state.draft.media if turn.state.draft else []  # a photo sent before the words
    draft = Draft(description=turn.text[:MAX_DESCRIPTION], media=list(earlier) + list(turn.inbound.media))
    places.take_place(turn, draft)
    draft.nlu = nlu_snapshot(turn.nlu)  # kept whatever the citizen then chooses: routing feedback
    turn.state.draft = draft
    if _route_by_nlu(turn, draft):
        return
    told = other_bodies.mention(turn)  # a body we do not cover: say who handles it, keep the draft
    if turn.nlu is not None and turn.nlu.ok:
        # the NLU read it and it names no service of ours: ask, do not guess
        turn.ask("ask_problem", "ask_problem_after_other_body" if told else "ask_problem")
    else:
        ask_department(turn, unsure=True)  # NLU down or off: the menu


def _route_by_nlu(turn: Turn, draft: Draft) -> bool:
    """Very sure: take the department (the summary offers "another department"); fairly sure: confirm."""
    guess = turn.nlu_department(DEPARTMENT_CODES)
    if guess is None:
        return False
    draft.department, draft.confidence, draft.routed_by = guess[0], guess[1], "nlu"
    if guess[1] >= turn.high_threshold:
        after_department(turn)
    else:
        ask_confirm_department(turn)
    return True


def ask_problem(turn: Turn) -> None:
    turn.ask("ask_problem", "ask_problem")


def on_problem(turn: Turn, _answer: Answer) -> None:
    """The answer to "what is the problem about?": routed like a first message, else the menu (asked once)."""
    draft = turn.draft
    draft.media.extend(turn.inbound.media)
    places.take_place(turn, draft)
    if not has_letters(turn.text):
        ask_problem(turn)  # a photo or a pin alone: kept; the question stays
        return
    if yes_no(turn.text) == "no":  # nothing of ours to add (after "who handles it", say): nothing filed
        turn.state.reset()
        turn.say("cancelled")
        return
    draft.description = f"{draft.description}\n{turn.text}"[:MAX_DESCRIPTION]
    if _route_by_nlu(turn, draft):
        return
    code = department_named(turn.text)
    if code is None:
        other_bodies.mention(turn)
        ask_department(turn, unsure=True)
        return
    draft.department, draft.routed_by, draft.confidence = code, "citizen", None
    after_department(turn)


def ask_confirm_department(turn: Turn) -> None:
    turn.ask("confirm_department", "confirm_department",
             _yes_no(turn, "choice_yes", "choice_other_department"),
             department=turn.department_name(turn.draft.department_code))


def on_confirm_department(turn: Turn, answer: Answer) -> None:
    if answer.value == "yes":
        after_department(turn)
    elif answer.value == "no":
        draft = turn.draft
        draft.department, draft.confidence, draft.routed_by = None, None, "citizen"
        ask_department(turn)
    else:
        turn.say(turn.choose_key("invalid_choice"))
        ask_confirm_department(turn)


def on_choose_department(turn: Turn, answer: Answer) -> None:
    code = answer.value or department_named(turn.text)
    if code not in DEPARTMENT_CODES:
        turn.say(turn.choose_key("invalid_choice"))
        ask_department(turn)
        return
    draft = turn.draft
    draft.department, draft.routed_by, draft.confidence = code, "citizen", None
    after_department(turn)


def after_department(turn: Turn) -> None:
    """The duplicate guard, then whatever is still missing."""
    if ask_duplicate(turn):
        return
    next_missing(turn)


def ask_duplicate(turn: Turn) -> bool:
    """Offer the citizen's open case in this department from the last days, if there is one."""
    department = turn.draft.department_code
    recent = queries.recent_open_in_department(turn.session, turn.citizen_id, department)
    if recent is None:
        turn.state.duplicate_of = None
        return False
    turn.state.duplicate_of = recent.tracking_id
    turn.ask("duplicate", "duplicate_found", _yes_no(turn, "choice_add_to_existing", "choice_file_new"),
             department=turn.department_name(department), tracking_id=recent.tracking_id,
             date=show_date(recent.created_at, turn.language))
    return True


def on_duplicate(turn: Turn, answer: Answer) -> None:
    if answer.value == "yes" and turn.state.duplicate_of:
        draft, target = turn.draft, turn.state.duplicate_of
        add_citizen_message(turn.session, turn.citizen_id, target, draft.description, tuple(draft.media))
        turn.state.reset()
        turn.say("added_to_existing", tracking_id=target)
    elif answer.value == "no":
        turn.state.duplicate_of = None
        next_missing(turn)
    else:
        turn.say(turn.choose_key("invalid_choice"))
        after_department(turn)  # the case may have closed meanwhile: then no question, just what is missing


def next_missing(turn: Turn) -> None:
    """The place, then its district (asked once: an unknown district goes to the head office), then the summary."""
    draft = turn.draft
    if not draft.has_place:
        ask_location(turn)
    elif draft.district is None and not draft.district_asked:
        ask_district(turn)
    else:
        ask_summary(turn)


def ask_location(turn: Turn) -> None:
    turn.ask("ask_location", "ask_location", request_location=True)


def on_location(turn: Turn, _answer: Answer) -> None:
    draft = turn.draft
    draft.media.extend(turn.inbound.media)
    if turn.inbound.location is None and not turn.text:
        next_missing(turn)  # a photo alone: keep it, still ask for the place
        return
    places.take_place(turn, draft, turn.text)
    next_missing(turn)


def ask_district(turn: Turn) -> None:
    turn.draft.district_asked = True
    turn.ask("ask_district", "ask_district", request_location=turn.draft.latitude is None)


def on_district(turn: Turn, _answer: Answer) -> None:
    """The city or district of a place already given; whatever the answer, the summary comes next."""
    draft = turn.draft
    draft.media.extend(turn.inbound.media)
    places.take_district(turn, draft, turn.text)
    ask_summary(turn)


def ask_description(turn: Turn) -> None:
    """Ask for the words; photos that came first are kept for the complaint."""
    if turn.inbound.media:
        turn.state.draft = turn.state.draft or Draft()
        turn.state.draft.media.extend(turn.inbound.media)
    turn.ask("ask_description", "ask_description")

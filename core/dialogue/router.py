"""One turn of the state machine: commands that work anywhere (cancel, menu, help, language,
status <ID>), emergency lines, stale answers, then the open question's handler, or the idle
handler that reads a fresh message (NLU intent, or the menu)."""
from __future__ import annotations

from core.dialogue import intake, status, suggestion, verdict
from core.dialogue.answers import Answer, read_answer
from core.dialogue.emergency import is_emergency
from core.dialogue.state import IDLE
from core.dialogue.text import as_number, has_letters, word_count
from core.dialogue.turn import Turn
from core.dialogue.words import command, is_word, named_language, tracking_id_in
from core.messages import LANGUAGES

# Free text of at least this many words that the NLU could not place is still treated as a complaint.
COMPLAINT_MIN_WORDS = 2
MAIN_MENU = ("complaint", "status", "suggestion")

HANDLERS = {
    "confirm_department": intake.on_confirm_department,
    "choose_department": intake.on_choose_department,
    "duplicate": intake.on_duplicate,
    "ask_location": intake.on_location,
    "summary": intake.on_summary,
    "ask_tracking_id": status.on_tracking_id,
    "ask_suggestion": suggestion.on_suggestion,
    "rating": verdict.on_rating,
    "ask_description": lambda turn, _answer: on_description(turn),
}


def main_menu(turn: Turn) -> None:
    turn.ask("main_menu", "welcome", [(v, turn.t(f"choice_{v}")) for v in MAIN_MENU])


def language_menu(turn: Turn) -> None:
    turn.ask("choose_language", "choose_language", [(lang, turn.t(f"language_name_{lang}")) for lang in LANGUAGES])


def switch_language(turn: Turn, language: str) -> None:
    turn.language, turn.state.language_chosen = language, True
    turn.say("language_set")
    reask(turn)


def reask(turn: Turn) -> None:
    """Send the open question again (in the current language), or the main menu when idle."""
    step = turn.state.step
    if step in ("idle", "main_menu"):
        main_menu(turn)
    elif step == "choose_language":
        language_menu(turn)
    elif step == "confirm_department":
        intake.ask_confirm_department(turn)
    elif step == "choose_department":
        intake.ask_department(turn)
    elif step == "duplicate":
        intake.after_department(turn)
    elif step == "ask_location" or step == "summary":
        intake.next_missing(turn)
    elif step == "ask_description":
        turn.ask("ask_description", "ask_description")
    elif step == "ask_tracking_id":
        turn.ask("ask_tracking_id", "ask_tracking_id")
    elif step == "ask_suggestion":
        suggestion.ask(turn)
    elif step == "rating":
        turn.ask("rating", "ask_rating", [(r, r) for r in verdict.RATINGS])


def _global_command(turn: Turn) -> bool:
    """Commands valid whatever question is open; True when the turn is done."""
    language = named_language(turn.text)
    if language:
        switch_language(turn, language)
        return True
    name = command(turn.text)
    if name == "cancel":
        turn.state.reset()
        turn.say("cancelled")
    elif name == "menu":
        turn.state.reset()
        main_menu(turn)
    elif name == "help":
        turn.say("help")
        if turn.state.step != IDLE:
            reask(turn)
    elif name == "language":
        language_menu(turn)
    elif name == "thanks" and turn.state.step == IDLE:
        turn.say("goodbye")
    else:
        id_text = tracking_id_in(turn.text)
        if id_text is None:
            return False
        if turn.state.step == "ask_tracking_id":
            turn.state.reset()
        status.show_status(turn, id_text)
    return True


def run_turn(turn: Turn) -> None:
    inbound = turn.inbound
    if inbound.question and inbound.question.startswith(verdict.RESOLUTION_PREFIX):
        verdict.on_button(turn)
        return
    if not turn.text and not inbound.media and inbound.location is None and inbound.choice is None:
        turn.say("empty_message")
        if turn.state.step != IDLE:
            reask(turn)
        return
    if turn.text and _global_command(turn):
        return
    if is_emergency(turn.text):
        turn.say("emergency")
    answer = read_answer(inbound, turn.text, turn.state)
    step = turn.state.step
    if step == "rating" and answer.is_free_text:
        turn.state.reset()  # the rating is optional: a new message starts something new
        step = IDLE
    if step == IDLE and _idle_verdict(turn):
        return
    if answer.stale:
        turn.say("stale_answer")
        reask(turn)
        return
    if answer.out_of_range:
        turn.say("invalid_choice")
        reask(turn)
    elif step == "main_menu":
        on_main_menu(turn, answer)
    elif step == "choose_language":
        on_language(turn, answer)
    elif step in HANDLERS:
        HANDLERS[step](turn, answer)
    elif step == IDLE:
        on_idle(turn)


def _idle_verdict(turn: Turn) -> bool:
    """An idle yes/no (or 1/2) answers the newest resolved case waiting for this citizen."""
    said = verdict.idle_answer(turn.text)
    if said is None:
        return False
    tracking_id = verdict.newest_waiting(turn)
    if tracking_id is None:
        return False
    verdict.give_verdict(turn, tracking_id, said == "yes")
    return True


def on_main_menu(turn: Turn, answer: Answer) -> None:
    if answer.value == "complaint":
        turn.ask("ask_description", "ask_description")
    elif answer.value == "status":
        turn.state.close_question()
        status.status_request(turn)
    elif answer.value == "suggestion":
        suggestion.ask(turn)
    else:
        turn.state.close_question()
        on_idle(turn)  # they wrote something else: read it as a fresh message


def on_language(turn: Turn, answer: Answer) -> None:
    if answer.value in LANGUAGES:
        turn.state.close_question()
        switch_language(turn, answer.value)
    else:
        turn.say("invalid_choice")
        language_menu(turn)


def on_idle(turn: Turn) -> None:
    """A fresh message: the whole-message words first, then the NLU's intent, then the menu."""
    text = turn.text
    if is_word("complaint", text):
        turn.ask("ask_description", "ask_description")
    elif is_word("status", text):
        status.status_request(turn)
    elif is_word("suggestion", text):
        suggestion.ask(turn)
    elif is_word("yes", text) or is_word("no", text) or as_number(text) is not None:
        turn.say("stale_answer")  # yes/no/number with nothing open and no resolved case waiting
        main_menu(turn)
    else:
        on_intent(turn)


def on_intent(turn: Turn) -> None:
    text, intent = turn.text, turn.nlu_intent()
    if turn.nlu_department(intake.DEPARTMENT_CODES):
        intake.start(turn)
    elif intent == "check_status":
        status.status_request(turn)
    elif intent == "suggestion":
        if word_count(text) >= suggestion.INLINE_WORDS:
            suggestion.save(turn, text)
        else:
            suggestion.ask(turn)
    elif intent == "greet":
        main_menu(turn)
    elif intent in ("goodbye", "thanks"):
        turn.say("goodbye")
    elif intent == "help":
        turn.say("help")
    elif intent == "change_language":
        language_menu(turn)
    elif intent == "cancel":
        turn.state.reset()
        turn.say("cancelled")
    elif has_letters(text) and word_count(text) >= COMPLAINT_MIN_WORDS:
        intake.start(turn)  # NLU unsure, down or off: the citizen picks the department from the menu
    elif turn.inbound.media and not has_letters(text):
        intake.ask_description(turn)  # a photo alone: keep it, ask what is wrong
    else:
        turn.say("not_understood")
        main_menu(turn)


def on_description(turn: Turn) -> None:
    if has_letters(turn.text):
        intake.start(turn)
    else:
        intake.ask_description(turn)

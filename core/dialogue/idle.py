"""The idle side of the conversation: the main menu, the language menu, and a fresh message read
by its whole-message words, then the NLU's intent, then the menu."""
from __future__ import annotations

from core.dialogue import intake, other_bodies, status, suggestion, verdict
from core.dialogue.answers import Answer
from core.dialogue.department_menu import DEPARTMENT_CODES
from core.dialogue.text import as_number, has_letters, word_count
from core.dialogue.turn import Turn
from core.dialogue.words import is_word
from core.messages import LANGUAGES

# Free text of at least this many words that the NLU could not place is still treated as a complaint.
COMPLAINT_MIN_WORDS = 2
MAIN_MENU = ("complaint", "status", "suggestion")


def main_menu(turn: Turn) -> None:
    turn.ask("main_menu", "welcome", [(v, turn.t(f"choice_{v}")) for v in MAIN_MENU])


def language_menu(turn: Turn) -> None:
    turn.ask("choose_language", "choose_language", [(lang, turn.t(f"language_name_{lang}")) for lang in LANGUAGES])


def ask_description(turn: Turn) -> None:
    turn.ask("ask_description", "ask_description")


def on_main_menu(turn: Turn, answer: Answer) -> None:
    if answer.value == "complaint":
        ask_description(turn)
    elif answer.value == "status":
        turn.state.close_question()
        status.status_request(turn)
    elif answer.value == "suggestion":
        suggestion.ask(turn)
    else:
        turn.state.close_question()
        on_fresh_message(turn)  # they wrote something else: read it as a fresh message


def on_language(turn: Turn, answer: Answer) -> None:
    if answer.value not in LANGUAGES:
        turn.say(turn.choose_key("invalid_choice"))
        language_menu(turn)
        return
    turn.state.close_question()
    turn.language, turn.state.language_chosen = answer.value, True
    turn.say("language_set")
    main_menu(turn)


def on_idle(turn: Turn, answer: Answer) -> None:
    """Nothing is open: a yes/no may answer a resolved case; an old button or number is stale."""
    if _idle_verdict(turn):
        return
    if answer.stale:
        turn.say("stale_answer")
        main_menu(turn)
        return
    on_fresh_message(turn)


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


def on_fresh_message(turn: Turn) -> None:
    """A fresh message: the whole-message words first, then the NLU's intent, then the menu."""
    text = turn.text
    if is_word("complaint", text):
        ask_description(turn)
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
    if turn.nlu_department(DEPARTMENT_CODES):
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
        intake.start(turn)  # NLU unsure, down or off: asked what it is about, or the department menu
    elif turn.inbound.media and not has_letters(text):
        intake.ask_description(turn)  # a photo alone: keep it, ask what is wrong
    elif not other_bodies.mention(turn):  # one word naming a body we do not cover ("SNGPL"): who handles it
        turn.say("not_understood")
        main_menu(turn)


def on_description(turn: Turn, _answer: Answer) -> None:
    if has_letters(turn.text):
        intake.start(turn)
    else:
        intake.ask_description(turn)

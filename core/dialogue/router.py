"""One turn of the state machine: commands that work anywhere (cancel, menu, help, language,
status <ID>), emergency lines, the resolution question's buttons, then the open step's answer
handler from the table in ``steps`` (a photo or a pin sent to a step that ``keeps_attachments`` is
kept on the draft and the question asked again)."""
from __future__ import annotations

from core.dialogue import places, status, transcript, verdict
from core.dialogue.answers import Answer, read_answer
from core.dialogue.emergency import is_emergency
from core.dialogue.idle import language_menu, main_menu
from core.dialogue.state import IDLE
from core.dialogue.steps import STEPS, reask, step_of
from core.dialogue.text import has_letters
from core.dialogue.transcript import TRANSCRIPT_CHANNELS
from core.dialogue.turn import Turn
from core.dialogue.words import command, named_language, tracking_id_in


def switch_language(turn: Turn, language: str) -> None:
    turn.language, turn.state.language_chosen = language, True
    turn.say("language_set")
    reask(turn)


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
    """The turn, then on channels without pushed notifications (web) the waiting "is it solved?" question;
    the transcript of those channels records it all."""
    text_in = turn.text
    _run(turn)
    if turn.inbound.channel in TRANSCRIPT_CHANNELS:
        if turn.state.step in (IDLE, "main_menu"):  # nothing else being asked: the waiting question fits
            verdict.ask_waiting(turn)
        transcript.record(turn.state, turn.inbound, text_in, turn.replies)


def _run(turn: Turn) -> None:
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
    step = step_of(turn)
    if step.optional and answer.is_free_text:
        turn.state.reset()  # an optional question: a new message starts something new
        step = STEPS[IDLE]
    if step.reads_stale:
        step.on_answer(turn, answer)
    elif answer.stale:
        turn.say("stale_answer")
        reask(turn)
    elif answer.out_of_range:
        turn.say(turn.choose_key("invalid_choice"))
        reask(turn)
    elif step.keeps_attachments and _kept_attachments_only(turn, answer):
        reask(turn)
    else:
        step.on_answer(turn, answer)


def _kept_attachments_only(turn: Turn, answer: Answer) -> bool:
    """Keep this message's photos and pin on the draft; True when that was all it said."""
    if not turn.inbound.media and turn.inbound.location is None:
        return False
    places.keep_attachments(turn, turn.draft)
    return answer.value is None and not has_letters(turn.text)

"""The dialogue's steps in one table: for each open question (``DialogueState.step``), how it is
asked (also when it is asked again: after help, a language switch, a stale or invalid answer) and
which handler reads its answer. ``flow.mmd`` draws the same steps (a unit test keeps them equal)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.dialogue import department_menu, idle, intake, status, suggestion, summary, verdict
from core.dialogue.answers import Answer
from core.dialogue.state import IDLE
from core.dialogue.turn import Turn


@dataclass(frozen=True)
class Step:
    ask: Callable[[Turn], None]  # sends the question (and opens it)
    on_answer: Callable[[Turn, Answer], None]
    optional: bool = False  # free text leaves the question and is read as a fresh message
    reads_stale: bool = False  # the handler itself deals with stale answers (idle: an old "1" may be a verdict)
    # a choice asked while a complaint is drafted: a photo or a pin sent instead is kept, the question asked again
    keeps_attachments: bool = False


STEPS: dict[str, Step] = {
    IDLE: Step(idle.main_menu, idle.on_idle, reads_stale=True),
    "main_menu": Step(idle.main_menu, idle.on_main_menu),
    "choose_language": Step(idle.language_menu, idle.on_language),
    "ask_description": Step(idle.ask_description, idle.on_description),
    "ask_problem": Step(intake.ask_problem, intake.on_problem),
    "confirm_department": Step(intake.ask_confirm_department, intake.on_confirm_department, keeps_attachments=True),
    "choose_department": Step(department_menu.ask_department, intake.on_choose_department, keeps_attachments=True),
    "duplicate": Step(intake.after_department, intake.on_duplicate, keeps_attachments=True),
    "ask_location": Step(intake.ask_location, intake.on_location),
    "ask_district": Step(intake.ask_district, intake.on_district),
    "summary": Step(summary.ask_summary, summary.on_summary),
    "ask_tracking_id": Step(status.ask_tracking_id, status.on_tracking_id),
    "ask_suggestion": Step(suggestion.ask, suggestion.on_suggestion),
    "rating": Step(verdict.ask_rating, verdict.on_rating, optional=True),
}


def step_of(turn: Turn) -> Step:
    """The open step; a name this version does not know (an old saved state) counts as idle."""
    return STEPS.get(turn.state.step) or STEPS[IDLE]


def reask(turn: Turn) -> None:
    """Send the open question again (in the current language), or the main menu when idle."""
    step_of(turn).ask(turn)

"""The numbered (or button) list of departments, and a department named in words."""
from __future__ import annotations

from core.departments.catalog import departments
from core.dialogue.text import key
from core.dialogue.turn import Turn

DEPARTMENT_CODES = {d.code for d in departments()}


def ask_department(turn: Turn, unsure: bool = False) -> None:
    choices = [(d.code, d.name(turn.language)) for d in departments()]
    if unsure:
        turn.ask("choose_department", turn.choose_key("choose_department_unsure"), choices)
    else:
        turn.ask("choose_department", turn.choose_key("choose_department"), choices)


def department_named(text: str) -> str | None:
    k = key(text)
    return next((d.code for d in departments() if k in (d.code, key(d.name_en), key(d.name_ur))), None)

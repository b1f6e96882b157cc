"""Turn an outbox row into the text a citizen reads, in their language, from data/messages.yml."""
from __future__ import annotations

from core import messages
from core.notifications.outbox import DIALOGUE_REPLY, ClaimedMessage
from core.ports import OutboundMessage

# The dialogue recognises answers to this question (see core/dialogue) by this prefix.
RESOLUTION_QUESTION_PREFIX = "resolution:"


def render(claimed: ClaimedMessage) -> OutboundMessage:
    lang = claimed.language if claimed.language in messages.LANGUAGES else "en"
    if claimed.kind == DIALOGUE_REPLY:  # written by the dialogue already, in the citizen's language
        params = claimed.params
        return OutboundMessage(channel=claimed.channel, address=claimed.address, text=params["text"], language=lang,
                               choices=tuple((v, label) for v, label in params.get("choices", ())),
                               question=params.get("question", ""),
                               metadata={"outbox_id": claimed.id, "kind": claimed.kind})
    params = dict(claimed.params)
    if "status" in params:
        params["status_label"] = messages.text(f"status_{params['status']}", lang)
    params.setdefault("note", "")
    params["note_line"] = messages.text("note_line", lang, note=params["note"]) if params["note"] else ""
    text = messages.text(claimed.kind, lang, **params)
    choices: tuple[tuple[str, str], ...] = ()
    question = ""
    if claimed.kind == "notify_resolution_question":
        question = RESOLUTION_QUESTION_PREFIX + params["tracking_id"]
        choices = (("yes", messages.text("choice_satisfied", lang)), ("no", messages.text("choice_not_satisfied", lang)))
    elif params.get("choices"):  # a dialogue question pushed later (issue 15: the reply to a voice note)
        question, choices = params.get("question", ""), tuple((v, label) for v, label in params["choices"])
    return OutboundMessage(channel=claimed.channel, address=claimed.address, text=text, language=lang,
                           choices=choices, question=question,
                           metadata={"outbox_id": claimed.id, "kind": claimed.kind, **params})

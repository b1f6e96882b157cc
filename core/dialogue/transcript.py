"""The recent turns of a conversation, kept in its state for channels whose app keeps no history of
its own (the web chat: a page reload shows them again). Only the citizen's own words and the replies
they got, readable only with their signed cookie; capped, and dropped with the conversation."""
from __future__ import annotations

from core.dialogue.state import DialogueState
from core.dialogue.types import Inbound, Reply

TRANSCRIPT_CHANNELS = ("web",)
KEEP = 30  # entries (citizen messages and replies) kept
LOCATION_MARK, PHOTO_MARK = "📍", "📷"


def _citizen_words(inbound: Inbound, text: str, state: DialogueState) -> str:
    """What the citizen sent, as their chat shows it: the words, the label of the button pressed, a pin or photo mark."""
    if inbound.choice is not None:
        for entry in reversed(state.transcript):
            label = next((c["label"] for c in entry.get("choices", ()) if c["value"] == inbound.choice), None)
            if label:
                return label
        return inbound.choice
    marks = (LOCATION_MARK if inbound.location else "") + (PHOTO_MARK if inbound.media else "")
    return " ".join(part for part in (text, marks) if part)


def record(state: DialogueState, inbound: Inbound, text: str, replies: list[Reply]) -> None:
    """Add one turn (the message and its replies) to the state's transcript, on channels that need one."""
    if inbound.channel not in TRANSCRIPT_CHANNELS:
        return
    entries: list[dict] = [{"who": "citizen", "text": _citizen_words(inbound, text, state)}]
    entries += [{"who": "bot", "text": r.text, "language": r.language, "question": r.question,
                 "choices": [{"value": c.value, "label": c.label} for c in r.choices],
                 "request_location": r.request_location} for r in replies]
    state.transcript = (state.transcript + entries)[-KEEP:]

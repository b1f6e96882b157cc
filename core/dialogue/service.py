"""Entry point of the conversation: the contract every channel adapter calls."""
from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from core import messages
from core.citizens import find_citizen, get_or_create_citizen, update_profile
from core.complaints.filing import MAX_DESCRIPTION
from core.db import Database
from core.dialogue import verdict
from core.dialogue.language import reply_language
from core.dialogue.once import run_once
from core.dialogue.outage import DATABASE_DOWN, can_spool, keep, queued_behind, run_to_outbox
from core.dialogue.router import reask, run_turn
from core.dialogue.store import LoadedConversation, has_open_conversation, peek_state
from core.dialogue.text import as_number, clean, has_letters, is_urdu_script
from core.dialogue.turn import Turn
from core.dialogue.types import Inbound, Reply
from core.dialogue.words import command, named_language, tracking_id_in, yes_no
from core.limits import LOOKUP_WINDOW_SECONDS, LocalLimiter, RateLimiter, lookup_key
from core.ports import NluPort, NluResult
from core.spool import Spool

log = logging.getLogger("awaaz.dialogue")

MAX_TEXT = MAX_DESCRIPTION  # longer messages are cut here (the citizen is told)
NLU_TEXT = 1000  # the NLU sees at most this much: intent shows early, and parse time grows with length


def _worth_parsing(text: str) -> bool:
    """Free text the NLU can say something about (not "2", "yes", "cancel", an ID…)."""
    return (has_letters(text) and as_number(text) is None and yes_no(text) is None and command(text) is None
            and named_language(text) is None and tracking_id_in(text) is None)


class DialogueService:
    """``handle`` runs one citizen turn in one transaction and returns the replies to send.

    It de-duplicates by (channel, message_id): a repeated id returns the replies stored the first time.
    It never raises for bad input or NLU failure: the citizen always gets a reply.
    """

    def __init__(self, db: Database, nlu: NluPort | None, *, confidence_threshold: float = 0.5,
                 high_confidence_threshold: float = 0.9, idle_minutes: int = 30,
                 limiter: RateLimiter | None = None, lookups_per_hour: int = 10, spool: Spool | None = None):
        self.db, self.nlu = db, nlu
        self.confidence_threshold, self.idle_minutes = confidence_threshold, idle_minutes
        self.high_confidence_threshold = high_confidence_threshold
        self.limiter, self.lookups_per_hour = limiter or LocalLimiter(), lookups_per_hour
        self.spool = spool  # WhatsApp/SMS messages are kept here while the database is unreachable

    def handle(self, inbound: Inbound) -> list[Reply]:
        text = clean(inbound.text)
        parse = None
        try:
            if queued_behind(self.spool, inbound):
                # Earlier messages of this sender wait in the spool: this one queues behind them.
                return keep(self.spool, "dialogue", inbound, reply_language(None, False, text, None))
            # Outside the transaction: no lock is held while the NLU thinks (a retried message id is parsed
            # again, then answered from the stored replies).
            parse = self._understand(text)
            return run_once(self.db, inbound, self.idle_minutes,
                            lambda session, loaded: self._turn(session, loaded, inbound, text, parse))
        except DATABASE_DOWN:
            if can_spool(self.spool, inbound):
                return keep(self.spool, "dialogue", inbound, reply_language(None, False, text, parse))
            log.exception("dialogue turn failed for %s/%s: database unreachable", inbound.channel, inbound.sender)
            return self._sorry(text, parse)
        except Exception:
            log.exception("dialogue turn failed for %s/%s", inbound.channel, inbound.sender)
            return self._sorry(text, parse)

    def replay(self, inbound: Inbound) -> None:
        """A spooled message, once the database is back: the turn runs, its replies go to the outbox.
        Raises while the database is still unreachable (the message stays spooled)."""
        text = clean(inbound.text)
        parse = self._understand(text)
        run_to_outbox(self.db, inbound, self.idle_minutes,
                      lambda session, loaded: self._turn(session, loaded, inbound, text, parse))

    @staticmethod
    def _sorry(text: str, parse: NluResult | None) -> list[Reply]:
        language = reply_language(None, False, text, parse)
        language = language if language in messages.LANGUAGES else ("ur" if is_urdu_script(text) else "en")
        return [Reply(messages.text("error_try_again", language), language=language)]

    def reprompt(self, inbound: Inbound) -> list[Reply]:
        """The open question again, or the main menu, in the conversation's language (issue 15: after a
        voice note that could not be used). De-duplicated by message id like ``handle``."""
        def turn_fn(session: Session, loaded: LoadedConversation) -> tuple[list[Reply], str]:
            language = loaded.language if loaded.language in messages.LANGUAGES else "en"
            citizen = get_or_create_citizen(session, inbound.channel, inbound.sender,
                                            name=inbound.display_name or None, language=language)
            turn = Turn(session, inbound, "", loaded.state, language, citizen.id, None, self.confidence_threshold,
                        self.high_confidence_threshold)
            reask(turn)
            return turn.replies, turn.language
        return run_once(self.db, inbound, self.idle_minutes, turn_fn)

    def has_open_conversation(self, channel: str, sender: str) -> bool:
        """Whether the sender is in the middle of a conversation (a question open, not gone idle): a
        channel that is not conversational by default (SMS) hands them their next message here."""
        with self.db.transaction() as session:
            return has_open_conversation(session, channel, sender, self.idle_minutes)

    def open_chat(self, channel: str, sender: str) -> tuple[list[dict], list[Reply]]:
        """For a chat page being opened: its recent turns, and the questions waiting for the citizen
        (a resolved case to confirm). Read only: nothing is created for a visitor who has not written."""
        with self.db.transaction() as session:
            peeked = peek_state(session, channel, sender)
            if peeked is None:
                return [], []
            state, language = peeked
            citizen = find_citizen(session, channel, sender)
            pending = verdict.waiting_questions(session, citizen.id, language or citizen.language) if citizen else []
            return list(state.transcript), pending

    def _understand(self, text: str) -> NluResult | None:
        if self.nlu is None or not _worth_parsing(text):
            return None
        try:
            return self.nlu.parse(text[:NLU_TEXT])
        except Exception as exc:  # the port promises not to raise; a broken client still must not block filing
            log.warning("NLU parse raised %s; using the department menu", type(exc).__name__)
            return NluResult(ok=False, intent=None, confidence=0.0, error=str(exc))

    def _turn(self, session: Session, loaded: LoadedConversation, inbound: Inbound, text: str,
              parse: NluResult | None) -> tuple[list[Reply], str]:
        language = reply_language(loaded.language, loaded.state.language_chosen, text, parse)
        found = [find_citizen(session, inbound.channel, inbound.sender)]

        def make_citizen() -> int:
            citizen = get_or_create_citizen(session, inbound.channel, inbound.sender,
                                            name=inbound.display_name or None, language=turn.language)
            found[0] = citizen
            return citizen.id

        turn = Turn(session, inbound, text[:MAX_TEXT], loaded.state, language,
                    found[0].id if found[0] else make_citizen, parse, self.confidence_threshold,
                    self.high_confidence_threshold,
                    lookup_allowed=lambda: self.limiter.hit(lookup_key(inbound.channel, inbound.sender),
                                                            self.lookups_per_hour, LOOKUP_WINDOW_SECONDS))
        if len(text) > MAX_TEXT:
            turn.say("message_shortened", limit=MAX_TEXT)
        run_turn(turn)
        citizen = found[0]
        if citizen is not None and citizen.language != turn.language:  # notifications follow their language
            update_profile(session, citizen, language=turn.language)
        return turn.replies, turn.language

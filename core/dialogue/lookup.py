"""Status lookups by tracking ID for basic phones (SMS): one short answer per message, no dialogue.

"STATUS <ID>", the ID alone, "halat <ID>" or "حالت <ID>" get the status, department and last update
(no personal data); a typo'd ID gets "check the ID", an unknown one "not found"; anything else a
short help text. Lookups are limited per sender (against enumeration of IDs), in one budget per phone
number shared with WhatsApp's and Telegram's "status <ID>" (core.limits; Redis-backed across processes
when the app has Redis).

A notification that could not go by WhatsApp (outside its 24-hour window) arrives by SMS, so a
YES/NO (haan/nahi, جی/نہیں, 1/2) from a number with a resolved case waiting is taken as the verdict
on the newest one, whichever channel the case was filed on.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core import messages
from core.complaints import queries
from core.complaints.actions import citizen_verdict
from core.complaints.models import Citizen
from core.db import Database
from core.dialogue.clusters import progress_text
from core.dialogue.dates import show_date
from core.dialogue.once import run_once
from core.dialogue.outage import DATABASE_DOWN, can_spool, keep, queued_behind, run_to_outbox
from core.dialogue.status import SMS_NOTE, department_label, note_line, status_label
from core.dialogue.text import clean, is_urdu_script, key
from core.dialogue.types import Inbound, Reply
from core.dialogue.verdict import idle_answer
from core.dialogue.words import tracking_id_in
from core.errors import InvalidTrackingId, NotFound, TrackingIdTypo, TransitionError
from core.limits import LocalLimiter, RateLimiter, lookup_key
from core.spool import Spool

log = logging.getLogger("awaaz.lookup")
ROMAN_PREFIXES = ("halat", "haalat")


def lookup_language(text: str) -> str:
    if is_urdu_script(text):
        return "ur"
    return "roman_ur" if key(text).startswith(ROMAN_PREFIXES) else "en"


class StatusLookupService:
    def __init__(self, db: Database, *, max_lookups: int = 10, window: timedelta = timedelta(hours=1),
                 limiter: RateLimiter | None = None, spool: Spool | None = None):
        self.db, self.max_lookups, self.window = db, max_lookups, window
        self.limiter = limiter or LocalLimiter()
        self.spool = spool

    def handle(self, inbound: Inbound) -> list[Reply]:
        text = clean(inbound.text)
        language = lookup_language(text)
        try:
            if queued_behind(self.spool, inbound):
                return keep(self.spool, "lookup", inbound, language)
            return run_once(self.db, inbound, idle_minutes=24 * 60, turn=self._turn_for(inbound, text, language))
        except DATABASE_DOWN:
            if can_spool(self.spool, inbound):
                return keep(self.spool, "lookup", inbound, language)
            log.exception("status lookup failed for %s: database unreachable", inbound.sender)
        except Exception:
            log.exception("status lookup failed for %s", inbound.sender)
        return [Reply(messages.text("error_try_again", language), language=language)]

    def replay(self, inbound: Inbound) -> None:
        """A spooled lookup once the database is back: the answer goes to the outbox."""
        text = clean(inbound.text)
        run_to_outbox(self.db, inbound, 24 * 60, self._turn_for(inbound, text, lookup_language(text)))

    def _turn_for(self, inbound: Inbound, text: str, language: str):
        return lambda session, _loaded: (self._answer(session, text, language, inbound.sender), language)

    def _answer(self, session: Session, text: str, language: str, sender: str) -> list[Reply]:
        said = idle_answer(text)
        verdict = self._verdict(session, sender, said == "yes", language) if said else None
        if verdict:
            return [Reply(verdict, language=language)]
        id_text = tracking_id_in(text)
        if id_text is None:
            return [Reply(messages.text("sms_help", language), language=language)]
        if not self.limiter.hit(lookup_key("sms", sender), self.max_lookups, int(self.window.total_seconds())):
            return [Reply(messages.text("sms_rate_limited", language), language=language)]
        return [Reply(self._status(session, id_text, language), language=language)]

    def _verdict(self, session: Session, phone: str, satisfied: bool, language: str) -> str | None:
        """The answer to the newest resolution question sent to this number, if one is waiting."""
        # The number's own citizen, or a web citizen who left it for SMS updates.
        mine = or_(Citizen.address == phone, (Citizen.channel == "web") & (Citizen.phone == phone))
        for citizen_id in list(session.scalars(select(Citizen.id).where(mine))):
            waiting = queries.awaiting_verdict(session, citizen_id)
            if not waiting:
                continue
            tracking_id = waiting[0].tracking_id
            try:
                citizen_verdict(session, citizen_id, tracking_id, satisfied)
            except (TransitionError, NotFound):
                return None
            key = "sms_verdict_closed" if satisfied else "sms_verdict_reopened"
            return messages.text(key, language, tracking_id=tracking_id)
        return None

    def _status(self, session: Session, id_text: str, language: str) -> str:
        try:
            view = queries.track(session, id_text)
        except (TrackingIdTypo, InvalidTrackingId):
            return messages.text("sms_typo", language)
        except NotFound:
            return messages.text("sms_not_found", language, tracking_id=id_text.upper())
        return messages.text("sms_status", language, tracking_id=view.tracking_id,
                             status_label=status_label(view.status, language),
                             department=department_label(view, language),
                             updated=show_date(view.updated_at, language),
                             cluster_line=progress_text(session, view.tracking_id, language, short=True),
                             note_line=note_line(view, language, SMS_NOTE))

"""The one PTB handler: every update goes to core.dialogue, its Replies go back through the Bot API.

No ConversationHandler: the conversation state is in the database (core.dialogue), so any number of
app processes can serve one bot.
"""
from __future__ import annotations

import asyncio
import contextvars
import logging
from collections import OrderedDict
from collections.abc import Callable

from telegram import Update
from telegram.constants import MessageLimit
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bots.telegram.inbound import CHANNEL, callback_inbound, is_private, message_inbound
from bots.telegram.keyboards import reply_markup
from bots.telegram.media import voice_of
from core import messages
from core.dialogue.once import claim_resend, replies_not_sent
from core.dialogue.types import Inbound, Replayed, Reply
from core.voice.jobs import VoiceIn

log = logging.getLogger("awaaz.telegram")

# Set by the webhook route around one update, so that a failure can be answered with HTTP 500 (and
# Telegram retries the update) instead of being swallowed by PTB's error handling.
failure: contextvars.ContextVar[list | None] = contextvars.ContextVar("telegram_failure", default=None)


class RecentUpdates:
    """Update ids this process has fully handled: a re-delivery of one of them is ignored outright.

    Across processes (or after a failed attempt) the dialogue's own de-duplication still files nothing
    twice and returns the first replies, which are then sent (at least once).
    """

    def __init__(self, size: int = 10_000):
        self._ids: OrderedDict[int, None] = OrderedDict()
        self.size = size

    def seen(self, update_id: int) -> bool:
        return update_id in self._ids

    def add(self, update_id: int) -> None:
        self._ids[update_id] = None
        while len(self._ids) > self.size:
            self._ids.popitem(last=False)


def chunks(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Telegram refuses messages over 4096 characters: split at line ends where possible."""
    parts = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return parts + [text]


class MalformedUpdate(Exception):
    """An update whose fields do not have the Bot API's types (a text that is an object…): every
    delivery of it fails the same way, so it is acknowledged and logged, not retried."""


def read_update(build: Callable[[Update], Inbound | None], update: Update) -> Inbound | None:
    try:
        return build(update)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as exc:
        raise MalformedUpdate(f"update {update.update_id}: {type(exc).__name__}: {exc}") from exc


def user_language(update: Update) -> str:
    code = (update.effective_user.language_code or "") if update.effective_user else ""
    return "ur" if code.startswith("ur") else "en"


class UpdateHandler:
    """``handle`` is the dialogue's entry point (DialogueService.handle), called off the event loop."""

    def __init__(self, handle: Callable[[Inbound], list[Reply]], db=None,
                 voice: Callable[[VoiceIn, str], list[Reply]] | None = None):
        self.handle, self.db, self.voice = handle, db, voice  # db: where a claiming delivery's unsent replies are flagged
        self.recent = RecentUpdates()

    async def __call__(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not is_private(update) or self.recent.seen(update.update_id):
            return
        if update.callback_query:
            await self._on_press(update)
        elif update.message:
            await self._on_message(update)
        self.recent.add(update.update_id)

    async def _on_message(self, update: Update) -> None:
        note = voice_of(update) if self.voice is not None else None
        if note is not None:  # answered at once; the voice worker transcribes it later (issue 15)
            for reply in await asyncio.to_thread(self.voice, note, user_language(update)):
                await self._send(update, reply)
            return
        inbound = read_update(message_inbound, update)
        if inbound is None:
            await update.message.reply_text(messages.text("telegram_unsupported", user_language(update)))
            return
        await self._converse(update, inbound)

    async def _on_press(self, update: Update) -> None:
        query = update.callback_query
        try:
            await query.answer()  # stops the button's spinner
            # The keyboard has been used: take it off the message so it cannot be pressed twice.
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest as exc:  # a query too old to answer (a re-delivery), a message too old to edit
            log.info("could not answer the button press: %s", exc)
        inbound = read_update(callback_inbound, update)
        if inbound is not None:
            await self._converse(update, inbound)

    async def _converse(self, update: Update, inbound: Inbound) -> None:
        replies = await asyncio.to_thread(self.handle, inbound)
        if isinstance(replies, Replayed) and not await self._resend_claimed(inbound):
            # Another delivery of this update claimed it and sends the replies (20 deliveries at once: 1 send).
            log.info("update %s was already handled; its replies are not sent again", update.update_id)
            return
        try:
            for reply in replies:
                await self._send(update, reply)
        except (Forbidden, BadRequest) as exc:  # blocked bot, deleted chat: a retry cannot help
            log.warning("replies to chat %s not delivered: %s", update.effective_chat.id, exc)
        except Exception:  # the Bot API unreachable: the next delivery of this update sends them
            if self.db is not None and inbound.message_id:
                await asyncio.to_thread(replies_not_sent, self.db, CHANNEL, inbound.message_id)
            raise

    async def _resend_claimed(self, inbound: Inbound) -> bool:
        """True for the one repeated delivery that sends replies the claiming delivery could not send."""
        if self.db is None or not inbound.message_id:
            return False
        return await asyncio.to_thread(claim_resend, self.db, CHANNEL, inbound.message_id)

    @staticmethod
    async def _send(update: Update, reply: Reply) -> None:
        """One reply; a long text goes out in parts, the keyboard with the last part."""
        if not reply.text:
            return
        parts = chunks(reply.text)
        for n, part in enumerate(parts, start=1):
            markup = reply_markup(reply) if n == len(parts) else None
            await update.get_bot().send_message(update.effective_chat.id, part, reply_markup=markup)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    if isinstance(context.error, MalformedUpdate):  # HTTP 200: Telegram must not deliver it again for ever
        log.error("telegram update can never be processed; acknowledged and dropped: %s", context.error)
        return
    log.error("telegram update failed; Telegram will deliver it again", exc_info=context.error)
    sink = failure.get()
    if sink is not None:
        sink.append(context.error)

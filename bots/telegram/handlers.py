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
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bots.telegram.inbound import callback_inbound, is_private, message_inbound
from bots.telegram.keyboards import reply_markup
from core import messages
from core.dialogue.types import Inbound, Reply

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


def user_language(update: Update) -> str:
    code = (update.effective_user.language_code or "") if update.effective_user else ""
    return "ur" if code.startswith("ur") else "en"


class UpdateHandler:
    """``handle`` is the dialogue's entry point (DialogueService.handle), called off the event loop."""

    def __init__(self, handle: Callable[[Inbound], list[Reply]]):
        self.handle = handle
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
        inbound = message_inbound(update)
        if inbound is None:
            await update.message.reply_text(messages.text("telegram_unsupported", user_language(update)))
            return
        await self._converse(update, inbound)

    async def _on_press(self, update: Update) -> None:
        query = update.callback_query
        await query.answer()
        try:  # the keyboard has been used: take it off the message so it cannot be pressed twice
            await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest as exc:  # already edited, or the message is too old to edit
            log.info("could not remove keyboard: %s", exc)
        inbound = callback_inbound(update)
        if inbound is not None:
            await self._converse(update, inbound)

    async def _converse(self, update: Update, inbound: Inbound) -> None:
        replies = await asyncio.to_thread(self.handle, inbound)
        for reply in replies:
            if reply.text:
                await update.get_bot().send_message(update.effective_chat.id, reply.text,
                                                    reply_markup=reply_markup(reply))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("telegram update failed", exc_info=context.error)
    sink = failure.get()
    if sink is not None:
        sink.append(context.error)

"""Outbound notifications on Telegram (core.ports.SenderPort), called from the outbox worker thread.

The worker is synchronous; PTB is asyncio. The sender keeps one Bot on a private event loop in its own
thread, so the Bot's HTTP connection pool is created and used on one loop only.
"""
from __future__ import annotations

import asyncio
import threading

from telegram import Bot
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError

from bots.telegram.keyboards import choices_keyboard
from core.ports import OutboundMessage, SendError

SEND_TIMEOUT_SECONDS = 30


class TelegramSender:
    channel = "telegram"

    def __init__(self, token: str, base_url: str):
        self.bot = Bot(token, base_url=base_url)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._loop.run_forever, name="awaaz-telegram-sender", daemon=True).start()
            return self._loop

    def send(self, message: OutboundMessage) -> str:
        future = asyncio.run_coroutine_threadsafe(self._send(message), self._running_loop())
        return future.result(timeout=SEND_TIMEOUT_SECONDS)

    async def _send(self, message: OutboundMessage) -> str:
        markup = choices_keyboard(message.question, message.choices) if message.choices else None
        if not message.address.lstrip("-").isdigit():
            raise SendError(f"not a Telegram chat id: {message.address!r}", retryable=False)
        try:
            await self.bot.initialize()  # once, lazily, on this loop (a no-op afterwards)
            sent = await self.bot.send_message(int(message.address), message.text, reply_markup=markup)
        except RetryAfter as exc:
            raise SendError(f"rate limited by Telegram: {exc}", retryable=True) from exc
        except (Forbidden, InvalidToken, BadRequest) as exc:  # blocked bot, bad token, unknown chat
            raise SendError(f"Telegram refused: {exc}", retryable=False) from exc
        except TelegramError as exc:  # network errors and timeouts
            raise SendError(f"Telegram unreachable: {exc}", retryable=True) from exc
        return str(sent.message_id)

    async def stop(self, _container=None) -> None:
        """Shutdown hook of the app lifespan."""
        await asyncio.to_thread(self.close)

    def close(self) -> None:
        with self._lock:
            loop, self._loop = self._loop, None
        if loop is not None:
            asyncio.run_coroutine_threadsafe(self.bot.shutdown(), loop).result(timeout=SEND_TIMEOUT_SECONDS)
            loop.call_soon_threadsafe(loop.stop)

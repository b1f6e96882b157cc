"""The PTB Application (webhook mode without an updater, or polling for local use), the webhook route
and the start/stop hooks the FastAPI lifespan runs."""
from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from telegram import Update
from telegram.ext import Application, TypeHandler

from bots.telegram.handlers import UpdateHandler, failure, on_error
from core.dialogue.types import Inbound, Reply

log = logging.getLogger("awaaz.telegram")
WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramBot:
    """One PTB Application per app process; ``polling`` adds PTB's Updater (no public URL needed)."""

    def __init__(self, token: str, base_url: str, handle: Callable[[Inbound], list[Reply]], *,
                 polling: bool = False, webhook_secret: str = "", webhook_url: str = "", db=None, voice=None):
        builder = Application.builder().token(token).base_url(base_url).concurrent_updates(True)
        if not polling:
            builder = builder.updater(None)
        self.application = builder.build()
        self.application.add_handler(TypeHandler(Update, UpdateHandler(handle, db, voice)))
        self.application.add_error_handler(on_error)
        self.polling, self.webhook_secret, self.webhook_url = polling, webhook_secret, webhook_url
        self._init_lock = asyncio.Lock()

    async def ensure_initialized(self) -> bool:
        """Initialise (getMe) once; False while the Bot API is unreachable, so a later call retries."""
        async with self._init_lock:
            if self.application._initialized:  # noqa: SLF001 - PTB exposes no public flag
                return True
            try:
                await self.application.initialize()
            except Exception as exc:  # the service must start even when Telegram is unreachable
                log.error("Telegram Bot API not reachable: %s", exc)
                return False
            return True

    async def start(self, _container=None) -> None:
        if not await self.ensure_initialized():
            return
        if self.polling:
            await self.application.updater.start_polling(allowed_updates=["message", "callback_query"])
            await self.application.start()
            log.info("Telegram polling started")
        elif self.webhook_url:
            await self.application.bot.set_webhook(self.webhook_url, secret_token=self.webhook_secret or None,
                                                   allowed_updates=["message", "callback_query"])
            log.info("Telegram webhook set to %s", self.webhook_url)

    async def stop(self, _container=None) -> None:
        if not self.application._initialized:  # noqa: SLF001
            return
        if self.polling and self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    def secret_ok(self, given: str | None) -> bool:
        # No configured secret means no webhook can be trusted: everything is refused.
        return bool(self.webhook_secret) and hmac.compare_digest((given or "").encode(), self.webhook_secret.encode())

    async def process(self, data: object) -> Response:
        """Handle one webhook body; 500 on failure so that Telegram delivers the update again."""
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception:  # valid JSON, but no update: a re-delivery would fail the same way
            log.error("webhook body is not a Telegram update; acknowledged and dropped", exc_info=True)
            return JSONResponse({"detail": "not a Telegram update; ignored"}, status_code=200)
        if update is None:
            log.error("webhook body is empty; acknowledged and dropped")
            return JSONResponse({"detail": "not a Telegram update; ignored"}, status_code=200)
        if not await self.ensure_initialized():
            return JSONResponse({"detail": "Telegram Bot API unreachable, retry later"}, status_code=503)
        errors: list = []
        token = failure.set(errors)
        try:
            await self.application.process_update(update)
        finally:
            failure.reset(token)
        if errors:
            return JSONResponse({"detail": "update not processed, retry later"}, status_code=500)
        return Response(status_code=200)


def webhook_router(bot: TelegramBot) -> APIRouter:
    router = APIRouter(tags=["telegram"])

    @router.post(WEBHOOK_PATH, summary="Telegram Bot API webhook (secret token checked)")
    async def telegram_webhook(request: Request) -> Response:
        if not bot.secret_ok(request.headers.get(SECRET_HEADER)):
            return JSONResponse({"detail": "wrong or missing secret token"}, status_code=403)
        try:
            data = await request.json()
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
            return JSONResponse({"detail": "body is not JSON that can be read"}, status_code=400)
        if not isinstance(data, dict):
            return JSONResponse({"detail": "body is not a JSON object"}, status_code=400)
        return await bot.process(data)

    return router


def install(app, settings, handle: Callable[[Inbound], list[Reply]], hooks: dict, sender=None,
            db=None, voice=None) -> TelegramBot | None:
    """Add the webhook route and the start/stop hooks when a bot token is configured."""
    if sender is not None:
        hooks.setdefault("shutdown", []).append(sender.stop)
    if not settings.telegram_bot_token:
        return None
    polling = settings.telegram_mode == "polling"
    bot = TelegramBot(settings.telegram_bot_token, settings.telegram_api_base_url, handle, polling=polling,
                      webhook_secret=settings.telegram_webhook_secret,
                      webhook_url=settings.telegram_webhook_url if not polling else "", db=db, voice=voice)
    app.include_router(webhook_router(bot))
    hooks.setdefault("startup", []).append(bot.start)
    hooks.setdefault("shutdown", []).append(bot.stop)
    return bot

"""Wiring of the adapters: the NLU client, the channel senders, and the routes of channels and UIs.

Adding a channel means one line here (its routes) and one in build_senders (its outbound sender).
"""
from __future__ import annotations

from fastapi import FastAPI

from api.container import Container
from api.settings import Settings


def build_nlu(settings: Settings):
    if not settings.nlu_enabled:
        return None
    from nlu.client import RasaNluClient

    return RasaNluClient(settings.rasa_url, settings.rasa_token)


def build_senders(settings: Settings) -> dict:
    """Outbound senders per channel, for those whose credentials are configured."""
    senders: dict = {}
    if settings.telegram_bot_token:
        from bots.telegram.sender import TelegramSender

        senders["telegram"] = TelegramSender(settings.telegram_bot_token, settings.telegram_api_base_url)
    return senders


def dialogue_for(container: Container):
    """The app's one DialogueService, built on first use (every channel calls the same one)."""
    if "dialogue" not in container.extras:
        from core.dialogue.service import DialogueService

        settings = container.settings
        container.extras["dialogue"] = DialogueService(
            container.db, container.nlu, confidence_threshold=settings.nlu_confidence_threshold,
            idle_minutes=settings.conversation_idle_minutes)
    return container.extras["dialogue"]


def install_adapters(app: FastAPI, container: Container) -> None:
    """Routes of channel adapters (webhooks), the web chat and the dashboard."""
    from api.dashboard import install as install_dashboard

    install_dashboard(app, container)
    from api.webchat.routes import install as install_webchat
    from bots.telegram.app import install as install_telegram

    install_telegram(app, container.settings, lambda inbound: dialogue_for(container).handle(inbound), container.extras,
                     sender=container.senders.get("telegram"))
    install_webchat(app)

"""Wiring of the adapters: the NLU client, the channel senders, and the routes of channels and UIs.

Adding a channel means one line here (its routes) and one in build_senders (its outbound sender).
"""
from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI

from api.container import Container
from api.settings import Settings
from api.voice import voice_for
from core.dialogue.types import Inbound, Reply


def build_nlu(settings: Settings):
    if not settings.nlu_enabled:
        return None
    from nlu.client import RasaNluClient

    return RasaNluClient(settings.rasa_url, settings.rasa_token, timeout=settings.nlu_timeout_seconds)


def build_senders(settings: Settings, db=None) -> dict:
    """Outbound senders per channel, for those whose credentials are configured."""
    senders: dict = {}
    senders.update(_twilio_senders(settings, db))
    if settings.telegram_bot_token:
        from bots.telegram.sender import TelegramSender

        senders["telegram"] = TelegramSender(settings.telegram_bot_token, settings.telegram_api_base_url)
    return senders


def _twilio_senders(settings: Settings, db) -> dict:
    """SMS and WhatsApp through one twilio Client; WhatsApp falls back to SMS outside its 24-hour window."""
    if not (settings.twilio_account_sid and settings.twilio_auth_token):
        return {}
    from bots.twilio_common.client import TwilioMessages

    messages = TwilioMessages(settings.twilio_account_sid, settings.twilio_auth_token,
                              api_base_url=settings.twilio_api_base_url)
    senders: dict = {}
    if settings.twilio_sms_from:
        from bots.sms.sender import SmsSender

        senders["sms"] = SmsSender(messages, settings.twilio_sms_from)
    if settings.twilio_whatsapp_from and db is not None:
        from bots.whatsapp.sender import WhatsAppSender
        from core.dialogue.store import last_seen_on

        senders["whatsapp"] = WhatsAppSender(messages, settings.twilio_whatsapp_from, last_seen_on(db, "whatsapp"),
                                             template_sid=settings.twilio_whatsapp_template_sid,
                                             fallback=senders.get("sms"))
    return senders


def _install_twilio(app: FastAPI, container: Container) -> None:
    from bots.sms.routes import install as install_sms
    from bots.twilio_common.signature import SignatureCheck
    from bots.whatsapp.routes import install as install_whatsapp

    settings = container.settings
    check = SignatureCheck(settings.twilio_auth_token, settings.public_base_url, settings.twilio_validate_signatures)
    voice = voice_for(container)
    install_whatsapp(app, check, lambda inbound: dialogue_for(container).handle(inbound), voice)
    container.extras["lookup"] = install_sms(app, container.db, check, lambda: dialogue_for(container),
                                             max_lookups=settings.sms_lookups_per_hour,
                                             limiter=container.extras.get("limiter"), spool=spool_of(container),
                                             voice=voice)


def converse_for(container: Container) -> Callable[[Inbound], list[Reply]]:
    """The dialogue's entry point for what a citizen types or presses (Telegram, web chat), built once;
    while their voice note is transcribed, "listening…" instead (Twilio's webhook does the same for
    WhatsApp and SMS)."""
    if "converse" not in container.extras:
        from core.voice.service import texts_wait_for_voice

        def handle(inbound: Inbound) -> list[Reply]:
            return dialogue_for(container).handle(inbound)

        voice = voice_for(container)
        container.extras["converse"] = texts_wait_for_voice(voice, handle) if voice is not None else handle
    return container.extras["converse"]


def dialogue_for(container: Container):
    """The app's one DialogueService, built on first use (every channel calls the same one)."""
    if "dialogue" not in container.extras:
        from core.dialogue.service import DialogueService

        settings = container.settings
        container.extras["dialogue"] = DialogueService(
            container.db, container.nlu, confidence_threshold=settings.nlu_confidence_threshold,
            high_confidence_threshold=settings.nlu_high_confidence_threshold,
            idle_minutes=settings.conversation_idle_minutes, limiter=container.extras.get("limiter"),
            lookups_per_hour=settings.sms_lookups_per_hour, spool=spool_of(container))
    return container.extras["dialogue"]


def spool_of(container: Container):
    """Where WhatsApp/SMS messages wait while the database is unreachable (None: SPOOL_DIR empty)."""
    if "spool" not in container.extras:
        from core.spool import Spool

        directory = container.settings.spool_dir
        container.extras["spool"] = Spool(directory) if directory else None
    return container.extras["spool"]


def replay_spool(container: Container) -> int:
    """One pass over the spool (called by the app's replay thread); 0 when there is nothing to do."""
    spool = spool_of(container)
    if spool is None or not len(spool):
        return 0
    from core.dialogue.outage import replay_once

    handlers = {"dialogue": dialogue_for(container).replay}
    if "lookup" in container.extras:
        handlers["lookup"] = container.extras["lookup"].replay
    return replay_once(spool, handlers)


def install_adapters(app: FastAPI, container: Container) -> None:
    """Routes of channel adapters (webhooks), the web chat and the dashboard."""
    from api.dashboard import install as install_dashboard

    install_dashboard(app, container)
    from api.webchat.routes import install as install_webchat
    from bots.telegram.app import install as install_telegram

    voice = voice_for(container)
    install_telegram(app, container.settings, converse_for(container), container.extras,
                     sender=container.senders.get("telegram"), db=container.db,
                     voice=voice.accept if voice is not None else None)
    install_webchat(app)
    from api.transparency import install as install_transparency

    install_transparency(app, container)
    _install_twilio(app, container)

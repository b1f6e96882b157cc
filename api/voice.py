"""Wiring of voice notes (issue 15): the service the webhooks call, the channel media fetchers, the
transcriber (faster-whisper on the packaged or configured model) and the voice worker."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from api.container import Container

log = logging.getLogger("awaaz.voice")


def voice_for(container: Container):
    """The VoiceService, or None when VOICE_ENABLED is false (voice notes then reach the dialogue as media)."""
    if not container.settings.voice_enabled:
        return None
    if "voice" not in container.extras:
        from core.voice.service import VoiceService

        container.extras["voice"] = VoiceService(container.db)
    return container.extras["voice"]


def media_fetchers(container: Container) -> dict:
    settings, fetchers = container.settings, {}
    if settings.twilio_account_sid and settings.twilio_auth_token:
        from bots.twilio_common.media import TwilioMedia

        for channel in ("whatsapp", "sms"):  # one account, one media host, for both Twilio channels
            fetchers[channel] = TwilioMedia(channel, settings.twilio_account_sid, settings.twilio_auth_token,
                                            hosts=settings.twilio_media_hosts,
                                            timeout=settings.media_fetch_timeout_seconds)
    if settings.telegram_bot_token:
        from bots.telegram.media import TelegramMedia

        fetchers["telegram"] = TelegramMedia(settings.telegram_bot_token, settings.telegram_api_base_url,
                                             timeout=settings.media_fetch_timeout_seconds)
    return fetchers


def transcriber_for(container: Container):
    """One transcriber per app (the model is loaded on its first voice note); tests may put their own."""
    if "transcriber" not in container.extras:
        from nlu.asr.model import model_dir
        from nlu.asr.whisper import WhisperTranscriber

        settings = container.settings
        container.extras["transcriber"] = WhisperTranscriber(
            model_dir(settings.asr_model_dir, Path(settings.asr_cache_dir)), max_seconds=settings.voice_max_seconds,
            max_bytes=settings.voice_max_bytes, threads=settings.asr_threads)
    return container.extras["transcriber"]


def voice_worker_for(container: Container):
    if "voice_worker" not in container.extras:
        from api.adapters import dialogue_for
        from core.voice.worker import VoiceWorker

        container.extras["voice_worker"] = VoiceWorker(
            container.db, transcriber_for(container), media_fetchers(container), dialogue_for(container),
            max_bytes=container.settings.voice_max_bytes, max_seconds=container.settings.voice_max_seconds)
    return container.extras["voice_worker"]


def start_voice_worker(container: Container, stop: threading.Event) -> threading.Thread | None:
    if not container.settings.voice_enabled:
        return None
    def run() -> None:
        try:
            worker = voice_worker_for(container)
        except Exception:  # e.g. ASR_MODEL_DIR wrong: the app still serves; voice notes wait in the table
            log.exception("VOICE WORKER NOT STARTED: voice notes are accepted but not transcribed")
            return
        worker.run(stop)

    thread = threading.Thread(target=run, name="awaaz-voice", daemon=True)
    thread.start()
    return thread

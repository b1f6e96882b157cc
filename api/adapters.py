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
    return senders


def install_adapters(app: FastAPI, container: Container) -> None:
    """Routes of channel adapters (webhooks), the web chat and the dashboard."""

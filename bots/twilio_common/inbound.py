"""A Twilio messaging webhook's form fields -> core.dialogue Inbound."""
from __future__ import annotations

import math
import re

from starlette.datastructures import FormData

from core.dialogue.types import Inbound, Location

MAX_MEDIA = 10  # Twilio sends at most 10 attachments per message
WHATSAPP_PREFIX = "whatsapp:"


E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def sender_address(raw_from: str) -> str:
    """E.164 number without the channel prefix ("whatsapp:+923001234567" -> "+923001234567").

    A "+" posted form-encoded without escaping arrives as a space (" 923001234567"): the digits of a
    whole international number get their "+" back, so the citizen is the same one either way.
    """
    address = raw_from.replace("\x00", "").strip().removeprefix(WHATSAPP_PREFIX).strip()
    if address.isdigit() and 8 <= len(address) <= 15 and not address.startswith("0"):
        return "+" + address
    return address


def is_phone_number(address: str) -> bool:
    """WhatsApp senders are always E.164 numbers; anything else is not a WhatsApp message."""
    return bool(E164.match(address))


def _location(form: FormData) -> Location | None:
    try:
        latitude, longitude = float(form.get("Latitude", "")), float(form.get("Longitude", ""))
    except ValueError:
        return None
    if not (math.isfinite(latitude) and math.isfinite(longitude)
            and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Location(latitude, longitude, str(form.get("Address", ""))[:500])


def _media(form: FormData) -> tuple[str, ...]:
    try:
        count = min(int(form.get("NumMedia", "0") or 0), MAX_MEDIA)
    except ValueError:
        count = 0
    urls = (form.get(f"MediaUrl{i}") for i in range(max(count, 0)))
    return tuple(str(url) for url in urls if url)


def inbound_from_form(form: FormData, channel: str) -> Inbound | None:
    """None when the form has no sender (not a message webhook)."""
    sender = sender_address(str(form.get("From", "")))
    if not sender:
        return None
    return Inbound(channel=channel, sender=sender[:120], text=str(form.get("Body", "")), media=_media(form),
                   location=_location(form), message_id=str(form.get("MessageSid", ""))[:120],
                   display_name=str(form.get("ProfileName", ""))[:120])

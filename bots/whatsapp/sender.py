"""Notifications on WhatsApp. Free-form text is allowed only within 24 hours of the citizen's last
message; after that the configured Content template is used (ContentSid, ContentVariables {"1": text}),
or, when none is configured, the message goes by SMS to the same number."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from bots.twilio_common.client import TwilioMessages
from bots.twilio_common.inbound import WHATSAPP_PREFIX
from bots.twilio_common.render import numbered
from core.db import utcnow
from core.ports import OutboundMessage, SenderPort, SendError

SESSION_WINDOW = timedelta(hours=24)
_TEMPLATE_UNSAFE = re.compile(r"[\n\t]+| {4,}")  # WhatsApp template variables allow neither


class WhatsAppSender:
    channel = "whatsapp"

    def __init__(self, messages: TwilioMessages, from_address: str, last_seen: Callable[[str], datetime | None],
                 *, template_sid: str = "", fallback: SenderPort | None = None):
        self.messages, self.last_seen = messages, last_seen
        self.from_address = from_address if from_address.startswith(WHATSAPP_PREFIX) else WHATSAPP_PREFIX + from_address
        self.template_sid, self.fallback = template_sid, fallback

    def in_window(self, address: str) -> bool:
        seen = self.last_seen(address)
        return seen is not None and utcnow() - seen < SESSION_WINDOW

    def send(self, message: OutboundMessage) -> str:
        to = WHATSAPP_PREFIX + message.address
        text = numbered(message.text, [label for _, label in message.choices])
        if self.in_window(message.address):
            return self.messages.create(from_=self.from_address, to=to, body=text)
        if self.template_sid:
            variables = {"1": _TEMPLATE_UNSAFE.sub(" ", text)}
            return self.messages.create(from_=self.from_address, to=to, content_sid=self.template_sid,
                                        content_variables=json.dumps(variables, ensure_ascii=False))
        if self.fallback is not None:
            return self.fallback.send(message)
        raise SendError("outside WhatsApp's 24-hour window and no template or SMS sender configured",
                        retryable=False)

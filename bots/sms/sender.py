"""Notifications by SMS (outbox channel "sms", and WhatsApp's fallback): plain text, choices numbered."""
from __future__ import annotations

from bots.twilio_common.client import TwilioMessages
from bots.twilio_common.render import numbered
from core.ports import OutboundMessage


def sms_text(message: OutboundMessage) -> str:
    return numbered(message.text, [label for _, label in message.choices])


class SmsSender:
    channel = "sms"

    def __init__(self, messages: TwilioMessages, from_number: str):
        self.messages, self.from_number = messages, from_number

    def send(self, message: OutboundMessage) -> str:
        return self.messages.create(from_=self.from_number, to=message.address, body=sms_text(message))

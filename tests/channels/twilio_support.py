"""Helpers for the Twilio channel tests: real signatures from twilio's RequestValidator, TwiML read
back into message bodies, and a twilio HttpClient that records requests instead of sending them."""
from __future__ import annotations

import itertools
import json
import logging
import xml.etree.ElementTree as ET

from twilio.http import HttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator

TOKEN = "test-token"  # the settings fixture's twilio_auth_token
PUBLIC_BASE = "http://testserver"  # the settings fixture's public_base_url
CITIZEN = "+923001234567"
_sids = itertools.count(1)


def signature(path: str, form: dict, token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(PUBLIC_BASE + path, form)


def whatsapp_form(body: str = "", sender: str = CITIZEN, sid: str | None = None, **extra) -> dict:
    form = {"From": f"whatsapp:{sender}", "To": "whatsapp:+14155238886", "Body": body,
            "MessageSid": sid or f"SM{next(_sids):032d}", "NumMedia": "0", "ProfileName": "Ayesha",
            "AccountSid": "AC" + "0" * 32}
    form.update(extra)
    return form


def sms_form(body: str = "", sender: str = CITIZEN, sid: str | None = None, **extra) -> dict:
    form = {"From": sender, "To": "+15005550006", "Body": body, "MessageSid": sid or f"SM{next(_sids):032d}",
            "NumMedia": "0", "AccountSid": "AC" + "0" * 32}
    form.update(extra)
    return form


def post_signed(client, path: str, form: dict, token: str = TOKEN):
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature(path, form, token)})


def bodies(twiml: str) -> list[str]:
    root = ET.fromstring(twiml)
    assert root.tag == "Response"
    return [(m.text or "") for m in root.iter("Message")]


class WhatsAppChat:
    """One citizen on WhatsApp talking to the app through signed webhooks."""

    path, form = "/webhooks/whatsapp", staticmethod(whatsapp_form)

    def __init__(self, client, sender: str = CITIZEN):
        self.client, self.sender, self.messages = client, sender, []

    def send(self, body: str = "", **extra) -> str:
        response = post_signed(self.client, self.path, self.form(body, self.sender, **extra))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/xml")
        self.messages = bodies(response.text)
        return self.text

    @property
    def text(self) -> str:
        return "\n".join(self.messages)

    def option(self, label_part: str) -> str:
        """The number shown for the choice whose label contains ``label_part``."""
        for line in self.text.splitlines():
            number, _, label = line.partition(". ")
            if number.isdigit() and label_part in label:
                return number
        raise AssertionError(f"no numbered choice with {label_part!r} in {self.text!r}")


class SmsChat(WhatsAppChat):
    """The same citizen by SMS (plain numbers, no channel prefix)."""

    path, form = "/webhooks/sms", staticmethod(sms_form)


class RecordingHttpClient(HttpClient):
    """twilio's HttpClient interface: records every request and answers like Twilio's Messages API."""

    def __init__(self, status: int = 201, error_code: int | None = None):
        super().__init__(logging.getLogger("recording-twilio"), is_async=False)
        self.requests, self.status, self.error_code = [], status, error_code

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, timeout=None,
                allow_redirects=False):
        self.requests.append({"method": method, "uri": uri, "data": dict(data or {}), "auth": auth})
        if self.status >= 400:
            body = {"code": self.error_code or 20500, "message": "refused by the recording client",
                    "status": self.status}
            return Response(self.status, json.dumps(body))
        sid = f"SM{next(_sids):032d}"
        return Response(self.status, json.dumps({"sid": sid, "status": "queued", "to": (data or {}).get("To")}))

"""Sending through Twilio's REST API with twilio's own ``Client`` (its API host configurable, for a
fake on loopback in tests), with Twilio's errors turned into the core's SendError."""
from __future__ import annotations

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http import HttpClient
from twilio.rest import Client

from core.ports import SendError

# Twilio error codes that retrying cannot fix: invalid/unreachable 'To', the recipient opted out
# (STOP), not a WhatsApp user, message body invalid.
PERMANENT_CODES = {21211, 21408, 21610, 21612, 21614, 63003, 63024}


class TwilioMessages:
    def __init__(self, account_sid: str, auth_token: str, *, api_base_url: str = "",
                 http_client: HttpClient | None = None):
        self.client = Client(account_sid, auth_token, http_client=http_client)
        if api_base_url:
            self.client.api.base_url = api_base_url.rstrip("/")

    def create(self, **fields) -> str:
        """Create one message; returns its SID. Raises SendError (retryable unless Twilio says it is final)."""
        try:
            return self.client.api.v2010.account.messages.create(**fields).sid
        except TwilioRestException as exc:
            retryable = exc.status >= 500 or exc.status == 429 or exc.code not in PERMANENT_CODES
            raise SendError(f"Twilio {exc.status} error {exc.code}: {exc.msg}", retryable=retryable) from exc
        except TwilioException as exc:
            raise SendError(f"Twilio: {exc}") from exc
        except OSError as exc:  # connection refused, timeouts (requests' errors are OSErrors)
            raise SendError(f"Twilio unreachable: {type(exc).__name__}: {exc}") from exc

"""Twilio webhook authentication: ``X-Twilio-Signature`` checked with twilio's RequestValidator over
PUBLIC_BASE_URL + the request path (+ query) and every form field.

Validation can only be turned off by the explicit development setting
``TWILIO_VALIDATE_SIGNATURES=false``, and every unchecked request is then logged as a warning.
"""
from __future__ import annotations

import logging

from starlette.datastructures import FormData
from starlette.requests import Request
from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)

log = logging.getLogger("awaaz.twilio")


def public_url(public_base_url: str, request: Request) -> str:
    """The URL Twilio called, as configured publicly (the app may sit behind a proxy or tunnel)."""
    url = public_base_url.rstrip("/") + request.url.path
    return f"{url}?{request.url.query}" if request.url.query else url


class SignatureCheck:
    def __init__(self, auth_token: str, public_base_url: str, enabled: bool = True):
        self.validator = RequestValidator(auth_token) if auth_token else None
        self.public_base_url, self.enabled = public_base_url, enabled
        if not enabled:
            log.warning("TWILIO SIGNATURE VALIDATION IS OFF (twilio_validate_signatures=false): "
                        "anyone can post to the WhatsApp/SMS webhooks. Development only.")
        elif self.validator is None:
            log.warning("TWILIO_AUTH_TOKEN is not set: the WhatsApp/SMS webhooks refuse every request (403)")

    def ok(self, request: Request, form: FormData) -> bool:
        if not self.enabled:
            log.warning("unchecked Twilio webhook %s (signature validation is off)", request.url.path)
            return True
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature or self.validator is None:
            return False
        algorithm = get_signature_algorithm(request.headers.get(SIGNATURE_SETTINGS_HEADER))
        return self.validator.validate(public_url(self.public_base_url, request), form, signature, algorithm)

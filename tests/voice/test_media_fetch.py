"""Downloading Twilio media: the account's credentials go to Twilio's host only, redirects only to the
allowed hosts, a size cap while reading, and clear failures (against the fake Twilio media host)."""
from __future__ import annotations

import pytest

from bots.telegram.media import file_base_url
from bots.twilio_common.media import TwilioMedia
from core.ports import AudioRejected, MediaError
from tests.fixtures.fake_twilio_media import ACCOUNT_SID, AUTH_TOKEN

AUDIO = b"OggS" + bytes(5000)


def media(hosts: str = "", token: str = AUTH_TOKEN) -> TwilioMedia:
    return TwilioMedia("whatsapp", ACCOUNT_SID, token, hosts=hosts, timeout=5)


def test_redirect_to_an_allowed_cdn_host_is_followed_without_the_credentials(fake_twilio_media):
    url = fake_twilio_media.add("ME10", AUDIO)
    cdn = fake_twilio_media.base_url.replace("127.0.0.1", "localhost") + "/cdn/ME10"
    fake_twilio_media.redirects["ME10"] = cdn
    fetched = media(hosts="localhost").fetch(url, 10_000)
    assert fetched.data == AUDIO and fetched.content_type == "audio/ogg"
    assert fake_twilio_media.requests == [(url[url.index("/2010"):], f"{ACCOUNT_SID}:{AUTH_TOKEN}"),
                                          ("/cdn/ME10", None)]


def test_redirect_to_another_host_is_refused(fake_twilio_media):
    url = fake_twilio_media.add("ME11", AUDIO)
    fake_twilio_media.redirects["ME11"] = fake_twilio_media.base_url.replace("127.0.0.1", "localhost") + "/cdn/ME11"
    with pytest.raises(MediaError) as caught:
        media().fetch(url, 10_000)
    assert not caught.value.retryable and "localhost" in str(caught.value)
    assert len(fake_twilio_media.requests) == 1


def test_wrong_credentials_are_a_permanent_failure(fake_twilio_media):
    with pytest.raises(MediaError) as caught:
        media(token="wrong").fetch(fake_twilio_media.add("ME12", AUDIO), 10_000)
    assert not caught.value.retryable and "401" in str(caught.value)


def test_media_over_the_size_limit_is_rejected(fake_twilio_media):
    with pytest.raises(AudioRejected) as caught:
        media().fetch(fake_twilio_media.add("ME13", AUDIO), 1000)
    assert caught.value.kind == "too_large"


def test_unreachable_host_is_retried_later():
    with pytest.raises(MediaError) as caught:
        media().fetch("http://127.0.0.1:9/2010-04-01/Accounts/x/Messages/y/Media/z", 1000)
    assert caught.value.retryable


@pytest.mark.parametrize("base, files", [("https://api.telegram.org/bot", "https://api.telegram.org/file/bot"),
                                         ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot")])
def test_telegram_file_url_sits_beside_the_bot_api_url(base, files):
    assert file_base_url(base) == files

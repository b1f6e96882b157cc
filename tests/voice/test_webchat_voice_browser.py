"""The web chat's voice note in a real browser (Debian Chromium, Playwright): Chromium's fake microphone
plays an espeak-ng recording, the page records it with MediaRecorder and uploads it; and an audio file
picked with the file input. The voice worker runs in the test; the page's poll shows "I heard: …"."""
from __future__ import annotations

import subprocess
import wave

import pytest
from playwright.sync_api import expect

from api.app import create_app
from api.voice import voice_worker_for
from tests.fixtures.live import CHROMIUM, CHROMIUM_ARGS, start_live_server
from tests.fixtures.voice import speak

pytestmark = pytest.mark.browser
COMPLAINT = "The garbage has not been collected from our street for a week"
CONTENT_WORDS = ("garbage", "collected", "street", "week")


@pytest.fixture
def voice_server(db, settings, transcriber):
    app = create_app(settings, db=db, run_worker=False)
    app.state.container.extras["transcriber"] = transcriber
    live, stop = start_live_server(app)
    yield live
    stop()


@pytest.fixture
def microphone_page(browser, tmp_path):
    """A page whose microphone (granted without asking) plays the spoken complaint, and the clip's length."""
    wav = tmp_path / "complaint.wav"
    subprocess.run(["espeak-ng", "-v", "en", "-s", "150", "-w", str(wav), COMPLAINT], check=True)
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}"])
    page = chromium.new_page(viewport={"width": 412, "height": 860})
    with wave.open(str(wav)) as clip:
        clip_ms = int(1000 * clip.getnframes() / clip.getframerate())
    yield page, clip_ms
    chromium.close()


def heard(page, server) -> None:
    expect(page.locator(".msg.bot p").last).to_contain_text("Listening to your voice note")
    assert voice_worker_for(server.app.state.container).process_once() is True
    expect(page.locator(".msg.bot p").last).to_contain_text("I heard:", timeout=15_000)  # the page's poll
    text = page.locator(".msg.bot p").last.inner_text().lower()
    # The fake microphone loops the clip from wherever recording starts, and Whisper base on espeak's
    # voice mishears a word now and then ("garbage" as "damage", "collected" as "neglected"): most of
    # the citizen's words must come through, not every one.
    assert sum(word in text for word in CONTENT_WORDS) >= 3, text
    expect(page.locator(".msg.bot").last.get_by_role("button", name="Local Government and Municipal Services",
                                                     exact=True)).to_be_visible()


def test_recorded_voice_note_is_heard(microphone_page, voice_server):
    page, clip_ms = microphone_page
    page.goto(voice_server.url + "/")
    record = page.locator("#record")
    expect(record).to_be_visible()
    record.click()
    expect(record).to_have_class("recording")
    # Twice the clip's length, so one whole telling of the complaint is inside the recording wherever
    # the looping fake microphone happened to be: a recording takes its own time.
    page.wait_for_timeout(2 * clip_ms + 300)
    record.click()
    heard(page, voice_server)


def test_picked_audio_file_is_heard(page, voice_server):
    page.goto(voice_server.url + "/")
    page.locator("#voice-file").set_input_files(files=[{"name": "complaint.ogg", "mimeType": "audio/ogg",
                                                        "buffer": speak(COMPLAINT)}])
    heard(page, voice_server)

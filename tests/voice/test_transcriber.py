"""The real transcriber (faster-whisper + the packaged base model) on speech espeak-ng makes here."""
from __future__ import annotations

import pytest

from core.ports import AudioRejected
from nlu.asr.model import BASE_FILES, ModelMissing, _sha256, model_dir
from tests.fixtures.voice import generated, speak

COMPLAINT = "There is no water in our street for three days"


def test_packaged_model_is_assembled_with_the_published_hashes(whisper_dir):
    assert {p.name for p in whisper_dir.iterdir() if not p.name.startswith(".")} == set(BASE_FILES)
    assert _sha256(whisper_dir / "model.bin") == BASE_FILES["model.bin"]


def test_a_configured_model_dir_must_hold_a_model(tmp_path):
    with pytest.raises(ModelMissing):
        model_dir(str(tmp_path))


@pytest.mark.parametrize("fmt", ["ogg", "amr", "m4a", "mp3", "webm", "wav"])
def test_english_voice_note_in_every_format_is_transcribed(transcriber, fmt):
    result = transcriber.transcribe(speak(COMPLAINT, "en", fmt))
    words = result.text.lower()
    assert result.language == "en"
    assert "water" in words and "street" in words
    assert 2 < result.duration < 6


def test_urdu_hint_gives_urdu_script(transcriber):
    result = transcriber.transcribe(speak("ہمارے محلے میں تین دن سے پانی نہیں آ رہا", "ur"), "ur")
    assert result.language == "ur"
    assert any("\u0600" <= ch <= "\u06ff" for ch in result.text)


@pytest.mark.parametrize("fmt", ["ogg", "amr"])
def test_urdu_without_a_hint_is_heard_as_urdu(transcriber, fmt):
    """A new sender's first voice note (an MMS has no conversation before it) has no language hint."""
    result = transcriber.transcribe(speak("ہماری گلی میں بجلی نہیں ہے", "ur", fmt))
    assert result.language == "ur"
    assert any("\u0600" <= ch <= "\u06ff" for ch in result.text)


@pytest.mark.parametrize("audio, kind", [
    (lambda: generated("anullsrc=r=48000:cl=mono", 3), "no_speech"),
    (lambda: generated("sine=frequency=440", 4), "no_speech"),
    (lambda: b"\x89PNG\r\n\x1a\n" + bytes(2000), "not_audio"),
    (lambda: speak(COMPLAINT, "en")[:300], "not_audio"),
    (lambda: b"", "not_audio"),
    (lambda: bytes(2_000_001), "too_large"),
    (lambda: generated("sine=frequency=300", 125), "too_long"),
])
def test_audio_that_cannot_be_used_is_rejected_with_its_reason(transcriber, audio, kind):
    with pytest.raises(AudioRejected) as caught:
        transcriber.transcribe(audio())
    assert caught.value.kind == kind

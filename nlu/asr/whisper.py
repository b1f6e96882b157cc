"""faster-whisper (CTranslate2, int8 on the CPU) behind core.ports.TranscriberPort.

Language: with a hint ("ur") Whisper is told the language; otherwise it is detected, but only between
Urdu and English: Whisper often hears short Urdu clips as Hindi (and writes Devanagari), so the Hindi
and Punjabi probabilities count for Urdu, and English is chosen only when it is Whisper's first guess
outright (the first voice note of a new sender, e.g. by MMS, has no conversation language to hint).
Silence, music and noise come back as no words (Silero VAD, bundled with faster-whisper, drops the
non-speech first) and are rejected as "no_speech".
"""
from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np

from core.ports import AudioRejected, Transcript
from nlu.asr.decode import SAMPLE_RATE, decode

URDU_LIKE = ("ur", "hi", "pa")  # what Whisper calls Urdu speech it is unsure of
NO_SPEECH = 0.6  # a segment Whisper itself thinks is not speech is dropped
# Greedy decoding, one temperature (no fallback re-decoding: it doubles the time on 2 cores), and no
# repeated 3-grams (small models loop on unclear speech: "ایم ایم ایم …").
_NOT_WORDS = re.compile(r"\[[^\]]*\]|\([^)]*\)|[♪♫♬]|\*[^*]*\*")  # [music], (applause), ♪ …
_LETTER = re.compile(r"[^\W\d_]")


def clean_text(text: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", text).split())


class WhisperTranscriber:
    """One model per process, loaded on first use (a second or so), shared by the worker's calls."""

    def __init__(self, model_path: Path | str, *, max_seconds: float = 180, max_bytes: int = 10_000_000,
                 threads: int = 2, compute_type: str = "int8", beam_size: int = 1):
        self.model_path, self.max_seconds, self.max_bytes = str(model_path), max_seconds, max_bytes
        self.threads, self.compute_type, self.beam_size = threads, compute_type, beam_size
        self._model = None
        self._lock = threading.Lock()

    def model(self):
        with self._lock:
            if self._model is None:
                from faster_whisper import WhisperModel  # imported late: ~1 s, only where voice is used

                self._model = WhisperModel(self.model_path, device="cpu", compute_type=self.compute_type,
                                           cpu_threads=self.threads, local_files_only=True)
            return self._model

    def language_of(self, samples: np.ndarray) -> str:
        _, _, ranking = self.model().detect_language(samples)
        probability = dict(ranking)
        english, urdu = probability.get("en", 0.0), sum(probability.get(code, 0.0) for code in URDU_LIKE)
        # Speech Whisper cannot place (espeak's Urdu comes back as Thai or Hungarian, with English a few
        # per cent) is, from Awaaz's citizens, far likelier Urdu than English; English speech is a clear
        # first guess (0.75-0.95 on the same clips).
        return "en" if english > urdu and english >= max(probability.values()) else "ur"

    def transcribe(self, audio: bytes, language: str | None = None) -> Transcript:
        if len(audio) > self.max_bytes:
            raise AudioRejected("too_large", f"{len(audio)} bytes")
        samples = decode(audio, self.max_seconds)
        duration = samples.size / SAMPLE_RATE
        if float(np.abs(samples).max(initial=0.0)) < 1e-3:  # digital silence: nothing for the model to do
            raise AudioRejected("no_speech", "silent")
        if not self.model().model.is_multilingual:  # an English-only model (tiny.en, base.en…)
            language = "en"
        language = language if language in ("ur", "en") else self.language_of(samples)
        segments, _ = self.model().transcribe(samples, language=language, beam_size=self.beam_size,
                                              vad_filter=True, condition_on_previous_text=False,
                                              temperature=0.0, no_repeat_ngram_size=3)
        words = clean_text(" ".join(s.text for s in segments if s.no_speech_prob < NO_SPEECH))
        if not _LETTER.search(words):
            raise AudioRejected("no_speech", "no words recognised")
        return Transcript(words, language, round(duration, 2))

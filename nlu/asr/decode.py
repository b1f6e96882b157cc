"""Any audio a citizen sends (Ogg/Opus from WhatsApp and Telegram, AMR, MP4/M4A, MPEG, WAV, WebM from a
browser's MediaRecorder) -> 16 kHz mono float32 samples, with PyAV (FFmpeg's libraries, in its wheel).

Decoding stops as soon as the audio passes the duration limit, so a long file costs little.
"""
from __future__ import annotations

import io

import av
import numpy as np

from core.ports import AudioRejected

SAMPLE_RATE = 16_000


def _samples(frames) -> np.ndarray:
    return np.concatenate(frames).astype(np.float32) / 32768.0 if frames else np.zeros(0, np.float32)


def decode(data: bytes, max_seconds: float) -> np.ndarray:
    """Samples of the first audio stream; AudioRejected("not_audio" | "too_long") otherwise."""
    if not data:
        raise AudioRejected("not_audio", "empty file")
    limit = int(max_seconds * SAMPLE_RATE)
    frames: list[np.ndarray] = []
    count = 0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioRejected("not_audio", "no audio stream")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for packet_frame in container.decode(container.streams.audio[0]):
                for frame in resampler.resample(packet_frame):
                    array = frame.to_ndarray().reshape(-1)
                    frames.append(array)
                    count += array.size
                if count > limit:
                    raise AudioRejected("too_long", f"longer than {max_seconds:.0f} s")
    except AudioRejected:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise AudioRejected("not_audio", f"{type(exc).__name__}: {exc}") from exc
    samples = _samples(frames)
    if samples.size == 0:
        raise AudioRejected("not_audio", "no audio samples")
    return samples

"""Speech recognition on the CPU: cost and accuracy of each Whisper model installable here.

    .venv/bin/python bench/asr_bench.py [--model NAME=DIR ...] [--nlu] [--json PATH]

Speech: bench/voice_set.py's complaints (six departments, English and Urdu) read by espeak-ng and
encoded as WhatsApp would (Ogg/Opus, ffmpeg). Each model runs in its own process (clean peak RSS), with
the app's rules: Urdu clips are transcribed as Urdu (an Urdu conversation), English ones detected.
Prints per model and language: CPU seconds per audio second, wall seconds, peak RSS, word error rate,
and with --nlu the department the lead's NLU model finds in the transcript (and, as the ceiling, in the
text that was spoken). espeak's voice is robotic: real voices differ (see docs/voice.md).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.voice_set import COMPLAINTS  # noqa: E402

_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)


def words(text: str) -> list[str]:
    return _PUNCT.sub(" ", text.lower()).split()


def wer(reference: str, hypothesis: str) -> tuple[int, int]:
    """(word edits, reference words): Levenshtein distance over words."""
    ref, hyp = words(reference), words(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        previous, row[0] = row[0], i
        for j, h in enumerate(hyp, start=1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (r != h))
    return row[len(hyp)], len(ref)


def speak(text: str, voice: str) -> bytes:
    wav = subprocess.run(["espeak-ng", "-v", voice, "--stdout", text], capture_output=True, check=True).stdout
    return subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "wav", "-i", "pipe:0", "-c:a", "libopus",
                           "-b:a", "24k", "-f", "ogg", "pipe:1"], input=wav, capture_output=True, check=True).stdout


def run_model(model_dir: str, threads: int) -> list[dict]:
    """Transcribe the whole set in this process (called in a child per model)."""
    from core.ports import AudioRejected
    from nlu.asr.whisper import WhisperTranscriber

    transcriber = WhisperTranscriber(model_dir, threads=threads)
    started = time.process_time()
    transcriber.model()
    load_cpu = time.process_time() - started
    results = []
    for department, language, text in COMPLAINTS:
        audio = speak(text, language)
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            heard = transcriber.transcribe(audio, "ur" if language == "ur" else None)
            said, duration, detected = heard.text, heard.duration, heard.language
        except AudioRejected as exc:
            said, duration, detected = "", 0.0, exc.kind
        results.append({"department": department, "language": language, "text": text, "heard": said,
                        "detected": detected, "audio_s": duration, "cpu_s": time.process_time() - cpu,
                        "wall_s": time.perf_counter() - wall})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [{"load_cpu_s": load_cpu, "peak_rss_mb": peak_mb}] + results


def departments(parse, texts: list[str]) -> list[str | None]:
    return [parse(t).intent if t else None for t in texts] if parse else [None] * len(texts)


def summarise(name: str, rows: list[dict], parse) -> list[dict]:
    """Per language: cost, WER and (with an NLU ``parse``) department accuracy on what was heard and said."""
    head, clips = rows[0], rows[1:]
    heard = departments(parse, [c["heard"] for c in clips])
    spoken = departments(parse, [c["text"] for c in clips])
    out = []
    for language in ("en", "ur"):
        picked = [(c, h, s) for c, h, s in zip(clips, heard, spoken, strict=True) if c["language"] == language]
        edits = sum(wer(c["text"], c["heard"])[0] for c, _, _ in picked)
        total = sum(wer(c["text"], c["heard"])[1] for c, _, _ in picked)
        audio = sum(c["audio_s"] for c, _, _ in picked) or 1.0
        line = {"model": name, "language": language, "clips": len(picked), "audio_s": round(audio, 1),
                "cpu_per_audio_s": round(sum(c["cpu_s"] for c, _, _ in picked) / audio, 2),
                "wall_per_audio_s": round(sum(c["wall_s"] for c, _, _ in picked) / audio, 2),
                "wer": round(edits / max(total, 1), 3), "peak_rss_mb": round(head["peak_rss_mb"]),
                "load_cpu_s": round(head["load_cpu_s"], 2)}
        if parse:
            line["dept_acc_heard"] = round(sum(h == c["department"] for c, h, _ in picked) / len(picked), 2)
            line["dept_acc_text"] = round(sum(s == c["department"] for c, _, s in picked) / len(picked), 2)
        out.append(line)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=[], help="NAME=DIR of a CTranslate2 Whisper model")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--nlu", action="store_true", help="department accuracy with the trained Rasa model")
    parser.add_argument("--json", help="write every clip's result here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_model(args.child, args.threads), ensure_ascii=False))
        return 0
    from nlu.asr.model import packaged_base_model

    models = [m.split("=", 1) for m in args.model] or [["base (packaged)", str(packaged_base_model())]]
    clips = {}
    for name, folder in models:
        child = subprocess.run([sys.executable, __file__, "--child", folder, "--threads", str(args.threads)],
                               capture_output=True, text=True, check=True)
        clips[name] = json.loads(child.stdout.strip().splitlines()[-1])
    loadavg = open("/proc/loadavg").read().split()[:3]  # while transcribing, before the NLU server starts
    with contextlib.ExitStack() as stack:
        parse = None
        if args.nlu:
            from nlu.client import RasaNluClient
            from nlu.server import own_server

            _process, url, token = stack.enter_context(own_server())
            parse = RasaNluClient(url, token, timeout=10.0).parse
        report = [line for name, rows in clips.items() for line in summarise(name, rows, parse)]
    print(json.dumps({"loadavg": loadavg, "cpus": os.cpu_count(),
                      "results": report}, ensure_ascii=False, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(clips, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

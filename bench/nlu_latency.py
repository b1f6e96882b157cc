"""Parse latency of the Rasa NLU server over HTTP: p50 / p95 / max in milliseconds.

    .venv/bin/python bench/nlu_latency.py [--csv PATH] [--rounds 3]

Uses the server at RASA_URL (token RASA_TOKEN) if it answers, else trains if needed and starts
one for the run. Sends every text of the CSV (default: the shared dev set) ``--rounds`` times,
one request at a time over one keep-alive connection, after a short warm-up, and prints JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu.metrics import read_examples  # noqa: E402
from nlu.server import parse_url, serving  # noqa: E402

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "nlu_dev.csv"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(url: str, token: str, texts: list[str], rounds: int) -> list[float]:
    endpoint = parse_url(url, token)
    timings = []
    with httpx.Client(timeout=10.0) as client:
        for text in texts[:10]:  # warm-up: first requests pay for lazy initialisation
            client.post(endpoint, json={"text": text}).raise_for_status()
        for _ in range(rounds):
            for text in texts:
                start = time.perf_counter()
                client.post(endpoint, json={"text": text}).raise_for_status()
                timings.append((time.perf_counter() - start) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=os.environ.get("RASA_URL", "http://127.0.0.1:5005"))
    parser.add_argument("--token", default=os.environ.get("RASA_TOKEN", ""))
    args = parser.parse_args(argv)
    texts = [e.text for e in read_examples(args.csv)]
    with serving(args.url, args.token) as (url, token):
        timings = measure(url, token, texts, args.rounds)
    report = {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``python -m nlu.evaluate PATH.csv``: score the running Rasa server on a labelled CSV.

Reads ``text,label,lang`` rows, parses every text through the server at ``RASA_URL`` (default
http://127.0.0.1:5005, token from ``RASA_TOKEN``), prints a confusion matrix and then, as the last
line, one JSON object (see ``nlu.metrics.score``). With ``--start-server`` it first starts a
server (training the model if needed) when nothing answers at the URL, and stops it afterwards. A fallback counts as a wrong answer. Exits 2 if
the server cannot be reached, rather than report a meaningless score.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

from core.ports import NluResult
from nlu.client import RasaNluClient
from nlu.metrics import confusion_matrix, read_examples, score
from nlu.server import serving

DEFAULT_URL = "http://127.0.0.1:5005"


def parse_all(texts: list[str], url: str, token: str) -> list[NluResult]:
    """Every text parsed by the server at ``url``; RuntimeError if any parse failed. Generous timeout
    and no breaker: a batch job (evaluation, calibration, a learn cycle), not a citizen waiting."""
    client = RasaNluClient(url, token, timeout=30.0, retries=2, breaker_failures=10**9)
    try:
        results = [client.parse(text) for text in texts]
    finally:
        client.close()
    failed = [r for r in results if not r.ok]
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(results)} parses failed: {failed[0].error}")
    return results


def language_tagging(examples, languages: list[str]) -> dict[str, float]:
    """Share of examples per gold ``lang`` whose detected language matches it."""
    result = {}
    for lang in sorted({e.lang for e in examples}):
        pairs = [(e, tag) for e, tag in zip(examples, languages, strict=True) if e.lang == lang]
        result[lang] = round(sum(e.lang == tag for e, tag in pairs) / len(pairs), 4)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="CSV file with columns text,label,lang")
    parser.add_argument("--url", default=os.environ.get("RASA_URL", DEFAULT_URL))
    parser.add_argument("--token", default=os.environ.get("RASA_TOKEN", ""))
    parser.add_argument(
        "--start-server", action="store_true",
        help="if nothing answers at --url, train if needed and run a server for this evaluation",
    )
    args = parser.parse_args(argv)
    if not args.start_server:
        return evaluate(args.csv, args.url, args.token)
    with serving(args.url, args.token) as (url, token):
        return evaluate(args.csv, url, token)


def evaluate(path: str, url: str, token: str) -> int:
    examples = read_examples(path)
    try:
        results = parse_all([e.text for e in examples], url, token)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    predicted = [r.intent for r in results]
    report = score(examples, predicted)
    report["language_tagging"] = language_tagging(examples, [r.language for r in results])
    print(confusion_matrix(examples, predicted))
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

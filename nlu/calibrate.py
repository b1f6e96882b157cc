"""``python -m nlu.calibrate PATH.csv [PATH.csv …]``: how far the model's confidence can be trusted.

Parses every row of the labelled CSVs through the Rasa server (like ``nlu.evaluate``) and prints:

* a reliability table (10 confidence bins: mean confidence against accuracy) and the expected
  calibration error (ECE), overall and per language;
* the answered-vs-correct table of department routing: for each threshold t, the share of
  complaints (gold label a department) whose top intent is a department with confidence ≥ t, and
  how many of those routed messages went to the right department;
* the two thresholds of the dialogue read off that table: HIGH, the lowest t at which routed
  messages are right at least 98% of the time (the dialogue may then skip the department
  question), and LOW, the lowest t at which they are right at least 90% of the time (below it the
  citizen gets the menu). Non-complaints (out-of-scope and vague messages) that would be routed
  at each threshold are counted too.

The confidence is the classifier's own top score: Rasa's fallback is looked through (its ranking
keeps the classifier's scores), so thresholds below the fallback's 0.3 are not measured. The last
line is one JSON object with all of it. Use held-out sets, never the blind set, to choose.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass

from core.departments.catalog import departments
from nlu.evaluate import DEFAULT_URL, parse_all
from nlu.metrics import Example, read_examples
from nlu.server import serving

DEPARTMENTS = tuple(d.code for d in departments())
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))  # 0.30 … 0.95
HIGH_PRECISION, LOW_PRECISION = 0.98, 0.90


@dataclass(frozen=True)
class Scored:
    example: Example
    intent: str
    confidence: float


def scored(example: Example, ranking) -> Scored:
    """The classifier's top intent and score (the client's ranking has Rasa's fallback taken out)."""
    top, conf = ranking[0] if ranking else ("", 0.0)
    return Scored(example, top, conf)


def reliability(rows: list[Scored], bins: int = 10) -> tuple[list[dict], float]:
    """Per-bin mean confidence and accuracy, and the ECE (bin-size weighted |acc − conf|)."""
    table, ece = [], 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [r for r in rows if low <= r.confidence < high or (b == bins - 1 and r.confidence == 1.0)]
        if not inside:
            continue
        confidence = sum(r.confidence for r in inside) / len(inside)
        accuracy = sum(r.intent == r.example.label for r in inside) / len(inside)
        ece += len(inside) / len(rows) * abs(accuracy - confidence)
        table.append({"bin": f"{low:.1f}-{high:.1f}", "n": len(inside),
                      "confidence": round(confidence, 3), "accuracy": round(accuracy, 3)})
    return table, round(ece, 4)


def routing_table(rows: list[Scored]) -> list[dict]:
    """At each threshold: complaints answered (routed), right among routed, non-complaints routed."""
    complaints = [r for r in rows if r.example.label in DEPARTMENTS]
    others = [r for r in rows if r.example.label not in DEPARTMENTS]
    table = []
    for t in THRESHOLDS:
        def is_routed(r: Scored, t: float = t) -> bool:
            return r.intent in DEPARTMENTS and r.confidence >= t

        routed = [r for r in rows if is_routed(r)]
        right = sum(r.intent == r.example.label for r in routed)
        table.append({
            "threshold": t,
            "answered": round(sum(map(is_routed, complaints)) / max(1, len(complaints)), 3),
            "correct_among_routed": round(right / len(routed), 3) if routed else 1.0,
            "non_complaints_routed": sum(map(is_routed, others)),
        })
    return table


def lowest_threshold(table: list[dict], precision: float) -> float | None:
    """Lowest threshold from which on routed messages stay at least this precise."""
    for i, row in enumerate(table):
        if all(later["correct_among_routed"] >= precision for later in table[i:]):
            return row["threshold"]
    return None


def report(rows: list[Scored]) -> dict:
    table = routing_table(rows)
    result = {"n": len(rows), "routing": table,
              "high_threshold": lowest_threshold(table, HIGH_PRECISION),
              "low_threshold": lowest_threshold(table, LOW_PRECISION), "calibration": {}}
    for lang in [None, *sorted({r.example.lang for r in rows})]:
        subset = [r for r in rows if lang is None or r.example.lang == lang]
        bins, ece = reliability(subset)
        result["calibration"][lang or "all"] = {"n": len(subset), "ece": ece, "bins": bins}
    return result


def print_tables(result: dict) -> None:
    for lang, cal in result["calibration"].items():
        print(f"reliability ({lang}, n={cal['n']}, ECE {cal['ece']:.3f})")
        for row in cal["bins"]:
            print(f"  {row['bin']}  n={row['n']:<4} confidence {row['confidence']:.3f}  accuracy {row['accuracy']:.3f}")
    print("threshold  answered  correct-among-routed  non-complaints-routed")
    for row in result["routing"]:
        print(f"  {row['threshold']:.2f}     {row['answered']:.3f}     {row['correct_among_routed']:.3f}"
              f"                 {row['non_complaints_routed']}")
    print(f"HIGH (≥{HIGH_PRECISION:.0%} right) = {result['high_threshold']}, "
          f"LOW (≥{LOW_PRECISION:.0%} right) = {result['low_threshold']}")


def collect(paths: list[str], url: str, token: str) -> list[Scored]:
    examples = [example for path in paths for example in read_examples(path)]
    results = parse_all([e.text for e in examples], url, token)
    return [scored(example, result.ranking) for example, result in zip(examples, results, strict=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="+", help="CSV files with columns text,label,lang")
    parser.add_argument("--url", default=os.environ.get("RASA_URL", DEFAULT_URL))
    parser.add_argument("--token", default=os.environ.get("RASA_TOKEN", ""))
    parser.add_argument("--start-server", action="store_true", help="as in nlu.evaluate")
    args = parser.parse_args(argv)
    try:
        if args.start_server:
            with serving(args.url, args.token) as (url, token):
                rows = collect(args.csv, url, token)
        else:
            rows = collect(args.csv, args.url, args.token)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 2
    result = report(rows)
    print_tables(result)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

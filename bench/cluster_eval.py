"""Precision and recall of complaint clustering on the labelled pairs in bench/cluster_pairs.csv.

    .venv/bin/python -m bench.cluster_eval

Each pair says whether two complaints describe the same problem at the same place (1) or not (0).
The matcher under test is the core's: same department, same place (core.clusters.similarity.same_place)
and a text similarity at or above the threshold. Several text measures are compared; for each, the
threshold with the best F1 on this set is shown, so these are development figures, not held-out ones.
"""
from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from core.clusters import similarity as sim

PAIRS = Path(__file__).with_name("cluster_pairs.csv")
# Written after the measure, the map and the threshold were fixed, and not used to change them.
HOLDOUT = Path(__file__).with_name("cluster_pairs_holdout.csv")
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]


def _grams(text: str) -> Counter:
    padded = f" {text} "
    return Counter(padded[i:i + 3] for i in range(len(padded) - 2))


def raw_trigrams(a: str, b: str) -> float:
    """Character trigrams of the text as written (lower case)."""
    norm = lambda t: " ".join(unicodedata.normalize("NFKC", t).lower().split())  # noqa: E731
    return sim.cosine(_grams(norm(a)), _grams(norm(b)))


def skeleton_trigrams(a: str, b: str) -> float:
    """Trigrams of the script-neutral skeletons, without the concept map."""
    sk = lambda t: " ".join(s for s in (sim.skeleton(w) for w in sim.words(t)) if len(s) >= 2)  # noqa: E731
    return sim.cosine(_grams(sk(a)), _grams(sk(b)))


def concepts_only(a: str, b: str) -> float:
    """Only the concept tokens of the two texts."""
    bag = lambda t: Counter(x for x in sim.problem_tokens(t) if x.startswith("@"))  # noqa: E731
    return sim.cosine(bag(a), bag(b))


def combined(a: str, b: str) -> float:
    """What the core uses: concept tokens plus trigrams of the other skeletons."""
    return sim.text_similarity(sim.problem_key(a), sim.problem_key(b))


MEASURES: dict[str, Callable[[str, str], float]] = {
    "raw text trigrams": raw_trigrams, "skeleton trigrams": skeleton_trigrams,
    "concepts only": concepts_only, "skeleton + concepts (core)": combined,
}


def _place(row: dict, side: str) -> sim.Place:
    lat, lon = row[f"lat_{side}"], row[f"lon_{side}"]
    district = row[f"district_{side}"] or None
    return sim.Place(district, sim.place_words(row[f"place_{side}"], district),
                     float(lat) if lat else None, float(lon) if lon else None)


def load(path: Path = PAIRS) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def evaluate(rows: list[dict], measure: Callable[[str, str], float], threshold: float) -> dict:
    tp = fp = fn = 0
    misses = []
    for row in rows:
        same_where = row["dept_a"] == row["dept_b"] and sim.same_place(_place(row, "a"), _place(row, "b"),
                                                                       sim.DEFAULT_RADIUS_M)
        predicted = same_where and measure(row["text_a"], row["text_b"]) >= threshold
        truth = row["same"] == "1"
        tp += predicted and truth
        fp += predicted and not truth
        fn += truth and not predicted
        if predicted != truth:
            misses.append(f"{'FP' if predicted else 'FN'} {row['kind']}: {row['text_a']!r} / {row['text_b']!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": threshold, "precision": precision, "recall": recall, "f1": f1, "misses": misses}


def best(rows: list[dict], measure: Callable[[str, str], float]) -> dict:
    return max((evaluate(rows, measure, t) for t in THRESHOLDS), key=lambda r: (r["f1"], r["precision"]))


def main() -> None:
    rows = load()
    kinds = Counter((r["kind"], r["same"]) for r in rows)
    print(f"{len(rows)} pairs: " + ", ".join(f"{k} ({'same' if s == '1' else 'different'}) {n}"
                                              for (k, s), n in sorted(kinds.items())))
    print(f"{'measure':30} {'threshold':>9} {'precision':>9} {'recall':>7} {'F1':>5}")
    for name, measure in MEASURES.items():
        r = best(rows, measure)
        print(f"{name:30} {r['threshold']:9.2f} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:5.3f}")
    for name, pairs in (("development pairs", rows), ("held-out pairs", load(HOLDOUT))):
        core = evaluate(pairs, combined, sim.SIMILARITY_THRESHOLD)
        print(f"\ncore at its threshold {sim.SIMILARITY_THRESHOLD} on the {len(pairs)} {name}: precision "
              f"{core['precision']:.3f}, recall {core['recall']:.3f}, F1 {core['f1']:.3f}")
        for miss in core["misses"]:
            print("  " + miss)


if __name__ == "__main__":
    main()

"""Scoring shared by ``nlu.evaluate`` (Rasa over HTTP) and ``bench/nlu_baseline.py``.

Stdlib only. A prediction of ``None`` (fallback, or the server failed) counts as wrong. Macro-F1
averages over the labels of the gold set being scored: predicting an intent the set does not
contain (e.g. ``affirm``) costs the true label its recall without adding a phantom class.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FALLBACK = "(fallback)"


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    lang: str


def read_examples(path: Path | str) -> list[Example]:
    """Rows of a CSV with columns ``text,label,lang``."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [Example(row["text"], row["label"], row["lang"]) for row in csv.DictReader(handle)]


def _per_label(gold: list[str], predicted: list[str | None]) -> dict[str, dict[str, float]]:
    true_pos = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    gold_count = Counter(gold)
    predicted_count = Counter(p for p in predicted if p is not None)
    scores = {}
    for label in sorted(gold_count):
        precision = true_pos[label] / predicted_count[label] if predicted_count[label] else 0.0
        recall = true_pos[label] / gold_count[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = {"precision": precision, "recall": recall, "f1": f1}
    return scores


def _summary(gold: list[str], predicted: list[str | None]) -> dict[str, float]:
    per_label = _per_label(gold, predicted)
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    return {
        "accuracy": correct / len(gold) if gold else 0.0,
        "macro_f1": sum(s["f1"] for s in per_label.values()) / len(per_label) if per_label else 0.0,
    }


def score(examples: list[Example], predicted: list[str | None]) -> dict:
    """The report JSON of ``nlu.evaluate`` (rounded to 4 places)."""
    gold = [e.label for e in examples]
    by_lang = {}
    for lang in sorted({e.lang for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.lang == lang]
        sub_gold, sub_pred = [gold[i] for i in idx], [predicted[i] for i in idx]
        by_lang[lang] = {"n": len(idx), **_summary(sub_gold, sub_pred)}
    report = {
        "n": len(examples),
        "overall": _summary(gold, predicted),
        "by_lang": by_lang,
        "per_label": _per_label(gold, predicted),
        "fallback_rate": sum(p is None for p in predicted) / len(predicted) if predicted else 0.0,
    }
    return _rounded(report)


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def confusion_matrix(examples: list[Example], predicted: list[str | None]) -> str:
    """Readable matrix: rows are gold labels, columns predictions (short names, see legend)."""
    gold_labels = sorted({e.label for e in examples})
    extra = sorted({p for p in predicted if p is not None and p not in gold_labels})
    columns = gold_labels + extra + [FALLBACK]
    counts = Counter((e.label, p if p is not None else FALLBACK) for e, p in zip(examples, predicted, strict=True))
    short = {label: f"c{i}" for i, label in enumerate(columns)}
    width = max(len(label) for label in gold_labels) + 1
    lines = ["confusion matrix (rows: gold, columns: predicted)"]
    lines += [f"  {short[label]} = {label}" for label in columns]
    lines.append(" " * width + "".join(f"{short[c]:>5}" for c in columns))
    for label in gold_labels:
        cells = "".join(f"{counts[(label, c)] or '.':>5}" for c in columns)
        lines.append(f"{label:<{width}}{cells}")
    return "\n".join(lines)

"""Baselines for the Rasa pipeline, scored exactly like ``python -m nlu.evaluate``.

    .venv/bin/python bench/nlu_baseline.py PATH.csv [--model tfidf|keywords] [--threshold 0.3]

``tfidf``: scikit-learn TF-IDF over word 1-2-grams and char_wb 2-5-grams, logistic regression,
trained on data/intents.yml + data/entities.yml after the same ``nlu.normalise``; a top
probability below ``--threshold`` is a fallback (as Rasa's FallbackClassifier does).
``keywords``: per intent, the words most specific to it in the same training data; a message
goes to the intent with the most keyword hits, no hit (or a tie) is a fallback.
The last line printed is the same JSON object as ``nlu.evaluate``'s.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu.metrics import confusion_matrix, read_examples, score  # noqa: E402
from nlu.normalise import normalise  # noqa: E402
from nlu.training_data import TRAINING_FILES, read_intent_examples  # noqa: E402


def train_tfidf(pairs: list[tuple[str, str]]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    )
    model = make_pipeline(features, LogisticRegression(C=10, max_iter=2000, class_weight="balanced"))
    model.fit([normalise(text) for text, _ in pairs], [intent for _, intent in pairs])
    return model


def predict_tfidf(model, texts: list[str], threshold: float) -> list[str | None]:
    probabilities = model.predict_proba([normalise(t) for t in texts])
    labels = model.classes_
    return [labels[row.argmax()] if row.max() >= threshold else None for row in probabilities]


def keyword_table(pairs: list[tuple[str, str]], per_intent: int = 40) -> dict[str, set[str]]:
    """Words seen at least 3 times for an intent and mostly (≥ 70 %) for that intent."""
    by_intent: dict[str, Counter] = {}
    overall: Counter = Counter()
    for text, intent in pairs:
        words = set(normalise(text).split())
        by_intent.setdefault(intent, Counter()).update(words)
        overall.update(words)
    table = {}
    for intent, counts in by_intent.items():
        specific = [(n / overall[w], n, w) for w, n in counts.items() if n >= 3 and n / overall[w] >= 0.7]
        table[intent] = {w for _, _, w in sorted(specific, reverse=True)[:per_intent]}
    return table


def predict_keywords(table: dict[str, set[str]], texts: list[str]) -> list[str | None]:
    predictions = []
    for text in texts:
        words = set(normalise(text).split())
        hits = Counter({intent: len(words & keywords) for intent, keywords in table.items()})
        ranked = hits.most_common(2)
        best, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else (None, 0)
        predictions.append(best[0] if best[1] > 0 and best[1] > runner_up[1] else None)
    return predictions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--model", choices=["tfidf", "keywords"], default="tfidf")
    parser.add_argument("--threshold", type=float, default=0.3)
    args = parser.parse_args(argv)

    pairs = read_intent_examples(TRAINING_FILES)
    examples = read_examples(args.csv)
    texts = [e.text for e in examples]
    if args.model == "tfidf":
        predicted = predict_tfidf(train_tfidf(pairs), texts, args.threshold)
    else:
        predicted = predict_keywords(keyword_table(pairs), texts)
    print(confusion_matrix(examples, predicted))
    print(json.dumps(score(examples, predicted), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

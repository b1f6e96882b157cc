"""Offline replica of the Rasa pipeline's features, to choose how sparse and dense features mix.

    .venv-rasa/bin/python bench/nlu_dense_ablation.py [--cv 5] [EVAL.csv ...]

Features as in nlu/config.yml: word 1–2 and char_wb 2–5 counts of the normalised text (the Rasa
pipeline adds regex and lexical-syntactic features on top), and the e5 sentence embedding
(nlu/embeddings.py) times a scale. Compares, by stratified k-fold cross-validation on the training
data (held out from the fitted model, never the blind set) and on any eval CSVs given:

* sparse only, dense only, and both stacked into one logistic regression (what Rasa's
  LogisticRegressionClassifier does) at several scales of the dense part;
* a calibrated ensemble: one logistic regression per feature kind, each calibrated by 3-fold
  sigmoid scaling, probabilities averaged.

Prints macro-F1, accuracy and ECE per row and the load average. Embeddings come from (and are
added to) the training cache ``nlu/models/.cache/embeddings.pkl``.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("AWAAZ_EMBED_CACHE", str(ROOT / "nlu" / "models" / ".cache" / "embeddings.pkl"))

from nlu.embeddings import _EmbeddingCache  # noqa: E402
from nlu.metrics import read_examples  # noqa: E402
from nlu.normalise import normalise  # noqa: E402
from nlu.training_data import read_intent_examples  # noqa: E402


def ece(probabilities: np.ndarray, classes: np.ndarray, gold: list[str], bins: int = 10) -> float:
    confidence = probabilities.max(axis=1)
    correct = classes[probabilities.argmax(axis=1)] == np.asarray(gold)
    total = 0.0
    for b in range(bins):
        inside = (confidence >= b / bins) & (confidence < (b + 1) / bins if b < bins - 1 else confidence <= 1)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return total


class Features:
    def __init__(self, texts: list[str]) -> None:
        self.word = CountVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"\S+").fit(texts)
        self.char = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(texts)

    def sparse(self, texts: list[str]) -> csr_matrix:
        return hstack([self.word.transform(texts), self.char.transform(texts)]).tocsr()


def logistic(c: float = 1.0) -> LogisticRegression:
    # Rasa's balanced weights; nlu/config.yml also weighs out_of_scope twice (nlu/classifier.py),
    # which this replica leaves out: its rows compare mixes of features, not the shipped model.
    return LogisticRegression(C=c, max_iter=1000, class_weight="balanced", random_state=42)


def models(scales: list[float], cs: list[float]):
    """name -> fit(train_sparse, train_dense, y) returning predict_proba(sparse, dense)."""
    def stacked(scale, c):
        def fit(xs, xd, y):
            parts = lambda s, d: hstack([s, csr_matrix(d * scale)]).tocsr() if s is not None else d * scale  # noqa: E731
            clf = logistic(c).fit(parts(xs, xd), y)
            return clf.classes_, lambda s, d: clf.predict_proba(parts(s, d))
        return fit

    def sparse_only(xs, xd, y):
        clf = logistic().fit(xs, y)
        return clf.classes_, lambda s, d: clf.predict_proba(s)

    def dense_only(xs, xd, y):
        clf = logistic().fit(xd * 10, y)
        return clf.classes_, lambda s, d: clf.predict_proba(d * 10)

    def ensemble(xs, xd, y):
        a = CalibratedClassifierCV(logistic(), cv=3, method="sigmoid").fit(xs, y)
        b = CalibratedClassifierCV(logistic(), cv=3, method="sigmoid").fit(xd * 10, y)
        return a.classes_, lambda s, d: (a.predict_proba(s) + b.predict_proba(d * 10)) / 2

    rows = {"sparse only": sparse_only, "dense only (x10)": dense_only}
    rows.update({f"both, x{scale:g}" + (f", C={c:g}" if c != 1 else ""): stacked(scale, c)
                 for c in cs for scale in scales})
    rows["calibrated ensemble"] = ensemble
    return rows


def score(classes, probabilities, gold) -> tuple[float, float, float]:
    predicted = classes[probabilities.argmax(axis=1)]
    labels = sorted(set(gold))
    return (f1_score(gold, predicted, labels=labels, average="macro"), accuracy_score(gold, predicted),
            ece(probabilities, classes, gold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval", nargs="*", help="labelled CSVs to score the full-data models on")
    parser.add_argument("--cv", type=int, default=5, help="folds; 0 skips cross-validation")
    parser.add_argument("--scales", default="1,3,5,10,20")
    parser.add_argument("--cs", default="1", help="inverse L2 strengths C for the stacked rows (Rasa fixes 1)")
    parser.add_argument("--only-stacked", action="store_true", help="skip the sparse, dense and ensemble rows")
    args = parser.parse_args(argv)
    started = time.time()
    pairs = read_intent_examples()
    texts, y = [normalise(t) for t, _ in pairs], np.asarray([i for _, i in pairs])
    cache = _EmbeddingCache(os.environ["AWAAZ_EMBED_CACHE"], "original")
    dense = cache.embed(texts, "original")
    evals = {Path(p).name: read_examples(p) for p in args.eval}
    eval_dense = {name: cache.embed([normalise(e.text) for e in rows], "original") for name, rows in evals.items()}
    print(f"{len(texts)} training examples; embeddings ready in {time.time() - started:.0f}s")
    scales = [float(s) for s in args.scales.split(",")]
    header = f"{'model':<24}{'cv macro-F1':>12}{'cv acc':>8}{'cv ECE':>8}"
    header += "".join(f"{name[:14]:>16}{'ECE':>6}" for name in evals) + (f"{'errors':>8}" if evals else "")
    print(header)
    folds = list(StratifiedKFold(args.cv, shuffle=True, random_state=0).split(texts, y)) if args.cv > 1 else []
    variants = models(scales, [float(c) for c in args.cs.split(",")])
    if args.only_stacked:
        variants = {name: fit for name, fit in variants.items() if name.startswith("both")}
    for name, fit in variants.items():
        probabilities, classes = None, None
        for train, test in folds:
            feats = Features([texts[i] for i in train])
            classes, predict = fit(feats.sparse([texts[i] for i in train]), dense[train], y[train])
            part = predict(feats.sparse([texts[i] for i in test]), dense[test])
            if probabilities is None:
                probabilities = np.zeros((len(texts), len(classes)))
            probabilities[test] = part
        line = f"{name:<24}" + (f"{'-':>12}{'-':>8}{'-':>8}" if not folds else
                                "{:>12.3f}{:>8.3f}{:>8.3f}".format(*score(classes, probabilities, list(y))))
        feats = Features(texts)
        classes, predict = fit(feats.sparse(texts), dense, y)
        errors = 0
        for set_name, rows in evals.items():
            p = predict(feats.sparse([normalise(e.text) for e in rows]), eval_dense[set_name])
            f1, accuracy, cal = score(classes, p, [e.label for e in rows])
            line += f"{f1:>16.3f}{cal:>6.3f}"
            errors += round((1 - accuracy) * len(rows))
        line += f"{errors:>8}" if evals else ""
        print(line, flush=True)
    print(f"load average {open('/proc/loadavg').read().split()[:3]}, {time.time() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

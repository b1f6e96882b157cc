"""``awaaz nlu learn``: approved routing corrections -> candidate model -> promoted only if not worse.

1. The corrections (already scrubbed by the core) are split: a fixed share is held back for scoring,
   the rest is written to ``data/learned/corrections.yml`` (Rasa NLU format, ignored by git), apart
   from the hand-written ``data/intents.yml``.
2. A candidate is trained by the same pipeline (``nlu.server.ensure_trained`` with the learned file;
   its content hash names it, so an unchanged set of corrections trains nothing).
3. One private Rasa server scores the current model, loads the candidate (``PUT /model``) and scores
   it, on the same frozen set(s) and the held-back corrections.
4. Promoted (``nlu.registry.promote``: pointer file + ``PUT /model`` on every server) only if the
   candidate is not worse overall (accuracy over frozen + held-back rows) and its macro-F1 drops by
   no more than ``margin``, overall and in every language of the frozen set(s).
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sys
import time
from pathlib import Path

import yaml

from nlu import registry, server
from nlu.evaluate import parse_all
from nlu.metrics import Example, read_examples, score

LEARNED_DIR = server.ROOT / "data" / "learned"
BLIND_SET = server.ROOT / "nlu" / "eval" / "blind.csv"
DEV_SET_NAME = Path("shared") / "eval" / "nlu_dev.csv"


def default_eval_sets() -> list[Path]:
    """The project's blind set if present, else the shared dev set beside the repository."""
    if BLIND_SET.exists():
        return [BLIND_SET]
    for folder in (server.ROOT.parent, server.ROOT.parent.parent):
        if (folder / DEV_SET_NAME).exists():
            return [folder / DEV_SET_NAME]
    raise FileNotFoundError("no evaluation set: nlu/eval/blind.csv or ../shared/eval/nlu_dev.csv (LEARN_EVAL_SETS)")


def split(examples: list, holdout: float) -> tuple[list, list]:
    """(train, held back): the held-back share is chosen by a hash of each correction's text and label,
    so the same corrections split the same way in every run (and train the same, cached, candidate)."""
    ranked = sorted(examples, key=lambda e: hashlib.sha256(f"{e.text}\0{e.label}".encode()).hexdigest())
    n_held = round(len(ranked) * holdout) if len(ranked) > 1 else 0
    held = {e.id for e in ranked[:n_held]}
    return [e for e in examples if e.id not in held], [e for e in examples if e.id in held]


def _clean(text: str) -> str:
    # Square brackets would read as Rasa entity annotations; newlines would end the example.
    return " ".join(text.replace("[", "(").replace("]", ")").split())


def write_learned(examples: list, folder: Path = LEARNED_DIR) -> Path:
    """The training share as a Rasa NLU YAML file, one block per intent, sorted for a stable hash."""
    by_label: dict[str, list[str]] = {}
    for e in examples:
        text = _clean(e.text)
        if text:
            by_label.setdefault(e.label, []).append(text)
    nlu = [{"intent": label, "examples": "".join(f"- {t}\n" for t in sorted(set(texts)))}
           for label, texts in sorted(by_label.items())]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corrections.yml"
    path.write_text("# Approved routing corrections (awaaz nlu learn); scrubbed of personal data.\n"
                    + yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _summary(report: dict) -> dict:
    return {"n": report["n"], "overall": report["overall"],
            "by_lang": {lang: dict(s) for lang, s in report["by_lang"].items()}}


def evaluate(url: str, token: str, frozen: list[Example], held: list[Example]) -> dict:
    """Scores of the model the server at ``url`` serves: frozen set(s), held-back corrections, both."""
    labels = [r.intent for r in parse_all([e.text for e in frozen + held], url, token)]
    correct = sum(e.label == p for e, p in zip(frozen + held, labels, strict=True))
    held_correct = sum(e.label == p for e, p in zip(held, labels[len(frozen):], strict=True))
    return {
        "frozen": _summary(score(frozen, labels[:len(frozen)])),
        "held_back": {"n": len(held), "accuracy": round(held_correct / len(held), 4) if held else None},
        "all": {"n": len(frozen) + len(held), "accuracy": round(correct / (len(frozen) + len(held)), 4)},
    }


def better_or_equal(current: dict, candidate: dict, margin: float) -> tuple[bool, str]:
    """The promotion rule; returns (promote, reason)."""
    if candidate["all"]["accuracy"] < current["all"]["accuracy"]:
        return False, "worse overall"
    f1 = lambda s: s["macro_f1"]  # noqa: E731
    if f1(candidate["frozen"]["overall"]) < f1(current["frozen"]["overall"]) - margin:
        return False, "frozen-set macro-F1 dropped by more than the margin"
    for lang, before in current["frozen"]["by_lang"].items():
        after = candidate["frozen"]["by_lang"].get(lang)
        if after is None or f1(after) < f1(before) - margin:
            return False, f"{lang} macro-F1 dropped by more than the margin"
    return True, "not worse"


@contextlib.contextmanager
def _one_learner():
    """One learn cycle at a time on this machine; a second one gives up at once."""
    server.MODELS_DIR.mkdir(parents=True, exist_ok=True)
    with open(server.MODELS_DIR / ".learn.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError("another learn cycle is running") from None
        yield


def learn(examples: list, *, rasa_urls: list[str], token: str, margin: float = 0.02, holdout: float = 0.25,
          eval_sets: list | None = None, learned_dir: Path = LEARNED_DIR, pointer: Path | None = None,
          config: Path = server.CONFIG_FILE, log=sys.stderr) -> dict:
    """One learn cycle over approved corrections (objects with id, text, label, language); returns the
    report ``awaaz nlu learn`` prints as its last line."""
    with _one_learner():
        current = registry.current_model(pointer)
        report = {"candidate": None, "current": registry.model_id(current), "promoted": False,
                  "scores": {}, "learned_examples": 0}
        if not examples:
            return {**report, "reason": "no approved corrections"}
        train_share, held_share = split(examples, holdout)
        learned = write_learned(train_share, learned_dir)
        print(f"training a candidate on {len(train_share)} corrections ({len(held_share)} held back)…",
              file=log, flush=True)
        started, load = time.monotonic(), os.getloadavg()[0]
        candidate = server.ensure_trained(config, extra=(learned,))
        trained = time.monotonic()
        report.update(candidate=registry.model_id(candidate), learned_examples=len(train_share),
                      seconds={"train": round(trained - started, 1)}, load_average=round(load, 2))
        if candidate == current:
            return {**report, "reason": "the candidate is the current model"}
        frozen = [e for path in (eval_sets or default_eval_sets()) for e in read_examples(path)]
        held = [Example(e.text, e.label, e.language) for e in held_share]
        with server.own_server(model=current) as (_process, url, own_token):
            scores = {"current": evaluate(url, own_token, frozen, held)}
            server.load_model(url, own_token, candidate)
            scores["candidate"] = evaluate(url, own_token, frozen, held)
        report["seconds"]["score"] = round(time.monotonic() - trained, 1)
        promoted, reason = better_or_equal(scores["current"], scores["candidate"], margin)
        report.update(scores=scores, promoted=promoted, reason=reason)
        if promoted:
            report["reloaded"] = registry.promote(candidate, scores["candidate"], rasa_urls, token, pointer)
        return report

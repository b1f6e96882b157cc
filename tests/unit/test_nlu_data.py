"""The NLU training data: entity file up to date, enough examples, no evaluation text in it."""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from nlu import entities
from nlu.normalise import normalise
from nlu.training_data import read_intent_examples

DEPARTMENTS = ("education", "health", "electricity", "water_supply", "police", "local_government")
EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"


def test_entities_yml_is_generated_from_current_sources():
    assert entities.main(["--check"]) == 0, "run: .venv/bin/python -m nlu.entities"


def test_tracking_id_regex_is_the_core_pattern():
    from core.complaints.tracking import ID_PATTERN

    assert f"    - {ID_PATTERN}\n" in entities.ENTITIES_FILE.read_text(encoding="utf-8")


def test_every_department_has_at_least_150_examples():
    counts = Counter(intent for _, intent in read_intent_examples())
    assert {d: counts[d] for d in DEPARTMENTS if counts[d] < 150} == {}


def test_no_spelling_is_listed_for_two_districts():
    entities.read_districts()  # raises ValueError on a clash


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="shared/eval is not beside the repository")
def test_no_evaluation_sentence_is_in_the_training_data():
    training = {normalise(text) for text, _ in read_intent_examples()}
    leaked = []
    for path in EVAL_DIR.glob("nlu_*.csv"):
        with open(path, newline="", encoding="utf-8") as handle:
            leaked += [row["text"] for row in csv.DictReader(handle) if normalise(row["text"]) in training]
    assert leaked == []

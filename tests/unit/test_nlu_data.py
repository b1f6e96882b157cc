"""The NLU training data: entity file up to date, enough examples, no evaluation text in it."""
from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from nlu import entities
from nlu.normalise import normalise
from nlu.training_data import read_intent_examples

DEPARTMENTS = ("education", "health", "electricity", "water_supply", "police", "local_government")
EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
OWN_EVAL_DIR = Path(__file__).resolve().parents[2] / "nlu" / "eval"
# The frozen blind sets: each written before a round of tuning and never edited (docs/nlu.md, issue 9).
BLIND_SHA256 = {
    "blind.csv": "5f325e9d01058bc38a0b82a55dd9cad595f94de464de2ee8557277ab01150cc2",
    "blind2.csv": "6aab102d9943d84034c2ac8ee8778242623b6c0fe9e5bffa77f3b47ac88838df",
    "blind3.csv": "9bba0814de0a7a17040d0f9ad07db764a6693e3f482abe80b67e578950ebbb06",
    "blind4.csv": "fa95f31472275190cd2968b8b3c4b12cef82c705df7b2d6319820cffe2f6a6b6",
    "blind5.csv": "671b2dd931102df3ffc1e32306ef26add5538aed1b292ab9ebe6e5e751252489",
    "blind6.csv": "1f9926aac291f39a4258ed2714ebcb44e79e78ca128dc9cbfbe4aab46d84ebfc",
    "blind7.csv": "10ad7b9e2f58c9da052a053e737c209ab395a9f3aa9722599071c7450e19be14",
    "blind8.csv": "c6d938d3c707da80219c578561d259a116279913ece27fd9d444e08f89e0108f",
    "blind9.csv": "53a303d241e72d90a9c01c49f5f28711f4d8f5ed21b4102ac01412bdb249c595",
}


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


def _leaked(paths) -> list[str]:
    training = {normalise(text) for text, _ in read_intent_examples()}
    leaked = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as handle:
            leaked += [row["text"] for row in csv.DictReader(handle) if normalise(row["text"]) in training]
    return leaked


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="shared/eval is not beside the repository")
def test_no_evaluation_sentence_is_in_the_training_data():
    assert _leaked(EVAL_DIR.glob("nlu_*.csv")) == []


def test_no_sentence_of_our_own_eval_sets_is_in_the_training_data():
    assert _leaked(sorted(OWN_EVAL_DIR.glob("*.csv"))) == []


def test_romanised_examples_are_latin_script_of_known_intents():
    from nlu.training_data import ROOT

    romanised = read_intent_examples([ROOT / "data" / "intents_romanised.yml"])
    known = {intent for _, intent in read_intent_examples([ROOT / "data" / "intents.yml"])}
    assert len(romanised) >= 500
    assert [(t, i) for t, i in romanised if i not in known or re.search("[\u0600-\u06ff]", t)] == []


@pytest.mark.parametrize("name", sorted(BLIND_SHA256))
def test_blind_set_is_unchanged_and_large_enough(name):
    path = OWN_EVAL_DIR / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == BLIND_SHA256[name]
    with open(path, newline="", encoding="utf-8") as handle:
        langs = Counter(row["lang"] for row in csv.DictReader(handle))
    assert sum(langs.values()) >= 300 and min(langs[lang] for lang in ("en", "roman_ur", "ur")) >= 90

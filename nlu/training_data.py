"""Read Rasa YAML NLU files as plain (text, intent) pairs, outside Rasa.

Used by the scikit-learn baselines in bench/ and by tests that check the training data; it
strips entity annotations (``[Lahore](location)``, ``[x]{"entity": …}``) the way Rasa does.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = (
    ROOT / "data" / "intents.yml", ROOT / "data" / "entities.yml", ROOT / "data" / "intents_romanised.yml",
)
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def strip_annotations(example: str) -> str:
    return _ANNOTATION.sub(r"\1", example)


def read_intent_examples(paths=TRAINING_FILES) -> list[tuple[str, str]]:
    """Every intent example in the given files, annotations removed, in file order."""
    pairs = []
    for path in paths:
        for item in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["nlu"]:
            if "intent" not in item:
                continue
            for line in item["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    pairs.append((strip_annotations(line[2:].strip()), item["intent"]))
    return pairs

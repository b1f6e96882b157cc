"""Rasa 3.6 graph component that runs ``nlu.normalise`` on every message, first in the pipeline.

It is registered as a message featurizer so the default recipe places it in both the training
graph (``process_training_data``) and the prediction graph (``process``): the model is trained on
exactly the text form it is later asked about. Lookup tables and synonyms are normalised too,
otherwise an entry written with Arabic ي would never match normalised text.

Imported only inside the Rasa server (Python 3.10, ``.venv-rasa``), with the project root on
PYTHONPATH; the app never imports this module.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.normalise import normalise


def _realign_entity(entity: Dict[Text, Any], old_text: Text, new_text: Text) -> Optional[Dict]:
    """Move an annotated entity's offsets onto the normalised text (None if it vanished).

    Normalisation changes lengths (diacritics, spaces, spelling), so the normalised span is
    searched for near where the same prefix ends up.
    """
    original = old_text[entity["start"] : entity["end"]]
    span = normalise(original)
    if not span:
        return None
    approx = len(normalise(old_text[: entity["start"]]))
    start = new_text.find(span, max(0, approx - 2))
    if start < 0:
        start = new_text.find(span)
    if start < 0:
        return None
    # An entity without an explicit value carries its own text as value: keep that in step, or
    # the synonym mapper would learn "normalised spelling -> raw spelling".
    value = span if entity.get("value") == original else entity.get("value")
    return {**entity, "start": start, "end": start + len(span), "value": value}


def normalise_message(message: Message) -> None:
    """Replace the message text by its normal form, keeping entity annotations aligned."""
    text = message.get(TEXT)
    if not text or text.startswith("/"):  # "/intent" shortcuts are handled by Rasa itself
        return
    new_text = normalise(text)
    message.set(TEXT, new_text)
    entities = message.get(ENTITIES)
    if entities:
        moved = [_realign_entity(entity, text, new_text) for entity in entities]
        message.set(ENTITIES, [entity for entity in moved if entity])


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class UrduTextNormaliser(GraphComponent):
    """Folds script variants, marks, digits and Roman-Urdu spellings (see nlu/normalise.py)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "UrduTextNormaliser":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            normalise_message(message)
        training_data.lookup_tables = [
            _normalise_lookup(table) for table in training_data.lookup_tables
        ]
        # Synonym keys are what the extractor finds in normalised text; targets stay canonical.
        training_data.entity_synonyms = {
            normalise(variant): canonical
            for variant, canonical in training_data.entity_synonyms.items()
        }
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            normalise_message(message)
        return messages


def _normalise_lookup(table: Dict[Text, Any]) -> Dict[Text, Any]:
    elements = table.get("elements")
    if not isinstance(elements, list):  # a file path: left to Rasa
        return table
    unique = [element for element in dict.fromkeys(normalise(str(e)) for e in elements) if element]
    # Rasa joins the entries into one alternation, and the first alternative that matches wins:
    # longest first, so "mirpur khas" is not cut short to "mirpur".
    return {**table, "elements": sorted(unique, key=len, reverse=True)}

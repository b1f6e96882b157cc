"""Rasa 3.6's logistic-regression intent classifier, with some intents weighed more in training.

Rasa's ``LogisticRegressionClassifier`` fixes balanced class weights, so every intent counts as
much in the loss however many examples it has. ``out_of_scope`` holds the most varied examples
(chatter, vague messages, other bodies' complaints), and with balanced weights the model prefers to
send what it cannot place to a department, police above all: the confident guess the issue asks us
not to make. ``intent_weights`` multiplies the balanced weight of the intents it names (as sample
weights, so the persisted classifier is Rasa's own and loads like it). Chosen by measurement:
docs/nlu.md.

Imported only inside the Rasa server (Python 3.10, ``.venv-rasa``), with the project root on
PYTHONPATH; the app never imports this module.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.training_data import TrainingData


def sample_weights(labels: List[Text], intent_weights: Dict[Text, float]) -> np.ndarray:
    """One weight per training example: its intent's factor, 1 for intents not named. A factor for
    an intent the data lack, or one that is not positive, is a mistake in the config: a misspelt
    intent would otherwise be silently ignored while the model's hash still changes."""
    unknown = sorted(set(intent_weights) - set(labels))
    if unknown:
        raise ValueError(f"intent_weights names intents the training data lack: {unknown}")
    bad = sorted(name for name, factor in intent_weights.items() if not float(factor) > 0)
    if bad:
        raise ValueError(f"intent_weights must be positive: {bad}")
    return np.array([float(intent_weights.get(label, 1.0)) for label in labels])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class WeightedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """``LogisticRegressionClassifier`` plus ``intent_weights: {intent: factor}``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "intent_weights": {}}

    def train(self, training_data: TrainingData) -> Resource:
        # The parent's train() with one change, the sample weights (Rasa is pinned at 3.6).
        features, labels = self._create_training_matrix(training_data)
        if features.shape[0] == 0:
            return self._resource
        self.clf.fit(features, labels, sample_weight=sample_weights(labels, self.config["intent_weights"]))
        self.persist()
        return self._resource

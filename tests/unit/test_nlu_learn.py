"""The pieces of a learn cycle that need no Rasa: hold-back split, learned data file, promotion rule,
pointer file (promote, rollback, serve-with), pruning that spares rollback targets (issue 12)."""
from __future__ import annotations

import json

import pytest

from core.routing.views import TrainingExample
from nlu import learn, registry, server
from nlu.training_data import read_intent_examples


def examples(n: int) -> list[TrainingExample]:
    return [TrainingExample(i, f"gali {i} mein gandhola hai", "water_supply", "roman_ur") for i in range(n)]


def test_split_is_stable_and_disjoint():
    train, held = learn.split(examples(12), 0.25)
    assert len(held) == 3 and len(train) == 9 and not {e.id for e in train} & {e.id for e in held}
    # The same corrections under other ids (e.g. another database) split the same way.
    again = [TrainingExample(e.id + 100, e.text, e.label, e.language) for e in examples(12)]
    assert [e.text for e in learn.split(again, 0.25)[1]] == [e.text for e in held]
    assert learn.split(examples(1), 0.25) == (examples(1), [])


def test_learned_file_is_rasa_nlu_data_rasa_can_read(tmp_path):
    rows = examples(2) + [TrainingExample(9, "bijli [nahi]\nsubah se <phone>", "electricity", "roman_ur")]
    path = learn.write_learned(rows, tmp_path)
    assert path == tmp_path / "corrections.yml"
    assert read_intent_examples([path]) == [
        ("bijli (nahi) subah se <phone>", "electricity"),
        ("gali 0 mein gandhola hai", "water_supply"), ("gali 1 mein gandhola hai", "water_supply")]


def scores(all_accuracy: float, overall: float, **by_lang: float) -> dict:
    return {"all": {"accuracy": all_accuracy}, "frozen": {"overall": {"macro_f1": overall},
                                                         "by_lang": {k: {"macro_f1": v} for k, v in by_lang.items()}}}


@pytest.mark.parametrize("candidate, promoted, reason", [
    (scores(0.91, 0.90, en=0.88, ur=0.95), True, "not worse"),
    (scores(0.91, 0.895, en=0.875, ur=0.95), True, "not worse"),  # within the 0.01 margin
    (scores(0.89, 0.92, en=0.90, ur=0.96), False, "worse overall"),
    (scores(0.92, 0.90, en=0.86, ur=0.97), False, "en macro-F1 dropped by more than the margin"),
    (scores(0.92, 0.88, en=0.88, ur=0.95), False, "frozen-set macro-F1 dropped by more than the margin"),
])
def test_promotion_rule(candidate, promoted, reason):
    current = scores(0.90, 0.90, en=0.88, ur=0.95)
    assert learn.better_or_equal(current, candidate, margin=0.01) == (promoted, reason)


@pytest.fixture
def models(tmp_path, monkeypatch):
    """A models folder of our own holding a fake 'hand-written' model and two learned ones."""
    monkeypatch.setattr(server, "MODELS_DIR", tmp_path)
    monkeypatch.setattr(server, "POINTER_FILE", tmp_path / "current.json")
    base = server.model_path(server.training_hash())
    names = [base, tmp_path / "nlu-aaaa.tar.gz", tmp_path / "nlu-bbbb.tar.gz"]
    for path in names:
        path.write_bytes(b"model")
    return names


def test_promote_then_rollback_moves_the_pointer(models, tmp_path):
    base, first, second = models
    pointer = tmp_path / "current.json"
    assert registry.current_model(pointer) == base
    assert registry.promote(first, {"x": 1}, [], "", pointer) == {}
    assert registry.current_model(pointer) == first
    registry.promote(second, {}, [], "", pointer)
    assert [e["model"] for e in registry.history(pointer)] == [base.name[:-7], "nlu-aaaa", "nlu-bbbb"]
    assert registry.rollback([], "", pointer) == {"current": "nlu-aaaa", "previous": "nlu-bbbb", "reloaded": {}}
    assert registry.current_model(pointer) == first
    registry.rollback([], "", pointer)
    assert registry.current_model(pointer) == base
    with pytest.raises(registry.RegistryError, match="no earlier model"):
        registry.rollback([], "", pointer)


def test_pointer_for_other_hand_written_inputs_is_ignored(models, tmp_path):
    base, first, _ = models
    pointer = tmp_path / "current.json"
    pointer.write_text(json.dumps({"base": "0ther", "history": [{"model": "nlu-aaaa"}]}))
    assert registry.current_model(pointer) == base


def test_a_server_that_does_not_answer_is_reported_not_fatal(models, tmp_path):
    _, first, _ = models
    reloaded = registry.promote(first, {}, [f"http://127.0.0.1:{server.free_port()}"], "t", tmp_path / "current.json")
    [(url, result)] = reloaded.items()
    assert "Connection refused" in result and registry.current_model(tmp_path / "current.json") == first


def test_pruning_spares_the_rollback_targets_and_the_hand_written_model(models, tmp_path, monkeypatch):
    base, first, second = models
    registry.promote(first, {}, [], "")
    registry.promote(second, {}, [], "")
    for name in ("c", "d", "e", "f"):
        (tmp_path / f"nlu-{name}.tar.gz").write_bytes(b"model")
    server._prune_old_models(keep=tmp_path / "nlu-f.tar.gz")
    left = sorted(p.name for p in tmp_path.glob("nlu-*.tar.gz"))
    assert {base.name, first.name, second.name, "nlu-f.tar.gz"} <= set(left) and len(left) == 3 + 3

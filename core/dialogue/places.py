"""Where the problem is: the place words the citizen wrote ("Gulberg Lahore", "گلشن اقبال کراچی"),
the district (the NLU's location entity, a district named in the words, or the nearest district
centre to a location pin), and the pin's coordinates."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import yaml

from core.clusters.similarity import distance_m
from core.dialogue.state import Draft
from core.dialogue.turn import Turn
from core.paths import DATA_DIR

MAX_PIN_KM = 75.0  # a pin farther than this from every district centre gets the district question
PHRASE_BEFORE, PHRASE_AFTER = 3, 2  # words kept around the district name: "Gulshan e Iqbal Karachi"
MAX_PLACE = 500
_WORD = re.compile(r"[^\s,.;:!?،؟۔()]+")


@lru_cache(maxsize=1)
def _districts() -> list[dict[str, str]]:
    with (DATA_DIR / "district_centroids.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@lru_cache(maxsize=1)
def centroids() -> dict[str, tuple[float, float]]:
    """District -> (latitude, longitude) of its headquarters town (data/district_centroids.csv)."""
    return {r["district"]: (float(r["latitude"]), float(r["longitude"])) for r in _districts()}


@lru_cache(maxsize=1)
def _names() -> list[tuple[str, str]]:
    """(" name ", district) for the English and Urdu names, longest first ("Dera Ghazi Khan" before "Khan")."""
    pairs = [(f" {name.lower()} ", r["district"]) for r in _districts() for name in (r["district"], r["name_ur"])
             if name]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    raw = yaml.safe_load((DATA_DIR / "place_words.yml").read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in raw["stop"])


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_m(*a, *b) / 1000


def nearest_district(latitude: float, longitude: float) -> str | None:
    """The district whose centre is nearest the pin, if one is within MAX_PIN_KM."""
    best = min(centroids().items(), key=lambda item: _km((latitude, longitude), item[1]), default=None)
    if best is None or _km((latitude, longitude), best[1]) > MAX_PIN_KM:
        return None
    return best[0]


def district_named(text: str) -> str | None:
    """A district whose English or Urdu name appears as words in the text (works without the NLU)."""
    lower = f" {' '.join(_WORD.findall(text.lower()))} "
    return next((district for name, district in _names() if name in lower), None)


def place_phrase(text: str, name: str) -> str:
    """The words around ``name`` in ``text`` that say where: up to a few words either side, stopping
    at function words, verbs and problem words. ``name`` itself when it is not found."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    lowered = [w.lower() for _, _, w in words]
    target = [w.lower() for w in _WORD.findall(name)]
    n = len(target)
    first = next((i for i in range(len(words) - n + 1) if lowered[i:i + n] == target), None)
    if not target or first is None:
        return name
    stop = _stop_words()
    start, end = first, first + n - 1
    while start > 0 and first - start < PHRASE_BEFORE and lowered[start - 1] not in stop:
        start -= 1
    while end < len(words) - 1 and end - (first + n - 1) < PHRASE_AFTER and lowered[end + 1] not in stop:
        end += 1
    return text[words[start][0]:words[end][1]]


def _nlu_place(turn: Turn) -> tuple[str | None, str]:
    """(district, the words the NLU matched) from the location entity, if any."""
    if turn.nlu is None or not turn.nlu.ok:
        return None, ""
    entity = next((e for e in turn.nlu.entities if e.name == "location"), None)
    return (entity.value, entity.text) if entity else (None, "")


def take_place(turn: Turn, draft: Draft, text: str = "") -> None:
    """Place from a location pin, and from the words: ``text`` is an answer to "where?" (kept
    whole); without it, the place phrase is cut from the message around the district's name."""
    pin = turn.inbound.location
    if pin is not None:
        draft.latitude, draft.longitude = pin.latitude, pin.longitude
        draft.location_text = draft.location_text or pin.address[:MAX_PLACE]
    district, matched = _nlu_place(turn)
    district = district or district_named(text or turn.text)
    if district:
        draft.district = district
    elif draft.district is None and pin is not None:
        draft.district = nearest_district(pin.latitude, pin.longitude)
    if text:
        draft.location_text = text[:MAX_PLACE]
    elif district and not draft.location_text:
        draft.location_text = place_phrase(turn.text, matched or district)[:MAX_PLACE]


def keep_attachments(turn: Turn, draft: Draft) -> None:
    """This message's photos and location pin, added to the draft (the words are left to the step)."""
    draft.media.extend(turn.inbound.media)
    if turn.inbound.location is not None:
        take_place(turn, draft)


def take_district(turn: Turn, draft: Draft, text: str) -> None:
    """The answer to "which city or district?": the district in it (NLU, or a district name); the
    words are added to the place either way (an unknown district still tells the officer where)."""
    district = _nlu_place(turn)[0] or district_named(text)
    if district:
        draft.district = district
    words = text.strip()
    if words and words.lower() not in draft.location_text.lower():
        draft.location_text = f"{draft.location_text}, {words}"[:MAX_PLACE] if draft.location_text else words
    if turn.inbound.location is not None:
        take_place(turn, draft)


def label(turn: Turn, draft: Draft) -> str:
    """The place as the summary shows it."""
    if draft.location_text:
        return draft.location_text
    if draft.latitude is None or draft.longitude is None:
        return draft.district or ""
    pin = turn.t("place_pin", latitude=f"{draft.latitude:.5f}", longitude=f"{draft.longitude:.5f}")
    return f"{pin}, {draft.district}" if draft.district else pin

"""Is this the same problem at the same place? Script-neutral text keys and the place test.

Citizens write one problem three ways: "bijli nahi", "بجلی نہیں", "no electricity". Two cheap,
pure-Python steps make them comparable (chosen on the labelled pairs in bench/cluster_pairs.csv,
figures in docs/clusters.md):

1. A *skeleton* of each word: Urdu script transliterated to Latin consonants and Latin words stripped
   of vowels, doubled letters and the h of aspiration, so "bijli" and "بجلی" are both "bjl".
2. A small concept map (data/cluster_concepts.yml) turns problem words of every language into one
   token ("bijli", "بجلی", "electricity", "power" -> ``@electricity``).

The similarity is the cosine of the two complaints' feature bags: concept tokens (weighted) plus
character trigrams of the remaining skeletons.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import yaml

from core.paths import DATA_DIR

CONCEPTS_FILE = DATA_DIR / "cluster_concepts.yml"
CONCEPT_WEIGHT = 3.0
NGRAM = 3
EARTH_RADIUS_M = 6_371_000.0
DEFAULT_RADIUS_M = 300.0  # CLUSTER_RADIUS_M
SIMILARITY_THRESHOLD = 0.55  # chosen on bench/cluster_pairs.csv (docs/clusters.md)
QUALIFIER = "#"  # prefix of a stored place word that tells places apart ("#north"), see place_qualifiers
AREA_PARTS = frozenset({"block", "blk", "phase", "sector", "بلاک", "فیز", "سیکٹر"})  # their number names a part
_AREA_PART_NUMBER = re.compile(r"^(?:block|blk|phase|sector)-(\d+)$")
LONG_NUMBER_DIGITS = 5  # a phone or postal number, never a part of a neighbourhood
# Roman numerals of neighbourhood phases and blocks ("Gulberg III"); one-letter i, v, x are too often words.
ROMAN_NUMERALS = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "xi": "11",
                  "xii": "12"}

# Urdu letters -> Latin consonants; long vowels, alef, waw, yeh, nasal noon and hamza vanish, as the
# vowels of Roman Urdu do. Letters Roman Urdu writes alike fold together (ص ث س -> s, ق -> k).
_URDU = {
    "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j", "چ": "c", "ح": "h", "خ": "k", "د": "d",
    "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r", "ز": "z", "ژ": "z", "س": "s", "ش": "s", "ص": "s", "ض": "z",
    "ط": "t", "ظ": "z", "ع": "", "غ": "g", "ف": "f", "ق": "k", "ک": "k", "ك": "k", "گ": "g", "ل": "l",
    "م": "m", "ن": "n", "ں": "", "و": "", "ہ": "h", "ه": "h", "ھ": "", "ۃ": "t", "ۂ": "h", "ة": "t",
    "ء": "", "ی": "", "ي": "", "ى": "", "ے": "", "ۓ": "", "ا": "", "آ": "", "أ": "", "ئ": "", "ؤ": "",
}
_FINAL_HEH = re.compile("[ہه]$")  # a word-final heh is the vowel a/e: نالہ is "naala"
_URDU_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[0-9a-z\u0600-\u06ff]+(?:[-/][0-9a-z]+)*")
_VOWELS = re.compile(r"[aeiouyw]")
_ASPIRATE = re.compile(r"(?<=[bcdgjkprst])h")
_REPEAT = re.compile(r"(.)\1+")


def _latin(word: str) -> str:
    word = word.replace("q", "k").replace("x", "ks").replace("v", "w").replace("sh", "s").replace("ch", "c")
    word = word.replace("z", "s")  # "peoples" / پیپلز, "zyada" / "ziada": s and z are written alike
    word = _ASPIRATE.sub("", word.replace("ph", "f"))
    return _REPEAT.sub(r"\1", _VOWELS.sub("", word))


def skeleton(word: str) -> str:
    """The consonant skeleton of one lower-case word in either script; words with digits stay as written."""
    if any(ch.isdigit() for ch in word):
        return word
    if any("\u0600" <= ch <= "\u06ff" for ch in word):
        return _REPEAT.sub(r"\1", "".join(_URDU.get(ch, "") for ch in _FINAL_HEH.sub("", word)).replace("z", "s"))
    return _latin(word)


def words(text: str) -> list[str]:
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text or "").lower()).translate(_URDU_DIGITS)
    out: list[str] = []
    for word in _WORD.findall(text):
        # "gulshan-e-iqbal" is three words; "g-9/1" and "f-7" are one sector name.
        out.extend([word] if any(ch.isdigit() for ch in word) else re.split("[-/]", word))
    return [w for w in out if w]


@dataclass(frozen=True)
class Vocabulary:
    exact: dict[str, str]  # word as written -> concept token
    concepts: dict[str, str]  # skeleton (two letters or more) -> concept token
    stop: frozenset[str]  # skeletons of function words
    place_generic: frozenset[str]  # skeletons of words every address has ("street", "gali", "town")
    qualifiers: dict[str, str]  # word as written -> "#north", "#new"…: words that tell places apart


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = yaml.safe_load(CONCEPTS_FILE.read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    concepts: dict[str, str] = {}
    for concept, spellings in data["concepts"].items():
        for spelling in map(str, spellings):
            # "=word": that spelling only; its skeleton is another common word's ("power"/"para").
            only_exact = spelling.startswith("=")
            for w in words(spelling.lstrip("=")):
                exact.setdefault(w, "@" + concept)
                if not only_exact and len(skeleton(w)) >= 2:  # one-letter skeletons would catch "in", "na"
                    concepts.setdefault(skeleton(w), "@" + concept)
    stop = frozenset(skeleton(w) for w in words(data["stopwords"]))
    generic = frozenset(skeleton(w) for w in words(data["place_words"]))
    qualifiers = {variant: QUALIFIER + name for name, spellings in data["place_qualifiers"].items()
                  for spelling in map(str, spellings) for w in words(spelling) for variant in _letter_forms(w)}
    return Vocabulary(exact, concepts, stop - set(concepts), generic, qualifiers)


def _letter_forms(word: str) -> set[str]:
    """The word and its spelling on an Arabic keyboard (ي for ی, ك for ک), for exact-spelling lists."""
    return {word, word.replace("ی", "ي").replace("ک", "ك")}


def problem_tokens(text: str) -> list[str]:
    """Concept tokens and leftover skeletons (no function words), in the text's order."""
    vocab, out = vocabulary(), []
    for w in words(text):
        sk = skeleton(w)
        token = vocab.exact.get(w) or vocab.concepts.get(sk) or (sk if len(sk) >= 2 else None)
        if token is not None and token not in vocab.stop:
            out.append(token)
    return out


def problem_key(text: str, place: frozenset[str] = frozenset()) -> str:
    """What a cluster stores to compare newcomers with (space-separated tokens, bounded). Words of the
    ``place`` are left out: two problems at one place must not look alike for naming it."""
    return " ".join(t for t in dict.fromkeys(problem_tokens(text)) if t not in place)[:500]


def _features(key: str) -> dict[str, float]:
    bag: dict[str, float] = defaultdict(float)
    for token in key.split():
        if token.startswith("@"):
            bag[token] += CONCEPT_WEIGHT
        else:
            padded = f" {token} "
            for i in range(max(1, len(padded) - NGRAM + 1)):
                bag[padded[i:i + NGRAM]] += 1.0
    return bag


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def text_similarity(key_a: str, key_b: str) -> float:
    """0..1 between two problem keys (see ``problem_key``)."""
    return cosine(_features(key_a), _features(key_b))


def place_noise(district: str | None) -> frozenset[str]:
    """Skeletons that never tell two places apart: the district's name and generic address words."""
    return frozenset(skeleton(w) for w in words(district or "")) | vocabulary().place_generic


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def is_qualifier(word: str) -> bool:
    """A stored place word that tells places apart rather than names one: the number of a part of a
    neighbourhood ("3", "g-9/1") or a listed qualifier ("#north")."""
    return word.startswith(QUALIFIER) or _has_digit(word)


def _place_parts(place_words: frozenset[str]) -> tuple[set[str], set[str], set[str]]:
    """A place's stored words as (qualifier words, area numbers, names)."""
    marked: set[str] = set()
    numbers: set[str] = set()
    names: set[str] = set()
    for word in place_words:
        (marked if word.startswith(QUALIFIER) else numbers if _has_digit(word) else names).add(word)
    return marked, numbers, names


def _area_number(word: str, previous: str, drop: frozenset[str]) -> str | None:
    """The number of a part of a neighbourhood: "13" of "Block 13" or "Block-13", "3" of "Gulberg 3", a
    sector such as "g-9/1"; None for a house, street or phone number, which a neighbour's report lacks."""
    if match := _AREA_PART_NUMBER.match(word):
        return match.group(1)
    if any(ch.isalpha() for ch in word):
        return word
    if len(re.sub(r"\D", "", word)) >= LONG_NUMBER_DIGITS:
        return None
    if previous in AREA_PARTS:
        return word
    name = skeleton(previous) if previous and not _has_digit(previous) else ""
    return word if len(name) >= 2 and name not in drop else None


def place_words(location_text: str, district: str | None) -> frozenset[str]:
    """Neighbourhood words of a place: skeletons without the district's name or generic address words,
    and its qualifiers (area numbers, Roman numerals as digits, "#north"…) as they are."""
    drop, listed = place_noise(district), vocabulary().qualifiers
    names: list[str] = []
    qualifiers: list[str] = []
    previous = ""
    for word in words(location_text):
        numeric = _has_digit(word)
        qualifier = (_area_number(word, previous, drop) if numeric
                     else ROMAN_NUMERALS.get(word) or listed.get(word))
        if qualifier:
            qualifiers.append(qualifier)
        elif not numeric and len(sk := skeleton(word)) >= 2 and sk not in drop:
            names.append(sk)  # a house, street or phone number is neither a name nor a qualifier
        previous = word
    # Adjacent words joined too: "حیات آباد" and "hayatabad" are one name written apart or together.
    return frozenset(names + [a + b for a, b in zip(names, names[1:], strict=False)] + qualifiers)


def place_words_in_description(description: str, district: str | None) -> frozenset[str]:
    """When the place given is only the district ("Lahore"), the neighbourhood is often in the words
    themselves ("Model Town mein bijli nahi"): the words that are neither problem nor function words."""
    leftover = " ".join(t for t in problem_tokens(description) if not t.startswith("@"))
    vocab = vocabulary()
    # No qualifiers from free text: there "3" is days and "purana" an old problem, not Old Town.
    return frozenset(w for w in place_words(leftover, district) if w not in vocab.stop and not is_qualifier(w))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Place:
    district: str | None
    words: frozenset[str]
    latitude: float | None = None
    longitude: float | None = None


def same_place(a: Place, b: Place, radius_m: float) -> bool:
    """Pins within ``radius_m``, or the same district, a neighbourhood word in common and qualifiers
    that agree. Qualifier words name another neighbourhood, so they must be the same ("North Nazimabad"
    is not "Nazimabad"); numbers name a part of one, so they only must not contradict ("Gulberg III" is
    not "Gulberg II", but is "Gulberg" and "House 12, Gulberg III")."""
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        if distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= radius_m:  # type: ignore[arg-type]
            return True
    if not a.district or a.district.lower() != (b.district or "").lower():
        return False
    marked_a, numbers_a, names_a = _place_parts(a.words)
    marked_b, numbers_b, names_b = _place_parts(b.words)
    if marked_a != marked_b or (numbers_a and numbers_b and not numbers_a & numbers_b):
        return False
    if names_a and names_b:
        return bool(names_a & names_b)
    shared = numbers_a & numbers_b
    if not names_a and not names_b:  # both by number alone ("DHA Phase II", "phase 2": "dha" is too short)
        return bool(shared)
    # A name on one side only: a sector's own name ("G-9") is the place, a bare "block 5" is not.
    return any(any(ch.isalpha() for ch in w) for w in shared)

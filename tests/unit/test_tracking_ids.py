"""Tracking IDs: the check character catches every single wrong symbol and every swap of neighbours;
parsing forgives case, separators and the O/0, I/L/1 confusions; IDs carry at least 40 random bits."""
from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from core.complaints.tracking import (
    ALPHABET,
    DATA_LEN,
    ID_LEN,
    InvalidTrackingId,
    TrackingIdTypo,
    format_tracking_id,
    looks_like_tracking_id,
    new_tracking_id,
    parse_tracking_id,
)

IDS = [new_tracking_id() for _ in range(300)]


def _symbols(tracking_id: str) -> str:
    return tracking_id.replace("-", "")


def test_new_ids_have_the_canonical_shape_and_parse_to_themselves():
    for tracking_id in IDS:
        assert len(tracking_id) == ID_LEN + 1 and tracking_id[5] == "-"
        assert set(_symbols(tracking_id)) <= set(ALPHABET)
        assert any(ch.isdigit() for ch in tracking_id)
        assert parse_tracking_id(tracking_id) == tracking_id


def _typo(symbols: str) -> bool:
    try:
        parse_tracking_id(format_tracking_id(symbols))
    except TrackingIdTypo:
        return True
    return False


def test_every_single_wrong_symbol_is_reported_as_a_typo():
    for tracking_id in IDS:
        symbols = _symbols(tracking_id)
        missed = [symbols[:i] + wrong + symbols[i + 1:] for i in range(ID_LEN) for wrong in ALPHABET
                  if wrong != symbols[i] and not _typo(symbols[:i] + wrong + symbols[i + 1:])]
        assert missed == [], f"{tracking_id}: undetected {missed}"


def test_every_swap_of_neighbours_is_reported_as_a_typo():
    for tracking_id in IDS:
        symbols = _symbols(tracking_id)
        swaps = [symbols[:i] + symbols[i + 1] + symbols[i] + symbols[i + 2:] for i in range(ID_LEN - 1)
                 if symbols[i] != symbols[i + 1]]  # swapping equal symbols types the same ID
        assert [s for s in swaps if not _typo(s)] == [], tracking_id


def test_swaps_are_caught_for_every_pair_of_symbols_at_every_position():
    """Exhaustive over the alphabet: each ordered pair of symbols placed at each position of a valid
    ID (the check character recomputed), then swapped."""
    data = _symbols(IDS[0])[:DATA_LEN]
    for position in range(ID_LEN - 1):
        for a in ALPHABET:
            for b in ALPHABET:
                if a == b:
                    continue
                valid = _with_pair(data, position, a, b)
                assert valid is not None
                swapped = valid[:position] + b + a + valid[position + 2:]
                assert _typo(swapped), (valid, swapped)


def _with_pair(data: str, position: int, a: str, b: str) -> str | None:
    """A valid ID with ``a`` at ``position`` and ``b`` after it (a free data symbol moves the check character)."""
    for filler in ALPHABET:
        symbols = list(data)
        free = next(i for i in range(DATA_LEN) if i not in (position, position + 1))
        symbols[free] = filler
        for i, ch in ((position, a), (position + 1, b)):
            if i < DATA_LEN:
                symbols[i] = ch
        candidate = "".join(symbols)
        for check in ALPHABET:
            full = candidate + check
            if full[position:position + 2] == a + b and not _typo(full):
                return full
    return None


def test_what_people_type_is_forgiven():
    rng = random.Random(3)
    for tracking_id in IDS:
        symbols = _symbols(tracking_id)
        assert parse_tracking_id(tracking_id.lower()) == tracking_id
        assert parse_tracking_id(symbols) == tracking_id
        assert parse_tracking_id(f"  {symbols[:3]} {symbols[3:7]} - {symbols[7:]} ") == tracking_id
        assert parse_tracking_id("-".join(symbols)) == tracking_id
        confused = "".join(rng.choice("Oo") if ch == "0" else rng.choice("IiLl") if ch == "1" else ch
                           for ch in symbols)
        assert parse_tracking_id(confused) == tracking_id


def test_o_and_i_l_fold_to_zero_and_one():
    with_confusables = next(t for t in IDS if "0" in t or "1" in t)
    letters = with_confusables.replace("0", "O").replace("1", "l")
    assert parse_tracking_id(letters) == with_confusables


@pytest.mark.parametrize("text", ["", "hello", "Q3N1S-MF61", "Q3N1S-MF61NN", "Q3N1S-MF6!N", "۱۲۳۴۵-۶۷۸۹۰"])
def test_text_that_is_not_an_id_is_invalid_not_a_typo(text):
    with pytest.raises(InvalidTrackingId):
        parse_tracking_id(text)


def test_looks_like_tracking_id_accepts_typos_but_not_words():
    tracking_id = IDS[0]
    assert looks_like_tracking_id(tracking_id.lower())
    # A digit for the wrong symbol: replacing the ID's only digit by a letter would make it a word.
    wrong = "1" if tracking_id[-1] != "1" else "2"
    assert looks_like_tracking_id(tracking_id[:-1] + wrong)
    assert not looks_like_tracking_id("DEPARTMENT")  # ten letters, no digit


def test_at_least_40_random_bits():
    # Data symbols are uniform over the alphabet; IDs without a digit (about 2%) are redrawn.
    no_digit = ((len(ALPHABET) - 10) / len(ALPHABET)) ** ID_LEN
    bits = DATA_LEN * math.log2(len(ALPHABET)) + math.log2(1 - no_digit)
    assert bits >= 40
    many = [new_tracking_id() for _ in range(20_000)]
    assert len(set(many)) == len(many)
    for position in range(DATA_LEN):
        counts = Counter(_symbols(t)[position] for t in many)
        assert set(counts) == set(ALPHABET)  # every symbol is used at every position
        expected = len(many) / len(ALPHABET)
        assert all(0.7 * expected < n < 1.3 * expected for n in counts.values())

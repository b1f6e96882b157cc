"""nlu.normalise: the text form the model is trained on and queried with."""
from __future__ import annotations

import pytest

from nlu.normalise import clean_script, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("بجلي", "بجلی"),  # Arabic yeh
        ("على", "علی"),  # alef maksura
        ("كراچی", "کراچی"),  # Arabic kaf
        ("لاهور", "لاہور"),  # Arabic heh
        ("صلوة", "صلوۃ"),  # teh marbuta
        ("ﻻہور", "لاہور"),  # presentation-form ligature pasted from a PDF
    ],
)
def test_arabic_letter_variants_become_urdu_letters(raw, expected):
    assert clean_script(raw) == expected


def test_diacritics_and_tatweel_are_removed():
    assert clean_script("دَرْخواسْت") == "درخواست"
    assert clean_script("پـــانی") == "پانی"


def test_alef_madda_survives_as_one_letter():
    assert clean_script("ا\u0653پ") == "آپ"


def test_zero_width_and_bidi_marks_are_removed():
    assert clean_script("\u200fپانی\u200e\u200b نہیں\u202c\ufeff") == "پانی نہیں"


def test_urdu_and_arabic_indic_digits_become_ascii():
    assert clean_script("۳ دن، ٤٥ گھنٹے") == "3 دن, 45 گھنٹے"


def test_whitespace_is_folded():
    assert normalise("  bijli \t\n nahi\u00a0hai  ") == "bijli nahi hai"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bijly nai aa rhi h", "bijli nahi aa rahi hai"),
        ("BJLI NHI HE", "bijli nahi hai"),
        ("kuchh nahin hua", "kuch nahi hua"),
        ("paaaani nahiiii", "pani nahi"),
        ("plzzz help", "please help"),
    ],
)
def test_roman_urdu_spelling_variants_are_folded(raw, expected):
    assert normalise(raw) == expected


def test_folding_keeps_punctuation_and_leaves_codes_alone():
    assert normalise("Bijli nai!") == "bijli nahi!"
    # Sector names and tracking IDs are not words to fold ("h" alone means "hai").
    assert normalise("Sector H-9 aur G-13/1") == "sector h-9 aur g-13/1"
    assert normalise("K7M2Q-9XH4T") == "k7m2q-9xh4t"


def test_normalise_is_idempotent():
    text = "Lahore mein BIJLY nai h، ۳ دن سے بجلي نہيں"
    assert normalise(normalise(text)) == normalise(text)


def test_empty_text():
    assert normalise("") == ""
    assert normalise(" \u200b ") == ""

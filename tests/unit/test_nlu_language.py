"""nlu.language.detect_language: ur / roman_ur / en."""
from __future__ import annotations

import pytest

from nlu.language import detect_language


@pytest.mark.parametrize(
    "text",
    ["ہمارے محلے میں تین دن سے بجلی نہیں ہے", "بجلي نہيں", "FIR درج نہیں ہو رہی", "۱۲۳ لاہور"],
)
def test_urdu_script_is_ur(text):
    assert detect_language(text) == "ur"


@pytest.mark.parametrize(
    "text",
    [
        "hamare mohalle mein teen din se bijli nahi hai",
        "bjli nai aa rhi h",
        "school ka teacher roz late aata hai",
        "pani ka bill bohat zyada aya hai",
    ],
)
def test_roman_urdu_is_roman_ur(text):
    assert detect_language(text) == "roman_ur"


@pytest.mark.parametrize(
    "text",
    [
        "Shehar Mein Kachray K Dher, Bladiya Ki Khamoshi",
        "SUBAH SE PANI BAND HAI HMARE SECTOR MN",
        "Government School Mn Teacher Hi Nai H",
        "Street Lights Khrab Hn 2 Mahine Se",
        "Wapda Ki Ghalat Billing Pr Shehri Pareshan",
    ],
)
def test_title_case_and_sms_roman_urdu_is_roman_ur(text):
    assert detect_language(text) == "roman_ur"


@pytest.mark.parametrize(
    "text",
    ["Light Gayi", "school band hai", "complaint no 4417 ka status btao", "Water Supply Band Hai"],
)
def test_loan_words_do_not_outvote_roman_urdu(text):
    """Short Roman Urdu whose only other words are English loans, as these writers type them."""
    assert detect_language(text) == "roman_ur"


@pytest.mark.parametrize(
    "text",
    [
        "The light is gone", "Check the status of my complaint", "water meter stolen",
        "hospital doctor absent", "Police Station Closed", "Jinnah Road Quetta", "Street Lights Damaged",
    ],
)
def test_loan_words_without_roman_urdu_stay_en(text):
    """Short English complaints and place answers: only loan words, no Roman-Urdu word."""
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "There has been no electricity in our street for three days",
        "The teacher does not come to school",
        "Garbage is piling up near the market",
    ],
)
def test_english_is_en(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["hii", "lol", "ok"])
def test_one_or_two_unknown_words_are_en(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "12345", "😂😂😂", "!!!", "K7M2Q-9XH4T"])
def test_text_without_words_does_not_raise(text):
    assert detect_language(text) in {"ur", "roman_ur", "en"}


def test_deterministic_on_ties():
    text = "Lahore Karachi"
    assert len({detect_language(text) for _ in range(5)}) == 1

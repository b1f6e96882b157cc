"""The citizen's own place words, the district (named, or the nearest to a pin) and the pin, kept together."""
import pytest

from core.dialogue.places import district_named, nearest_district, place_phrase
from core.dialogue.types import Location
from tests.unit.dialogue.helpers import complaints


@pytest.mark.parametrize("text, name, phrase", [
    ("Gulberg Lahore mein 3 din se bijli nahi", "lahore", "Gulberg Lahore"),
    ("گلشن اقبال کراچی میں پانی نہیں آ رہا", "کراچی", "گلشن اقبال کراچی"),
    ("There has been no electricity in Gulberg, Lahore for three days", "Lahore", "Gulberg, Lahore"),
    ("pani nahi aa raha gulshan e iqbal karachi", "karachi", "gulshan e iqbal karachi"),
    ("bijli nahi hai Lahore mein", "Lahore", "Lahore"),
    ("no water since Monday", "Lahore", "Lahore"),  # not in the text: the district itself
])
def test_the_place_phrase_is_the_words_around_the_district(text, name, phrase):
    assert place_phrase(text, name) == phrase


def test_a_pin_gets_the_nearest_district_within_a_sane_distance():
    assert nearest_district(31.47, 74.27) == "Lahore"  # Johar Town
    assert nearest_district(24.92, 67.09) == "Karachi"  # Gulshan-e-Iqbal
    assert nearest_district(51.5, -0.12) is None  # London: no district, the question is asked


def test_districts_are_named_in_english_and_urdu_without_the_nlu():
    assert district_named("Model Town, Karachi") == "Karachi"
    assert district_named("گلبرگ، لاہور") == "Lahore"
    assert district_named("Dera Ghazi Khan city") == "Dera Ghazi Khan"
    assert district_named("near the mosque") is None


@pytest.mark.parametrize("first, place", [
    ("گلشن اقبال کراچی میں تین دن سے پانی نہیں آ رہا", "گلشن اقبال کراچی"),
    ("Gulberg Lahore mein 3 din se bijli nahi", "Gulberg Lahore"),
])
def test_the_complaint_keeps_the_place_words_and_the_district(chat, nlu, db, first, place):
    nlu.confidence = 0.95
    chat.send(first)
    chat.send("1")
    [case] = complaints(db)
    assert (case.location_text, case.district) == (place, "Karachi" if "کراچی" in first else "Lahore")


def test_a_pin_without_words_files_with_its_district_and_coordinates(chat, nlu, db):
    nlu.confidence = 0.95
    chat.send("no electricity in our street")
    chat.send("", location=Location(24.92, 67.09))
    assert chat.question.startswith("summary#") and "24.92000" in chat.text
    chat.send("1")
    [case] = complaints(db)
    assert (case.latitude, case.longitude, case.district) == (24.92, 67.09, "Karachi")


def test_a_pin_far_from_every_district_gets_the_district_question(chat, nlu, db):
    nlu.confidence = 0.95
    chat.send("no electricity in our street")
    chat.send("", location=Location(40.0, 60.0))
    assert "Which city or district" in chat.text
    chat.send("Okara")
    chat.send("1")
    assert complaints(db)[0].district == "Okara"

"""Personal data is scrubbed from complaint text before it may enter training data (core.routing.scrub)."""
import pytest

from core.routing.scrub import scrub

PHONES = [
    "+92 300 1234567", "+923001234567", "+92-300-1234567", "+92 300 123 4567", "0092 300 1234567",
    "00923001234567", "923001234567", "03001234567", "0300-1234567", "0300 1234567", "0300 123 4567",
    "0300-123-4567", "042-35761234", "(042) 3576 1234", "051 2345678",
    "۰۳۰۰۱۲۳۴۵۶۷", "۰۳۰۰-۱۲۳۴۵۶۷", "+۹۲ ۳۰۰ ۱۲۳۴۵۶۷", "٠٣٠٠١٢٣٤٥٦٧",
]
CNICS = ["35202-1234567-1", "3520212345671", "35202 1234567 1", "۳۵۲۰۲-۱۲۳۴۵۶۷-۱", "٣٥٢٠٢١٢٣٤٥٦٧١"]


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("template", [
    "My number is {} please call, the transformer is burnt",
    "Mera number {} hai, bijli nahi aa rahi",
    "میرا نمبر {} ہے، بجلی نہیں آ رہی",
])
def test_phone_numbers_in_every_script(phone, template):
    text = scrub(template.format(phone))
    assert "<phone>" in text and not any(ch.isdigit() for ch in text), text


@pytest.mark.parametrize("cnic", CNICS)
@pytest.mark.parametrize("template", [
    "CNIC {} police did not register FIR", "Mera shanakhti card {} hai", "میرا شناختی کارڈ {} ہے",
])
def test_cnics_with_and_without_dashes(cnic, template):
    text = scrub(template.format(cnic))
    assert "<cnic>" in text and not any(ch.isdigit() for ch in text), text


@pytest.mark.parametrize("template", [
    "write to me at {} about the hospital", "mujhe {} par email karein", "مجھے {} پر ای میل کریں",
])
def test_emails(template):
    text = scrub(template.format("ali.khan+1@gmail.com"))
    assert "<email>" in text and "gmail" not in text and "ali" not in text


def test_tracking_ids_and_the_citizens_name():
    text = scrub("Ali Raza here, case 7K3QX-9MB2P and 7K3QX9MB2P still open. ali says hi", ("Ali Raza",))
    assert text == "<name> here, case <tracking_id> and <tracking_id> still open. <name> says hi"
    urdu = scrub("میں محمد علی ہوں، گلی میں کچرا ہے", ("محمد علی",))
    assert urdu == "میں <name> ہوں، گلی میں کچرا ہے"


def test_complaint_words_and_small_numbers_stay():
    text = "Gulberg Lahore mein 3 din se bijli nahi, 11 kV line, street 12"
    assert scrub(text, ("Bilal",)) == text

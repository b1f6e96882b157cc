"""Complaints about bodies none of our departments covers (gas, NADRA, banks, mobile networks…):
when the NLU places the message in no department, the citizen is told who handles it, in their
language, and nothing is filed; a message the NLU does place is filed as before."""
import pytest
import yaml

from core import messages
from core.complaints.models import Complaint
from core.paths import DATA_DIR
from tests.unit.dialogue.helpers import complaints, count


@pytest.mark.parametrize("text, expected", [
    ("sui gas ka pressure itna kam hai roti nahi pakti", "SNGPL (Punjab, KP, Islamabad) ya SSGC"),
    ("سوئی گیس کا بل پچیس ہزار آیا ہے", "ہیلپ لائن 1199"),
    ("NADRA office has been sending me back for three weeks for my ID card", "NADRA's helpline 1777"),
    ("میرا شناختی کارڈ بلاک ہو گیا ہے", "نادرا کی ہیلپ لائن 1777"),
    ("ATM se paise nahi nikle magar account se kat gaye", "Banking Mohtasib"),
    ("Zong ka signal ghar mein nahi aata", "complaint.pta.gov.pk"),
    ("the private school raised its fees by 30 percent", "private schools regulatory authority"),
    ("makan malik zabardasti ghar khali karwa raha hai", "rent controller"),
])
def test_a_complaint_about_another_body_is_told_who_handles_it(chat, nlu, db, text, expected):
    nlu.override = "out_of_scope"  # as the model reads them (the fake's rules would see "school")
    chat.send(text)
    assert expected in chat.text
    assert chat.question == ""  # nothing asked, nothing half-filed
    assert count(db, Complaint) == 0


def test_the_reply_offers_the_way_back_to_our_services_in_the_citizens_language(chat):
    chat.send("passport office mein 2 mahine se passport nahi mila")
    assert "Agar aap ka masla pani, bijli" in chat.text
    chat.send("3 din se bijli nahi hai")  # the next message is a fresh one
    assert chat.question.startswith("confirm_department#")


def test_a_department_the_nlu_reads_wins_over_a_body_named_in_passing(chat, db):
    chat.send("bank ke samne 3 din se bijli ka transformer jala hua hai")
    assert chat.question.startswith("confirm_department#")
    assert "Banking Mohtasib" not in chat.text


@pytest.mark.parametrize("text", [
    "SEPCO sent 2 bills for the same month, one shows unpaid even after I paid at the bank",
    "they burn the cut plants here and it releases toxic gas into the air",
])
def test_a_word_of_another_body_in_passing_is_not_taken_for_it(chat, nlu, text):
    nlu.override = "out_of_scope"  # the model unsure of a complaint that mentions a bank or a gas
    chat.send(text)
    assert "Banking Mohtasib" not in chat.text and "1199" not in chat.text
    assert chat.question.startswith("ask_problem#")


def test_the_answer_to_what_is_it_about_can_name_another_body(chat, db):
    chat.send("bohat pareshani hai koi sunta nahi")
    assert chat.question.startswith("ask_problem#")
    chat.send("gas ka masla hai")
    assert "helpline 1199" in chat.text
    assert chat.question == "" and complaints(db) == []


def test_with_the_nlu_down_the_body_is_still_recognised(chat, nlu):
    nlu.down = True
    chat.send("SNGPL ne gas ka meter utha liya jabke bill jama tha")
    assert "helpline 1199" in chat.text


def test_every_body_has_its_reply():
    """Each reply's three languages are checked with every other message (test_messages)."""
    raw = yaml.safe_load((DATA_DIR / "other_bodies.yml").read_text(encoding="utf-8"))
    assert [b["code"] for b in raw["bodies"] if f"other_body_{b['code']}" not in messages.catalog()] == []

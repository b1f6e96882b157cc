"""Complaints about bodies none of our departments covers (gas, NADRA, banks, mobile networks…):
when the NLU reads no department in the message, the citizen is told who handles it, in their
language, and then asked, as for any message naming no service of ours, what the problem is about;
the draft is kept, so a wrong match costs one line and never a complaint."""
import pytest
import yaml

from core import messages
from core.dialogue.other_bodies import body_named
from core.dialogue.types import Location
from core.paths import DATA_DIR
from tests.unit.dialogue.helpers import complaints, tracking_id


@pytest.mark.parametrize("text, expected", [
    ("sui gas ka pressure itna kam hai roti nahi pakti", "SNGPL (Punjab, KP, Islamabad) ya SSGC"),
    ("سوئی گیس کا بل پچیس ہزار آیا ہے", "گیس لیک ہو تو فوراً 1199"),
    ("NADRA office has been sending me back for three weeks for my ID card", "Please call NADRA at 051-111-786-100"),
    ("میرا شناختی کارڈ بلاک ہو گیا ہے", "نادرا کو 051-111-786-100 پر فون کریں"),
    ("ATM se paise nahi nikle magar account se kat gaye", "pehle apne bank se likh kar shikayat karein"),
    ("Zong ka signal ghar mein nahi aata", "hal na ho to PTA"),
    ("the private school raised its fees by 30 percent", "private schools regulatory or registration authority"),
    ("makan malik zabardasti ghar khali karwa raha hai", "rent controller ya rent tribunal"),
])
def test_a_complaint_about_another_body_is_told_who_handles_it_in_the_citizens_language(chat, nlu, text, expected):
    nlu.override = "out_of_scope"  # as the model reads them (the fake's rules would see "school")
    chat.send(text)
    assert expected in chat.text
    assert chat.question.startswith("ask_problem#")  # then asked whether there is something of ours
    assert any(word in chat.replies[-1].text for word in ("otherwise send cancel", "warna cancel", "ورنہ منسوخ"))


def test_the_draft_is_kept_and_a_problem_of_ours_is_still_filed(chat, nlu, db):
    nlu.override = "out_of_scope"
    chat.send("passport office mein 2 mahine se passport nahi mila, Lahore", media=("https://x/photo.jpg",))
    assert "Passport ka kaam Directorate General" in chat.text and "Agar pani, bijli" in chat.text
    nlu.override = None
    chat.send("aur mohalle mein pani bhi nahi aa raha")  # the fake reads water at 0.7: confirmed
    chat.send("1")
    assert chat.question.startswith("summary#")  # the place, Lahore, came with the first message
    chat.send("1")
    [case] = complaints(db)
    assert case.tracking_id == tracking_id(chat.text) and case.department_code == "water_supply"
    assert "passport office" in case.description and "pani bhi nahi" in case.description
    assert case.attachments == ["https://x/photo.jpg"] and case.district == "Lahore"


def test_a_department_the_nlu_leans_to_wins_over_a_body_named_in_passing(chat, nlu):
    nlu.confidence = 0.5  # the fake reads electricity, below the fixture's threshold (0.6): not routed
    chat.send("bank walon ne bhi shikayat ki, 3 din se bijli ka transformer jala hua hai")
    assert chat.question.startswith("ask_problem#")
    assert "Banking Mohtasib" not in chat.text


@pytest.mark.parametrize("answer", ["nahi", "no", "نہیں"])
def test_no_to_the_question_after_who_handles_it_ends_the_conversation_with_nothing_filed(chat, nlu, db, answer):
    nlu.override = "out_of_scope"
    chat.send("Zong ka signal ghar mein nahi aata")
    chat.send(answer)
    assert "nothing was filed" in chat.text or "kuch darj nahi hua" in chat.text or "کچھ درج نہیں ہوا" in chat.text
    assert chat.question == "" and complaints(db) == []


def test_a_pin_sent_alone_to_what_is_it_about_is_kept(chat, nlu, db):
    nlu.override = "out_of_scope"
    chat.send("NADRA walay 3 mahine se card nahi de rahe")
    chat.send("", location=Location(31.52, 74.35))
    assert chat.question.startswith("ask_problem#")
    nlu.override = None
    chat.send("mohalle mein pani bhi nahi aa raha")
    chat.send("1")  # the department confirmed; the place is the pin: straight to the summary
    assert chat.question.startswith(("summary#", "ask_district#"))
    assert not chat.question.startswith("ask_location#")


def test_one_word_naming_a_body_is_told_who_handles_it(chat, nlu):
    nlu.override = "out_of_scope"
    chat.send("SNGPL")
    assert "helpline 1199" in chat.text


def test_a_wallet_is_told_from_its_network_by_the_longer_phrase():
    assert (body_named("jazz cash se paise kat gaye"), body_named("jazz ka signal nahi aata")) == ("bank", "telecom")


def test_an_emergency_gets_the_emergency_numbers_not_a_bank_reply(chat, nlu):
    nlu.override = "out_of_scope"
    chat.send("ATM se paise nikal kar aa raha tha daku ne goli chala di")
    assert "1122" in chat.text and "Banking Mohtasib" not in chat.text


def test_the_answer_to_what_is_it_about_can_name_another_body(chat, nlu):
    nlu.override = "out_of_scope"
    chat.send("bohat pareshani hai koi sunta nahi")
    assert chat.question.startswith("ask_problem#")
    chat.send("gas nahi aa rahi subah se")
    assert "helpline 1199" in chat.text
    assert chat.question.startswith("choose_department#")  # asked once: the menu, the draft kept


def test_from_the_complaint_menu_too(chat, nlu):
    chat.send("complaint")
    nlu.override = "out_of_scope"
    chat.send("NADRA walay 3 mahine se card nahi de rahe")
    assert "NADRA ko 051-111-786-100" in chat.text and chat.question.startswith("ask_problem#")


def test_with_the_nlu_down_the_body_is_still_named_and_the_menu_follows(chat, nlu):
    nlu.down = True
    chat.send("SNGPL ne gas ka meter utha liya jabke bill jama tha")
    assert "helpline 1199" in chat.text
    assert chat.question.startswith("choose_department#")


@pytest.mark.parametrize("text", [
    "SEPCO sent 2 bills for the same month, one shows unpaid even after I paid at the bank",
    "they burn the cut plants here and it releases toxic gas into the air",
    "hospital mein oxygen gas nahi hai",
    "ہمارے محلے میں گٹر ابل رہے ہیں کسی کو احساس نہیں",
    "Benazir Bhutto Hospital mein raat ko koi doctor nahi hota",
    "ATM ke samne kachra ka dher laga hai",
    "bijli ka bill easypaisa se jama karwaya phir bhi unpaid dikha raha hai",
    "school ki PTA ne fund kha liye",
    "police ne mera id card rakh liya",
    "passport ki police verification ke liye thane wale rishwat mang rahe hain",
    "sarkari school mein headmaster school fee le raha hai",
    "safai walon ko 3 mahine se salary nahi di is liye kachra nahi utha",
    "naye meter ka security deposit jama karwaya connection nahi laga",
    "overbilling ka refund nahi mila LESCO se",
])
def test_words_of_our_own_complaints_are_not_taken_for_another_body(text):
    assert body_named(text) is None


def test_every_body_has_its_reply():
    """Each reply's three languages are checked with every other message (test_messages)."""
    raw = yaml.safe_load((DATA_DIR / "other_bodies.yml").read_text(encoding="utf-8"))
    assert [b["code"] for b in raw["bodies"] if f"other_body_{b['code']}" not in messages.catalog()] == []

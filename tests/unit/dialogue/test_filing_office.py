"""The filing confirmation names the office the complaint went to (issue 16)."""
from tests.unit.dialogue.helpers import complaints, tracking_id


def test_the_confirmation_names_the_company_and_the_district(chat, db):
    chat.send("Gulberg Lahore mein 3 din se bijli nahi")
    chat.send("1")
    chat.send("haan")
    tid = tracking_id(chat.text)
    assert "Bheji gayi: LESCO (Lahore Electric Supply Company), Lahore" in chat.text
    [case] = complaints(db)
    assert (case.tracking_id, case.office_code) == (tid, "LESCO")

"""`awaaz nlu corrections` as an operator runs it: list pending corrections, approve, reject (issue 12)."""
from __future__ import annotations

import json

from core.citizens import get_or_create_citizen, update_profile
from core.complaints.access import Viewer
from core.complaints.actions import reassign
from core.complaints.filing import NewComplaint, file_complaint
from core.routing import service as routing
from tests.integration.test_cli import awaaz

ADMIN = Viewer(3, "Admin Bushra", None, True)


def file_with_nlu(db, text: str, chosen: str, nlu_top: str, *, address="+923001234567", name=None,
                  language="roman_ur") -> str:
    """A complaint the NLU put under ``nlu_top`` and the citizen filed under ``chosen``."""
    with db.transaction() as session:
        citizen = get_or_create_citizen(session, "whatsapp", address)
        if name:
            update_profile(session, citizen, name=name)
        view = file_complaint(session, NewComplaint(
            department=chosen, description=text, language=language, channel="whatsapp", citizen_id=citizen.id,
            routed_by="nlu" if chosen == nlu_top else "citizen", nlu_model="nlu-85a0295b28c6f935",
            nlu_intents=[[nlu_top, 0.71], ["health", 0.1]], location_text="Lahore"))
    return view.tracking_id


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.strip().splitlines()]


def test_corrections_are_listed_scrubbed_then_approved_and_rejected(db, tmp_path):
    file_with_nlu(db, "Zahid Khan here, 0321-7654321, gutter ubal raha hai", "water_supply", "local_government",
                  name="Zahid Khan")
    tracking = file_with_nlu(db, "bijli ka bill ghalat aaya", "electricity", "electricity", address="+923009999999")
    with db.transaction() as session:
        reassign(session, ADMIN, tracking, "local_government")
    listed = awaaz(db.url, "nlu", "corrections", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = _lines(listed.stdout)
    assert [(r["text"], r["language"], r["from"], r["to"], r["source"]) for r in rows] == [
        ("<name> here, <phone>, gutter ubal raha hai", "roman_ur", "local_government", "water_supply", "citizen"),
        ("bijli ka bill ghalat aaya", "roman_ur", "electricity", "local_government", "officer")]
    assert set(rows[0]) == {"id", "text", "language", "from", "to", "source", "date"}

    unknown = awaaz(db.url, "nlu", "corrections", "--approve", str(rows[0]["id"]), "999", cwd=tmp_path)
    assert unknown.returncode == 2 and "not pending corrections: 999" in unknown.stderr
    done = awaaz(db.url, "nlu", "corrections", "--approve", str(rows[0]["id"]), "--reject", str(rows[1]["id"]),
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"approved": [rows[0]["id"]], "rejected": [rows[1]["id"]]}
    assert awaaz(db.url, "nlu", "corrections", cwd=tmp_path).stdout == ""
    with db.transaction() as session:
        assert [(e.text, e.label) for e in routing.training_examples(session)] == [
            ("<name> here, <phone>, gutter ubal raha hai", "water_supply")]


def test_approve_all(db, tmp_path):
    for n in range(3):
        file_with_nlu(db, f"school {n} mein teacher nahi aata", "education", "police", address=f"+92300000000{n}")
    result = awaaz(db.url, "nlu", "corrections", "--approve-all", "--reviewer", "Bushra", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["approved"]) == 3
    with db.transaction() as session:
        assert routing.pending_corrections(session) == []
        assert len(routing.training_examples(session)) == 3


def test_learn_without_approved_corrections_trains_nothing_and_rollback_needs_a_promotion(db, tmp_path):
    learned = awaaz(db.url, "nlu", "learn", cwd=tmp_path)
    assert learned.returncode == 0, learned.stderr
    report = json.loads(learned.stdout.strip().splitlines()[-1])
    assert report["promoted"] is False and report["candidate"] is None and report["learned_examples"] == 0
    assert report["current"].startswith("nlu-") and report["reason"] == "no approved corrections"
    rollback = awaaz(db.url, "nlu", "rollback", cwd=tmp_path)
    assert rollback.returncode == 2 and "no earlier model to roll back to" in rollback.stderr

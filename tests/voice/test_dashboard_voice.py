"""Officers hear the citizen: the case page plays the voice note through the app, beside its automatic
transcript, and the audio follows the case's access rules (other departments get 404, never the file)."""
from __future__ import annotations

from core.voice import jobs
from core.voice.jobs import VoiceIn
from tests.fixtures.voice import speak
from tests.integration.test_dashboard import sign_in


def voice_note(db, audio: bytes, transcript: str) -> int:
    with db.transaction() as session:
        row = jobs.accept(session, VoiceIn("telegram", "4242", f"u{len(audio)}{transcript[:5]}", "FILE",
                                           "audio/ogg", audio=audio))
        session.flush()
        jobs.save_transcript(session, row.id, transcript, "en", 2.5)
        return row.id


def test_officer_of_the_department_hears_the_note_and_reads_the_automatic_transcript(client, db, officer_token,
                                                                                      file_case):
    audio = speak("No water for three days")
    note = voice_note(db, audio, "No water for three days")
    tracking_id = file_case("water_supply", "No water for three days", attachments=(f"voice:{note}",))
    sign_in(client, officer_token("water_supply"))
    page = client.get(f"/dashboard/cases/{tracking_id}")
    assert f'src="/dashboard/cases/{tracking_id}/voice/{note}"' in page.text
    assert "Automatic transcript (may contain errors)" in page.text and "No water for three days" in page.text
    response = client.get(f"/dashboard/cases/{tracking_id}/voice/{note}")
    assert response.status_code == 200 and response.content == audio
    assert response.headers["content-type"] == "audio/ogg"
    assert response.headers["cache-control"] == "private, no-store"


def test_the_player_gets_the_part_of_the_note_it_asks_for(client, db, officer_token, file_case):
    audio = speak("The school has no teacher")
    note = voice_note(db, audio, "The school has no teacher")
    tracking_id = file_case("education", "The school has no teacher", attachments=(f"voice:{note}",))
    url = f"/dashboard/cases/{tracking_id}/voice/{note}"
    sign_in(client, officer_token("water_supply"))
    assert client.get(url, headers={"Range": "bytes=0-1"}).status_code == 404  # a range opens no other door
    sign_in(client, officer_token("education"))
    probe = client.get(url, headers={"Range": "bytes=0-1"})  # what Safari asks before it plays
    assert probe.status_code == 206 and probe.content == audio[:2]
    assert probe.headers["content-range"] == f"bytes 0-1/{len(audio)}" and probe.headers["accept-ranges"] == "bytes"
    seek = client.get(url, headers={"Range": f"bytes={len(audio) // 2}-"})
    assert seek.status_code == 206 and seek.content == audio[len(audio) // 2:]
    assert client.get(url, headers={"Range": f"bytes={len(audio)}-"}).status_code == 416


def test_other_departments_and_other_cases_notes_are_not_served(client, db, officer_token, file_case):
    note = voice_note(db, speak("Street light broken"), "Street light broken")
    other = voice_note(db, speak("Someone else's complaint"), "Someone else's complaint")
    tracking_id = file_case("water_supply", "Street light broken", attachments=(f"voice:{note}",))
    sign_in(client, officer_token("electricity"))
    assert client.get(f"/dashboard/cases/{tracking_id}/voice/{note}").status_code == 404
    sign_in(client, officer_token("water_supply"))
    assert client.get(f"/dashboard/cases/{tracking_id}/voice/{other}").status_code == 404  # not this case's
    assert client.get(f"/dashboard/cases/{tracking_id}/voice/{note}").status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client, db, file_case):
    note = voice_note(db, speak("Pot holes"), "Pot holes")
    tracking_id = file_case("local_government", "Pot holes", attachments=(f"voice:{note}",))
    response = client.get(f"/dashboard/cases/{tracking_id}/voice/{note}", follow_redirects=False)
    assert response.status_code in (303, 307) and response.headers["location"].startswith("/dashboard/login")

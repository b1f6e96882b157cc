"""Routing that learns, end to end with the real Rasa model (issue 12).

A local word the model has never seen ("gandhola", invented here: a sewer overflowing into the lane)
is misrouted to Local Government. Citizens correct it to Water and Sanitation at filing and
officers reassign cases to it; an admin approves the corrections (`awaaz nlu corrections
--approve-all`); `learn` trains a candidate, finds it not worse on the frozen dev set and promotes
it into the running server (PUT /model), which then routes a new message with the word right. The
old model file is kept and a rollback restores it. Corrections with deliberately wrong labels give
a candidate that is not promoted. Two trainings in all (cached by content hash on later runs).
"""
from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.app import create_app
from core import messages
from core.complaints.access import Viewer
from core.complaints.actions import reassign
from core.complaints.filing import NewComplaint, file_complaint
from core.complaints.models import Complaint
from core.departments.catalog import department
from core.routing import service as routing
from nlu import learn, registry, server
from nlu.client import RasaNluClient
from nlu.training_data import read_intent_examples
from tests.channels.twilio_support import WhatsAppChat
from tests.integration.test_cli import awaaz

pytestmark = [pytest.mark.rasa, pytest.mark.parametrize("migrated_database", ["sqlite"], indirect=True)]

TRACKING = re.compile(r"[0-9A-Z]{5}-[0-9A-Z]{5}")
ADMIN = Viewer(1, "Admin Sadia", None, True)
CITIZEN_CORRECTIONS = [
    "ghar ke samne gandhola hai", "our street has a gandhola again", "ہماری گلی میں گندھولا ہو گیا ہے",
    "there is a gandhola in front of my house", "mohalle mein gandhola hai", "gali number 4 mein gandhola",
]
OFFICER_REASSIGNED = [
    "hamare ghar ke samne gandhola", "gali mein gandhola ki wajah se badbu hai", "the lane has a gandhola", "ہمارے محلے میں گندھولا ہے",
]
NEW_MESSAGE = "hamari gali mein gandhola ho gaya hai"  # in none of the corrections
WRONG, RIGHT = "local_government", "water_supply"


@pytest.fixture(scope="module")
def running_rasa():
    """The deployment's Rasa server (RASA_URL): our own, since the test loads models into it."""
    with server.own_server() as (_process, url, token):
        client = RasaNluClient(url, token, timeout=30.0, model_ttl=0)
        yield url, token, client
        client.close()


@pytest.fixture
def eval_sets():
    try:
        return learn.default_eval_sets()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def app_client(db, settings, running_rasa):
    with TestClient(create_app(settings, db=db, nlu=running_rasa[2], run_worker=False)) as client:
        yield client


def asks_where(text: str) -> bool:
    """Whether the bot's reply asks for the place (in any of its languages)."""
    questions = [messages.catalog()[key][lang] for key in ("ask_location", "ask_district") for lang in messages.LANGUAGES]
    return any(question.split("?")[0].split("؟")[0] in text for question in questions)


def file_on_whatsapp(chat: WhatsAppChat, text: str, code: str) -> str:
    """File ``text`` under department ``code`` as an honest citizen would, whatever the NLU made of it:
    accept a proposal naming that department, else say "another department" and pick it; answer
    "what is it about?" with its name and "where?" with the city; then file it."""
    info = department(code)
    name = info.name_ur if re.search("[\u0600-\u06ff]", text) else info.name_en
    chat.send(text)
    named = False
    for _ in range(8):
        if TRACKING.search(chat.text):
            return TRACKING.search(chat.text).group(0)
        numbered = [line for line in chat.text.splitlines() if re.match(r"\d+\. ", line)]
        if not numbered and asks_where(chat.text):  # a sure first guess leaves only the place to ask
            chat.send("Lahore")
        elif not numbered:  # "what is it about?", then where
            chat.send("Lahore" if named else name)
            named = True
        elif any(name in line for line in numbered):
            chat.send(chat.option(name))  # the department menu
        else:  # a proposal (confirmation or summary): 1 if it names the department, else another one
            chat.send("1" if name in chat.text.split("\n1. ")[0] else "2")
    raise AssertionError(f"not filed: {chat.text}")


def test_corrections_teach_the_running_server_a_new_word_and_rollback_restores(
        app_client, db, running_rasa, eval_sets, tmp_path):
    url, token, client = running_rasa
    base = registry.current_model()
    before = client.parse(NEW_MESSAGE)
    assert before.intent == WRONG and before.model == registry.model_id(base)

    for n, text in enumerate(CITIZEN_CORRECTIONS):
        file_on_whatsapp(WhatsAppChat(app_client, f"+92300111000{n}"), text, RIGHT)
    for n, text in enumerate(OFFICER_REASSIGNED):
        tracking = file_on_whatsapp(WhatsAppChat(app_client, f"+92300222000{n}"), text, WRONG)
        with db.transaction() as session:
            reassign(session, ADMIN, tracking, RIGHT, "WASA clears sewers")
    listed = [json.loads(line) for line in awaaz(db.url, "nlu", "corrections", cwd=tmp_path).stdout.splitlines()]
    print(*listed, sep="\n")
    # A citizen's pick is a correction where the model's top guess was not Water and Sanitation.
    with db.transaction() as session:
        # keyed by the first message (an answer to "what is it about?" is added to the description)
        tops = {c.description.split("\n")[0]: c.nlu_intents[0][0] for c in session.scalars(select(Complaint)).unique()}
    assert sorted(r["text"].split("\n")[0] for r in listed if r["source"] == "citizen" and r["to"] == RIGHT) == sorted(
        t for t in CITIZEN_CORRECTIONS if tops[t] != RIGHT)
    assert sum(tops[t] != RIGHT for t in CITIZEN_CORRECTIONS) >= 4  # the word is unknown: mostly misrouted
    assert [(r["from"], r["to"]) for r in listed if r["source"] == "officer"] == [(WRONG, RIGHT)] * 4
    assert awaaz(db.url, "nlu", "corrections", "--approve-all", cwd=tmp_path).returncode == 0

    with db.transaction() as session:
        examples = routing.training_examples(session)
    assert {e.label for e in examples} == {RIGHT} and len(examples) == len(listed) - sum(
        r["source"] == "citizen" and r["text"].split("\n")[0] in OFFICER_REASSIGNED for r in listed)  # superseded by the officer
    pointer = tmp_path / "current.json"
    report = learn.learn(examples, rasa_urls=[url], token=token, margin=0.02, holdout=0.25, eval_sets=eval_sets,
                         learned_dir=tmp_path / "learned", pointer=pointer)
    print(json.dumps(report))
    assert report["promoted"] is True and report["reloaded"] == {url: "ok"}, report
    assert report["current"] == registry.model_id(base) != report["candidate"]
    held = round(len(examples) * 0.25)
    assert report["learned_examples"] == len(examples) - held and report["scores"]["candidate"]["held_back"]["n"] == held
    learned = read_intent_examples([tmp_path / "learned" / "corrections.yml"])
    assert len(learned) == len(examples) - held and {label for _, label in learned} == {RIGHT}

    after = client.parse(NEW_MESSAGE)
    assert (after.intent, after.model) == (RIGHT, report["candidate"])
    assert base.exists() and registry.current_model(pointer).name == f"{report['candidate']}.tar.gz"

    rolled = registry.rollback([url], token, pointer)
    assert rolled == {"current": registry.model_id(base), "previous": report["candidate"], "reloaded": {url: "ok"}}
    again = client.parse(NEW_MESSAGE)
    assert (again.intent, again.model) == (WRONG, registry.model_id(base))
    assert registry.current_model(pointer) == base


def poisoned(db) -> None:
    """Every hand-written electricity example filed as water supply and the reverse, as if citizens
    had corrected the NLU wrongly hundreds of times and a reviewer had waved it through."""
    swap = {"electricity": "water_supply", "water_supply": "electricity"}
    with db.transaction() as session:
        for text, label in read_intent_examples():
            if label in swap:
                file_complaint(session, NewComplaint(
                    department=swap[label], description=text, language="roman_ur", channel="web",
                    nlu_model="nlu-test", nlu_intents=[[label, 0.9]]))
        routing.review(session, None, "approved", "careless reviewer")


def test_a_candidate_trained_on_poisoned_corrections_is_not_promoted(db, running_rasa, eval_sets, tmp_path):
    url, token, client = running_rasa
    base = registry.current_model()
    poisoned(db)
    with db.transaction() as session:
        examples = routing.training_examples(session)
    pointer = tmp_path / "current.json"
    report = learn.learn(examples, rasa_urls=[url], token=token, margin=0.02, holdout=0.25, eval_sets=eval_sets,
                         learned_dir=tmp_path / "learned", pointer=pointer)
    print(json.dumps({k: v for k, v in report.items()}))
    assert report["promoted"] is False and report["candidate"] != report["current"], report
    current, candidate = report["scores"]["current"], report["scores"]["candidate"]
    assert candidate["frozen"]["overall"]["macro_f1"] < current["frozen"]["overall"]["macro_f1"] - 0.02
    assert not pointer.exists() and registry.current_model(pointer) == base
    assert client.parse("Gulberg Lahore mein 3 din se bijli nahi").model == registry.model_id(base)

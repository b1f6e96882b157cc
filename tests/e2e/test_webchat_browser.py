"""The web chat in a real browser (Debian Chromium driven by Playwright) against the live app and the
real dialogue (department-menu path, NLU off): a citizen files a complaint in English and in Urdu on a
phone-sized screen, copies the tracking ID and looks it up on /track (a typo'd ID is told apart from an
unknown one); the conversation survives a reload; a resolved case is asked about when the page opens;
the newest buttons are on screen at 390×844; with the real NLU, two messages file a complaint."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.complaints.tracking import ID_PATTERN, new_tracking_id
from tests.fixtures.live import ARTIFACTS

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"webchat-{name}.png"), full_page=True)


def send(page, text: str) -> None:
    before = page.locator(".msg.bot").count()
    page.fill("#text", text)
    page.keyboard.press("Enter")
    expect(page.locator(".msg.bot")).not_to_have_count(before)  # waits for the dialogue's answer


def press(page, label: str) -> None:
    before = page.locator(".msg.bot").count()
    page.locator(".msg.bot").last.get_by_role("button", name=label, exact=True).click()
    expect(page.locator(".msg.bot")).not_to_have_count(before)


def last_bot_text(page) -> str:
    return page.locator(".msg.bot > p").last.inner_text()


def tracking_id_in(text: str) -> str:
    return re.search(ID_PATTERN, text).group(0)


def test_citizen_files_in_english_and_tracks_it(page, live_server):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(live_server.url + "/")
    expect(page.get_by_role("log")).to_contain_text("Write your complaint in English or Urdu")

    send(page, "hi")
    press(page, "File a complaint")
    expect(page.locator(".msg.bot > p").last).to_contain_text("Please describe the problem")
    send(page, "No water in our street for three days, the pipe is broken")
    press(page, "Water and Sanitation Agency")
    send(page, "G-9 Markaz, Islamabad")
    expect(page.locator(".msg.bot > p").last).to_contain_text("Place: G-9 Markaz, Islamabad")
    shot(page, "en-summary")
    assert "number" not in page.locator("#log").inner_text().lower()  # buttons, not "reply with its number"
    press(page, "Yes, file it")

    filed = last_bot_text(page)
    assert filed.startswith("Your complaint has been filed with Water and Sanitation Agency")
    tracking_id = tracking_id_in(filed)
    assert page.locator(".msg.me").first.inner_text() == "hi"
    assert page.locator("button.chosen").count() == 3  # every pressed button stays marked, the rest disabled
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    copy = page.locator(".tracking button.copy")
    copy.click()
    expect(copy).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == tracking_id
    expect(page.locator(".tracking a")).to_have_attribute("href", f"/track?id={tracking_id}")
    shot(page, "en-filed")

    page.get_by_role("link", name=re.compile("Track a complaint")).first.click()
    page.fill("#id", tracking_id.lower())
    page.get_by_role("button", name=re.compile("Look up")).click()
    result = page.get_by_role("status")
    expect(result).to_contain_text(tracking_id)
    expect(result).to_contain_text("Forwarded to the department")
    expect(result).to_contain_text("محکمے کو بھیج دی گئی")
    shot(page, "en-track")
    assert all(url.startswith(live_server.url) for url in seen)  # no CDN, nothing from outside


def test_citizen_files_in_urdu_right_to_left_and_mistypes_the_id(page, live_server):
    page.goto(live_server.url + "/")
    send(page, "ہمارے محلے میں تین دن سے پانی نہیں آ رہا، پائپ ٹوٹا ہوا ہے")
    menu = page.locator(".msg.bot").last
    assert menu.locator("p").get_attribute("dir") == "rtl" and menu.locator("p").get_attribute("lang") == "ur"
    font = menu.locator("p").evaluate("p => getComputedStyle(p).fontFamily")
    assert font.startswith('"Noto Nastaliq Urdu"')
    press(page, "واٹر اینڈ سینیٹیشن ایجنسی")
    send(page, "گلبرگ، لاہور")
    expect(page.locator(".msg.bot > p").last).to_contain_text("جگہ: گلبرگ، لاہور")
    press(page, "جی ہاں، درج کریں")
    filed = last_bot_text(page)
    tracking_id = tracking_id_in(filed)
    assert f"ٹریکنگ نمبر: {tracking_id}" in filed
    box = page.locator(".msg.bot").last.bounding_box()
    assert box["x"] + box["width"] <= 412  # fits the phone-sized viewport
    shot(page, "ur-filed")

    typo = tracking_id[:-1] + ("1" if tracking_id[-1] != "1" else "2")
    page.goto(f"{live_server.url}/track?id={typo}")
    expect(page.get_by_role("alert")).to_contain_text("has a typo")
    expect(page.get_by_role("alert")).to_contain_text("غلطی")
    shot(page, "ur-track-typo")

    unknown = new_tracking_id()
    page.goto(f"{live_server.url}/track?id={unknown}")
    expect(page.get_by_role("alert")).to_contain_text(f"No complaint with the ID {unknown} was found.")

    page.goto(f"{live_server.url}/track?id={tracking_id}")
    expect(page.get_by_role("status")).to_contain_text("واٹر اینڈ سینیٹیشن ایجنسی")


def test_conversation_survives_a_reload(page, live_server):
    page.goto(live_server.url + "/")
    send(page, "hi")
    press(page, "File a complaint")
    page.reload()  # same cookie, same conversation: the turns are shown again, the open question still open
    expect(page.locator(".msg.me").first).to_have_text("hi")
    expect(page.locator(".msg.me").last).to_have_text("File a complaint")
    expect(page.locator(".msg.bot > p").last).to_contain_text("Please describe the problem")
    assert page.locator(".msg.bot").nth(1).locator("button:enabled").count() == 0  # the old menu is spent
    shot(page, "reloaded")
    send(page, "The school in our village has no teacher since August")
    expect(page.locator(".msg.bot > p").last).to_contain_text("I could not tell which department this is for")
    expect(page.locator(".msg.bot").last.locator("button:enabled")).to_have_count(6)


def file_in_browser(page, url: str) -> str:
    page.goto(url + "/")
    send(page, "No water in G-9 Markaz Islamabad for three days, the main pipe near the market is broken "
               "and the tanker mafia charges double; please send the water board today")
    press(page, "Water and Sanitation Agency")
    press(page, "Yes, file it")
    return tracking_id_in(last_bot_text(page))


# A 1×1 PNG.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
                    "f8cfc0f01f0005000201a5f5b0b00000000049454e44ae426082")


def test_a_photo_is_added_at_the_summary(page, live_server):
    page.goto(live_server.url + "/")
    send(page, "No water in G-9 Markaz Islamabad for three days")
    press(page, "Water and Sanitation Agency")
    before = page.locator(".msg.bot").count()
    page.set_input_files("#photo", files=[{"name": "pipe.png", "mimeType": "image/png", "buffer": PNG}])
    expect(page.locator(".msg.bot")).not_to_have_count(before)
    expect(page.locator(".msg.bot > p").last).to_contain_text("Photos: 1")
    expect(page.locator(".msg.me").last).to_contain_text("pipe.png")
    shot(page, "photo-added")
    press(page, "Yes, file it")
    expect(page.locator(".msg.bot > p").last).to_contain_text("Your complaint has been filed")


def test_a_resolved_case_is_asked_about_when_the_page_opens(page, live_server, db):
    from core.complaints.access import Viewer
    from core.complaints.actions import transition

    tracking_id = file_in_browser(page, live_server.url)
    with db.transaction() as session:
        transition(session, Viewer(None, "Admin", None, True), tracking_id, "resolved", "New pipe laid")
    page.reload()
    # The greeting is in the page itself; the question comes with /chat/history a moment later.
    expect(page.locator(".msg.bot > p").last).to_contain_text(f"{tracking_id} is resolved")
    question = page.locator(".msg.bot").last
    expect(question.locator("> p")).to_contain_text("Note: New pipe laid")
    expect(question.get_by_role("button", name="Yes, satisfied", exact=True)).to_be_in_viewport(ratio=1)
    shot(page, "resolved-asked")
    press(page, "No, not resolved")
    expect(page.locator(".msg.bot > p").last).to_contain_text("reopened and escalated")
    with db.transaction() as session:
        from core.complaints import queries
        assert queries.track(session, tracking_id).status == "reopened"


def test_newest_buttons_are_on_screen_at_phone_size(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        for text in ("hi", "status", "menu", "hi"):  # a conversation longer than the screen
            send(page, text)
        send(page, "No water in our street for three days, the pipe is broken and nobody comes to repair it")
        for button in page.locator(".msg.bot").last.locator("button").all():
            expect(button).to_be_in_viewport(ratio=1)
        press(page, "Water and Sanitation Agency")
        send(page, "Street 5, G-9 Markaz, Islamabad")
        expect(page.locator(".msg.bot").last.get_by_role("button", name="Yes, file it")).to_be_in_viewport(ratio=1)
        expect(page.locator("#text")).to_be_in_viewport()
        shot(page, "phone-390x844-summary")
    finally:
        context.close()


@pytest.fixture
def nlu_live_server(db, settings, nlu_client):
    from api.app import create_app
    from tests.fixtures.live import start_live_server

    live, stop = start_live_server(create_app(settings.model_copy(update={"nlu_enabled": True}), db=db,
                                              nlu=nlu_client, run_worker=False))
    yield live
    stop()


@pytest.mark.rasa
def test_roman_urdu_complaint_routed_by_the_nlu_in_two_messages(page, nlu_live_server):
    page.goto(nlu_live_server.url + "/")
    send(page, "Gulberg Lahore mein 3 din se bijli nahi hai")
    summary = page.locator(".msg.bot > p").last
    expect(summary).to_contain_text("Electricity Distribution Company")
    expect(summary).to_contain_text("Jagah: Gulberg Lahore")
    expect(page.locator(".msg.bot").last.get_by_role("button", name="Koi aur mehkama")).to_be_visible()
    shot(page, "roman-ur-nlu-summary")
    before = page.locator(".msg.bot").count()
    page.locator(".msg.bot").last.locator("button").first.click()  # yes, file it
    expect(page.locator(".msg.bot")).not_to_have_count(before)
    filed = last_bot_text(page)
    assert re.search(ID_PATTERN, filed) and "Tracking number" in filed
    assert page.locator(".msg.me").count() == 2
    shot(page, "roman-ur-nlu-filed")

"""The public accountability page in a real browser (Debian Chromium via Playwright, JavaScript off, as
on the simplest phone) against the live app and a seeded record: Urdu right to left on a phone, the
charts drawn, periods and language kept across links."""
from __future__ import annotations

import pytest

from tests.fixtures.live import ARTIFACTS

pytestmark = pytest.mark.browser
PHONE = {"width": 412, "height": 860}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"transparency-{name}.png"), full_page=True)


def test_urdu_page_reads_right_to_left_on_a_phone(no_script_page, live_server, public_record):
    page = no_script_page
    response = page.goto(f"{live_server.url}/transparency?lang=ur&period=all")
    assert response.status == 200 and "default-src 'none'" in response.headers["content-security-policy"]
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ur"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.inner_text("h1") == "محکمے شہریوں کو کیسے جواب دیتے ہیں"
    # right to left: the department column starts at the right edge, the numbers follow to its left
    rank, name = page.locator("#departments thead th").nth(0), page.locator("#departments thead th").nth(1)
    assert rank.bounding_box()["x"] > name.bounding_box()["x"]
    assert page.inner_text('#departments tr[data-code="water_supply"] td >> nth=1') == "واٹر اینڈ سینیٹیشن ایجنسی"
    bar = page.locator('#chart-confirmed-share rect[data-row="واٹر اینڈ سینیٹیشن ایجنسی"]')
    assert bar.get_attribute("data-value") == "60.0" and bar.bounding_box()["width"] > 40
    assert page.inner_text('#districts tr[data-code="Multan"] td[data-field="filed"]') == "<5"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    shot(page, "urdu-phone")

    page.click('#periods a[data-period="90d"]')
    assert page.url.endswith("/transparency?period=90d&lang=ur") and page.get_attribute("html", "dir") == "rtl"
    page.click("#language-toggle")
    assert page.get_attribute("html", "dir") == "ltr" and page.url.endswith("period=90d&lang=en")


def test_english_page_on_a_desktop(page, live_server, public_record):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/transparency?period=all")
    assert page.get_attribute("html", "dir") == "ltr"
    ranks = page.locator('#departments td[data-field="rank"]').all_inner_texts()
    assert ranks[:2] == ["1", "2"]
    assert page.locator("#chart-claims rect.bar").count() == 12  # two bars for each of six departments
    assert "Closed by silence" in page.inner_text("#def_silence")
    assert page.get_attribute("#csv-link", "href") == "/transparency.csv?period=all"
    assert page.get_attribute("#json-link", "href") == "/api/v1/public/stats?period=all"
    shot(page, "english-desktop")

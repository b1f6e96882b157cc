"""The public accountability page, its JSON and CSV over HTTP (real app, real database, both backends):
the numbers equal the officers' statistics and a count made by hand from the seeded cases; small
district counts are suppressed; no personal data of any complaint appears anywhere."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.complaints.access import Viewer
from core.complaints.stats import compute_stats
from core.db import utcnow
from core.departments.catalog import department
from core.transparency.i18n import missing_translations
from core.transparency.models import PublicStatsCache
from core.transparency.views import PERIODS
from tests.fixtures.transparency import CASES, FREE_TEXT_PLACE, RESOLVED_FATES

ADMIN = Viewer(None, "Overseer", None, True)
ROW = re.compile(r'<tr data-code="([^"]+)">(.*?)</tr>', re.S)
CELL = re.compile(r'<td class="num[^"]*" data-field="([a-z_]+)">([^<]*)</td>')


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {r["code"]: r for r in rows}


def hand_count(dept: str, days: int | None) -> dict:
    """What the seeded cases should give, counted from the list of fates, not from the database."""
    cases = [(ago, fate) for d, _p, ago, fate in CASES if d == dept and (days is None or ago < days)]
    resolved = [(ago, fate) for ago, fate in cases if fate in RESOLVED_FATES]
    sla = department(dept).sla_days
    return {"filed": len(cases), "resolved_by_department": len(resolved),
            "confirmed_by_citizen": sum(f in ("confirmed", "rejected_then_confirmed") for _a, f in cases),
            "not_satisfied": sum(f in ("rejected", "rejected_then_confirmed") for _a, f in cases),
            "closed_by_silence": sum(f == "silence" for _a, f in cases),
            "within_sla_share": round(sum(a < sla for a, _f in resolved) / len(resolved), 4) if resolved else None}


def page_rows(text: str, table: str) -> dict[str, dict[str, str]]:
    section = text.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return {code: dict(CELL.findall(cells)) for code, cells in ROW.findall(section)}


@pytest.mark.parametrize("period", list(PERIODS))
def test_numbers_equal_the_officer_stats_and_a_hand_count(client, db, public_record, period):
    days = PERIODS[period]
    with db.transaction() as session:
        officer = {s.department: s for s in compute_stats(session, ADMIN, utcnow() - timedelta(days=days) if days else None)}
    public = by_code(client.get(f"/api/v1/public/stats?period={period}").json()["departments"])
    assert set(officer) <= set(public) and len(public) == 6  # every department, even with nothing filed
    for code, s in officer.items():
        p = public[code]
        assert (p["filed"], p["resolved_by_department"], p["confirmed_by_citizen"], p["not_satisfied"],
                p["closed_by_silence"]) == (s.total, s.resolved_by_department, s.confirmed_by_citizen,
                                            s.rejected_by_citizen, s.closed_by_silence)
        assert p["median_days_to_resolve"] == (round(s.median_hours_to_resolve / 24, 1)
                                               if s.median_hours_to_resolve is not None else None)
    for code in ("water_supply", "electricity", "health", "police"):
        expected = hand_count(code, days)
        assert {k: public[code][k] for k in expected} == expected, code


def test_confirmed_versus_resolved_is_ranked_and_shown_on_the_page(client, public_record):
    data = client.get("/api/v1/public/stats?period=all").json()
    water, electricity = by_code(data["departments"])["water_supply"], by_code(data["departments"])["electricity"]
    # water: 10 marked resolved, 6 confirmed; electricity: 7 marked resolved, 2 confirmed.
    assert (water["resolved_by_department"], water["confirmed_by_citizen"], water["confirmed_share"]) == (10, 6, 0.6)
    assert (electricity["resolved_by_department"], electricity["confirmed_by_citizen"]) == (7, 2)
    assert electricity["confirmed_share"] == round(2 / 7, 4)
    assert [d["code"] for d in data["departments"][:2]] == ["water_supply", "electricity"]
    assert [d["rank"] for d in data["departments"]] == [1, 2, None, None, None, None]  # nothing resolved: unranked
    assert water["not_satisfied"] == 2 and water["closed_by_silence"] == 2 and electricity["closed_by_silence"] == 2
    page = client.get("/transparency?period=all")
    rows = page_rows(page.text, "departments")
    assert rows["water_supply"] == {"rank": "1", "filed": "11", "resolved_by_department": "10",
                                    "confirmed_by_citizen": "6", "confirmed_share": "60%", "not_satisfied": "2",
                                    "closed_by_silence": "2", "within_sla_share": "50%",
                                    "median_days_to_resolve": rows["water_supply"]["median_days_to_resolve"]}
    assert rows["water_supply"]["median_days_to_resolve"] == f"{water['median_days_to_resolve']} days"
    bars = re.findall(r'data-row="([^"]+)" data-series="share" data-value="([^"]+)"',
                      page.text.split('id="chart-confirmed-share"', 1)[1].split("</figure>", 1)[0])
    assert bars[:2] == [("Water and Sanitation Agency", "60.0"), ("Electricity Distribution Company", "28.6")]


def test_small_district_counts_are_suppressed_everywhere(client, public_record):
    districts = by_code(client.get("/api/v1/public/stats?period=all").json()["districts"])
    assert list(districts) == ["Karachi", "Lahore", "Multan", "other"]  # the free-text place is "other"
    lahore, karachi, multan = districts["Lahore"], districts["Karachi"], districts["Multan"]
    assert (lahore["filed"], lahore["resolved_by_department"], lahore["confirmed_by_citizen"]) == (10, 10, 6)
    assert lahore["within_sla_share"] == 0.6 and lahore["confirmed_share"] == 0.6
    assert lahore["median_days_to_resolve"] is not None and lahore["not_satisfied"] == "<5"
    # Karachi: 5 resolved (a median is shown) but 1 confirmed and none within the SLA: a share would
    # reveal those small counts, so both are withheld
    assert (karachi["filed"], karachi["resolved_by_department"], karachi["confirmed_by_citizen"]) == (7, 5, "<5")
    assert karachi["median_days_to_resolve"] is not None
    assert karachi["within_sla_share"] is None and karachi["confirmed_share"] is None
    karachi_30 = by_code(client.get("/api/v1/public/stats?period=30d").json()["districts"])["Karachi"]
    assert karachi_30["resolved_by_department"] == "<5" and karachi_30["median_days_to_resolve"] is None
    assert all(multan[k] == "<5" for k in ("filed", "resolved_by_department", "confirmed_by_citizen",
                                           "not_satisfied", "closed_by_silence"))
    assert districts["other"]["filed"] == "<5" and districts["other"]["name_ur"] == "دیگر یا نامعلوم"
    rows = page_rows(client.get("/transparency?period=all").text, "districts")
    assert rows["Multan"]["filed"] == "&lt;5" and rows["Lahore"]["filed"] == "10"
    assert rows["Karachi"]["confirmed_share"] == "–" and rows["Karachi"]["median_days_to_resolve"] != "–"
    csv_rows = {r["code"]: r for r in csv.DictReader(io.StringIO(client.get("/transparency.csv?period=all")
                                                                 .text.lstrip("\ufeff"))) if r["group"] == "district"}
    assert csv_rows["Multan"]["filed"] == "<5" and csv_rows["Karachi"]["confirmed_by_citizen"] == "<5"
    assert csv_rows["Lahore"]["filed"] == "10"


def test_each_department_has_its_own_district_breakdown(client, public_record):
    departments = by_code(client.get("/api/v1/public/stats?period=all").json()["departments"])
    water = by_code(departments["water_supply"]["districts"])
    assert list(water) == ["Lahore", "Multan", "other"]
    assert (water["Lahore"]["filed"], water["Lahore"]["resolved_by_department"]) == (8, 8)
    assert water["Lahore"]["confirmed_by_citizen"] == 5 and water["Lahore"]["confirmed_share"] == 0.625
    assert water["Lahore"]["not_satisfied"] == "<5" and water["Multan"]["filed"] == "<5"
    assert by_code(departments["health"]["districts"])["Multan"]["filed"] == "<5"
    assert departments["police"]["districts"] == []
    rows = page_rows(client.get("/transparency?period=all").text, "department-districts")
    assert rows["water_supply/Lahore"]["filed"] == "8" and rows["water_supply/Multan"]["filed"] == "&lt;5"


def _csv_row(group: str, department: str, item: dict) -> dict:
    return {"group": group, "department": department,
            **{k: "" if v is None else str(v) for k, v in item.items() if k != "districts"}}


def test_csv_has_the_same_rows_as_the_json(client, public_record):
    data = client.get("/api/v1/public/stats?period=90d").json()
    response = client.get("/transparency.csv?period=90d")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="awaaz-transparency-90d.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    expected = ([_csv_row("department", d["code"], d) for d in data["departments"]]
                + [_csv_row("district", "", d) for d in data["districts"]]
                + [_csv_row("department_district", d["code"], r) for d in data["departments"] for r in d["districts"]])
    assert rows == expected and len(rows) == 6 + 4 + 6


def test_no_personal_data_in_the_page_the_json_or_the_csv(client, db, public_record):
    outputs = []
    for period in PERIODS:
        for lang in ("en", "ur"):
            outputs.append(html.unescape(client.get(f"/transparency?period={period}&lang={lang}").text))
        outputs.append(client.get(f"/api/v1/public/stats?period={period}").content.decode("utf-8"))
        outputs.append(client.get(f"/transparency.csv?period={period}").text)
    with db.transaction() as session:
        cached = [json.dumps(payload, ensure_ascii=False) for payload in
                  session.scalars(select(PublicStatsCache.payload))]
    assert len(public_record.personal) > 150 and FREE_TEXT_PLACE in public_record.personal and len(cached) == 4
    for text in outputs + cached:
        leaked = [item for item in public_record.personal if item.lower() in text.lower()]
        assert leaked == []


def test_page_is_public_strict_and_bilingual(client, public_record):
    response = client.get("/transparency?lang=ur&period=90d")
    assert response.status_code == 200
    assert '<html lang="ur" dir="rtl">' in response.text
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<script" not in response.text and "محکمے شہریوں کو کیسے جواب دیتے ہیں" in response.text
    assert 'aria-current="page">پچھلے 90 دن' in response.text
    for key in ("def_filed", "def_resolved", "def_confirmed", "def_confirmed_share", "def_not_satisfied",
                "def_silence", "def_within_sla", "def_median", "def_suppressed"):
        assert f'id="{key}"' in response.text
    assert "7 دن میں شہری نے جواب نہیں دیا" in response.text  # RESOLUTION_SILENCE_DAYS, filled in
    english = client.get("/transparency?period=nonsense&lang=xx")
    assert english.status_code == 200 and '<html lang="en" dir="ltr">' in english.text
    assert 'data-period="30d" aria-current="page"' in english.text


def test_bad_period_is_a_clear_400(client):
    for path in ("/api/v1/public/stats?period=7d", "/transparency.csv?period=week"):
        response = client.get(path)
        assert response.status_code == 400
        assert response.json() == {"detail": "period must be one of 30d, 90d, 365d, all"}


def test_empty_database_shows_every_department_with_zeros(client):
    data = client.get("/api/v1/public/stats").json()
    assert data["period"] == "30d" and data["districts"] == [] and data["suppressed_below"] == 5
    assert [d["filed"] for d in data["departments"]] == [0] * 6
    assert 'id="no-data"' in client.get("/transparency").text


def test_web_chat_and_track_link_here(client):
    for path in ("/", "/track"):
        assert 'href="/transparency" id="transparency-link"' in client.get(path).text


def test_every_transparency_string_exists_in_both_languages():
    assert missing_translations() == []

"""The dashboard over HTTP (TestClient, real app, real database): sign-in, sessions, CSRF, the officer's
view of cases and the anonymity of complainants."""
from __future__ import annotations

import html
import logging
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from api.app import create_app
from api.dashboard.i18n import catalog, missing_translations
from api.dashboard.rendering import HERE
from api.dashboard.session import COOKIE
from core.auth_models import Officer
from core.complaints import queries
from core.db import utcnow
from core.notifications.outbox import claim_due, mark_failed
from core.sla import sweep_escalations

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(response) -> str:
    return CSRF.search(response.text).group(1)


def sign_in(client, token: str, next_path: str = "/dashboard"):
    page = client.get("/dashboard/login")
    return client.post("/dashboard/login", data={"token": token, "csrf_token": csrf_of(page), "next": next_path},
                       follow_redirects=False)


def test_pages_need_sign_in(client):
    response = client.get("/dashboard/overview", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login?next=%2Fdashboard%2Foverview"


def test_bad_token_is_refused_with_a_clear_message(client, officer_token):
    officer_token("health")
    response = sign_in(client, "awz_not-a-real-token")
    assert response.status_code == 401
    assert "That token is not valid" in response.text
    assert "awz_not-a-real-token" not in response.text  # the refused token is not echoed back
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_session_cookie_holds_the_officer_not_the_token(client, officer_token):
    token = officer_token("health")
    response = sign_in(client, token)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie and "Path=/dashboard" in set_cookie
    assert token not in set_cookie and token[4:20] not in set_cookie
    queue = client.get("/dashboard")
    assert queue.status_code == 200 and "Health Department" in queue.text
    assert queue.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in queue.headers["content-security-policy"]


def test_cookie_is_secure_behind_https(db, settings):
    app = create_app(settings.model_copy(update={"public_base_url": "https://awaaz.example"}), db=db, run_worker=False)
    with TestClient(app, base_url="https://testserver") as https_client:
        assert "Secure" in https_client.get("/dashboard/login").headers["set-cookie"]


def test_no_token_in_any_url_redirect_or_log(client, officer_token, file_case, caplog):
    token = officer_token("water_supply")
    tracking = file_case("water_supply", "No water in our street for three days")
    caplog.set_level(logging.DEBUG)
    first = client.get(f"/dashboard/cases/{tracking}")
    assert first.url.path == "/dashboard/login"
    response = client.post("/dashboard/login", data={"token": token, "csrf_token": csrf_of(first),
                                                     "next": f"/dashboard/cases/{tracking}"})
    assert response.status_code == 200 and "No water in our street" in response.text
    urls = [str(r.url) for r in [*first.history, first, *response.history, response]]
    urls += [r.headers.get("location", "") for r in [*first.history, *response.history]]
    assert urls and not [u for u in urls if token in u]
    assert token not in caplog.text


def test_an_expired_session_posting_a_form_signs_in_again_first(client, file_case):
    tracking = file_case("health", "The BHU has no doctor")
    page = client.get("/dashboard/login")
    response = client.post(f"/dashboard/cases/{tracking}/note", data={"note": "x", "csrf_token": csrf_of(page)},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login?next=%2Fdashboard"


def test_the_citizens_words_are_shown_as_text_not_markup(client, officer_token, file_case):
    tracking = file_case("health", "<script>alert('x')</script> no doctor")
    sign_in(client, officer_token("health"))
    html = client.get(f"/dashboard/cases/{tracking}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; no doctor" in html


def test_sign_in_never_redirects_off_site(client, officer_token):
    response = sign_in(client, officer_token("health"), next_path="https://evil.example/phish")
    assert response.headers["location"] == "/dashboard"


def test_sign_out_ends_the_session(client, officer_token):
    sign_in(client, officer_token("health"))
    queue = client.get("/dashboard")
    response = client.post("/dashboard/logout", data={"csrf_token": csrf_of(queue)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard/login"
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_an_inactive_officer_is_signed_out_at_the_next_request(client, officer_token, db):
    sign_in(client, officer_token("health", name="Dr Imran"))
    assert "Dr Imran" in client.get("/dashboard").text
    with db.transaction() as session:
        session.execute(update(Officer).where(Officer.name == "Dr Imran").values(active=False))
    assert client.get("/dashboard").url.path == "/dashboard/login"


def test_form_without_the_session_csrf_token_is_rejected(client, officer_token, file_case, db):
    tracking = file_case("health", "The BHU has no doctor")
    sign_in(client, officer_token("health"))
    missing = client.post(f"/dashboard/cases/{tracking}/status", data={"target": "in_progress"})
    forged = client.post(f"/dashboard/cases/{tracking}/status",
                         data={"target": "in_progress", "csrf_token": "forged"})
    assert missing.status_code == forged.status_code == 403
    assert "The form has expired" in forged.text
    page = client.get(f"/dashboard/cases/{tracking}")
    assert 'data-status="forwarded"' in page.text  # nothing changed
    logout = client.post("/dashboard/logout", data={"csrf_token": "forged"})
    assert logout.status_code == 403 and client.get("/dashboard").url.path == "/dashboard"


def test_csrf_token_changes_at_sign_in(client, officer_token):
    before = csrf_of(client.get("/dashboard/login"))
    client.post("/dashboard/login", data={"token": officer_token("health"), "csrf_token": before})
    assert csrf_of(client.get("/dashboard")) != before


def test_invalid_move_shows_the_lifecycle_message(client, officer_token, file_case):
    tracking = file_case("health", "The BHU has no doctor")
    sign_in(client, officer_token("health"))
    page = client.get(f"/dashboard/cases/{tracking}")
    response = client.post(f"/dashboard/cases/{tracking}/status",
                           data={"target": "resolved", "note": " ", "csrf_token": csrf_of(page)})
    assert response.status_code == 409
    assert "moving to resolved needs a public note saying what was done" in response.text
    closing = client.post(f"/dashboard/cases/{tracking}/status",
                          data={"target": "closed", "csrf_token": csrf_of(page)})
    assert closing.status_code == 409 and "cannot move a forwarded complaint to closed" in closing.text


def test_reassigning_hands_the_case_over_and_queues_the_citizens_notice(client, officer_token, file_case):
    tracking = file_case("health", "Street light broken outside the hospital")
    sign_in(client, officer_token("health"))
    page = client.get(f"/dashboard/cases/{tracking}")
    response = client.post(f"/dashboard/cases/{tracking}/reassign",
                           data={"department": "electricity", "note": "Not ours", "csrf_token": csrf_of(page)})
    assert response.url.path == "/dashboard"
    # The test app has no Telegram token: the officer is told the truth, not "queued".
    assert ("Reassigned. The citizen cannot be notified: their channel is not configured on this server."
            in html.unescape(response.text))
    assert client.get(f"/dashboard/cases/{tracking}").status_code == 404  # no longer health's case
    sign_in(client, officer_token("electricity"))
    page = client.get(f"/dashboard/cases/{tracking}").text
    assert "Reassigned by an officer" in page and 'data-kind="notify_reassigned_office" data-status="pending"' in page
    assert "Health Department → Electricity Distribution Company" in page


def test_internal_note_stays_internal_and_reject_needs_a_reason(client, officer_token, file_case):
    tracking = file_case("education", "Teacher absent for a month")
    sign_in(client, officer_token("education"))
    page = client.get(f"/dashboard/cases/{tracking}")
    noted = client.post(f"/dashboard/cases/{tracking}/note",
                        data={"note": "Called the headmaster", "csrf_token": csrf_of(page)})
    assert "Internal note added." in noted.text and "No notifications for this case yet." in noted.text
    assert re.search(r'class="event internal" data-kind="internal_note">.*?Called the headmaster', noted.text,
                     re.S)
    refused = client.post(f"/dashboard/cases/{tracking}/status", data={"target": "rejected", "csrf_token": csrf_of(page)})
    assert refused.status_code == 409 and "moving to rejected needs a reason" in refused.text
    rejected = client.post(f"/dashboard/cases/{tracking}/status",
                           data={"target": "rejected", "note": "Private school, not ours", "csrf_token": csrf_of(page)})
    assert 'data-status="rejected"' in rejected.text and "Private school, not ours" in rejected.text
    assert 'data-kind="notify_status_changed" data-status="pending"' in rejected.text
    assert 'id="move-' not in rejected.text  # nothing an officer may do with a rejected case


def test_officer_of_another_department_gets_not_found(client, officer_token, file_case):
    tracking = file_case("health", "The BHU has no doctor")
    sign_in(client, officer_token("education"))
    page = client.get(f"/dashboard/cases/{tracking}")
    assert page.status_code == 404 and "Complaint not found" in page.text
    assert "The BHU has no doctor" not in page.text
    acted = client.post(f"/dashboard/cases/{tracking}/note", data={"note": "x", "csrf_token": csrf_of(page)})
    assert acted.status_code == 404


def test_anonymous_identity_is_hidden_from_the_department(client, officer_token, file_case, db):
    tracking = file_case("police", "The SHO takes bribes", anonymous=True, name="Bilal Ahmed",
                         phone="+923331112222", address="777001")
    department_token, admin_token = officer_token("police"), officer_token(admin=True)
    sign_in(client, department_token)
    page = client.get(f"/dashboard/cases/{tracking}")
    client.post(f"/dashboard/cases/{tracking}/status", data={"target": "in_progress", "csrf_token": csrf_of(page)})
    with db.transaction() as session:
        [message] = claim_due(session, {"telegram"})
        mark_failed(session, message.id, "chat 777001 not found: blocked by +923331112222")
    for text in (client.get(f"/dashboard/cases/{tracking}").text, client.get("/dashboard").text):
        assert "The SHO takes bribes" in text
        assert "Bilal Ahmed" not in text and "923331112222" not in text and "777001" not in text
    case_html = client.get(f"/dashboard/cases/{tracking}").text
    assert "Their identity is hidden from the department" in case_html
    assert "chat … not found: blocked by …" in case_html
    sign_in(client, admin_token)
    admin_html = client.get(f"/dashboard/cases/{tracking}").text
    assert "Bilal Ahmed" in admin_html and "+923331112222" in admin_html


def test_queue_is_most_urgent_first_with_overdue_marked_and_filters(client, officer_token, file_case):
    late = file_case("electricity", "Transformer burnt in Gulberg", district="Lahore",
                     now=utcnow() - timedelta(days=5))
    fresh = file_case("electricity", "Meter reading wrong", district="Multan")
    file_case("health", "No medicine at the BHU")
    sign_in(client, officer_token("electricity"))
    html = client.get("/dashboard").text
    assert html.index(late) < html.index(fresh)
    assert "No medicine" not in html and "2 complaints" in html
    late_row = re.search(rf'<tr class="(\w*)" data-tracking="{late}"', html).group(1)
    fresh_row = re.search(rf'<tr class="(\w*)" data-tracking="{fresh}"', html).group(1)
    assert (late_row, fresh_row) == ("overdue", "")
    overdue_only = client.get("/dashboard", params={"overdue": "yes"}).text
    assert late in overdue_only and fresh not in overdue_only
    assert fresh in client.get("/dashboard", params={"district": "multan"}).text
    assert late not in client.get("/dashboard", params={"district": "multan"}).text
    searched = client.get("/dashboard", params={"q": "meter"}).text
    assert fresh in searched and late not in searched
    bad_date = client.get("/dashboard", params={"created_from": "yesterday"})
    assert bad_date.status_code == 200 and "dates are written YYYY-MM-DD" in bad_date.text


def test_queue_pages_through_many_cases(client, officer_token, file_case):
    ids = [file_case("education", f"Teacher absent, school number {i}", address=str(1000 + i)) for i in range(23)]
    sign_in(client, officer_token("education"))
    first, second = client.get("/dashboard").text, client.get("/dashboard", params={"page": 2}).text
    assert "23 complaints · page 1 of 2" in first and "page=2" in first
    shown = [i for i in ids if i in first], [i for i in ids if i in second]
    assert len(shown[0]) == 20 and len(shown[1]) == 3 and not set(shown[0]) & set(shown[1])


def test_queue_beyond_the_count_cap_still_pages_on(client, officer_token, file_case, monkeypatch):
    monkeypatch.setattr(queries, "COUNT_CAP", 21)  # the real cap is 10,000: the same code path, fewer rows
    for i in range(23):
        file_case("education", f"Teacher absent, school number {i}", address=str(1000 + i))
    sign_in(client, officer_token("education"))
    first = client.get("/dashboard").text
    assert "More than 21 complaints · page 1" in first and 'rel="next"' in first
    second = client.get("/dashboard", params={"page": 2}).text
    assert second.count("data-tracking=") == 3 and 'rel="next"' not in second


def test_overview_counts_only_what_the_viewer_may_see(client, officer_token, file_case):
    file_case("health", "No doctor at the BHU")
    file_case("health", "No medicine", address="2")
    file_case("police", "Theft not registered", address="3")
    sign_in(client, officer_token("health"))
    officer_html = client.get("/dashboard/overview").text
    assert 'data-department="health"' in officer_html and 'data-department="police"' not in officer_html
    sign_in(client, officer_token(admin=True))
    admin_html = client.get("/dashboard/overview").text
    assert 'data-department="health"' in admin_html and 'data-department="police"' in admin_html
    assert re.search(r'<rect [^>]*data-series="forwarded" data-value="2"', admin_html)


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_every_dashboard_string_exists_in_both_languages(lang):
    assert missing_translations() == []
    used = set()
    for template in (HERE / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_]+)["']\s*[,)]""", template.read_text(encoding="utf-8")))
    assert used and not used - set(catalog())
    assert all(catalog()[key][lang].strip() for key in used)


def test_an_office_sees_its_cases_only_and_another_offices_case_is_not_found(client, officer_token, file_case):
    lahore = file_case("electricity", "Transformer burnt in Gulberg", district="Lahore")
    karachi = file_case("electricity", "KE cut the wire in Saddar", district="Karachi", address="2")
    sign_in(client, officer_token(office="LESCO"))
    queue = client.get("/dashboard").text
    assert f'data-tracking="{lahore}"' in queue and f'data-tracking="{karachi}"' not in queue
    page = client.get(f"/dashboard/cases/{lahore}")
    assert 'data-office="LESCO"' in page.text and "LESCO (Lahore Electric Supply Company)" in page.text
    other = client.get(f"/dashboard/cases/{karachi}")
    assert other.status_code == 404 and "KE cut the wire" not in other.text
    acted = client.post(f"/dashboard/cases/{karachi}/note", data={"note": "x", "csrf_token": csrf_of(page)})
    assert acted.status_code == 404
    overview = client.get("/dashboard/overview").text
    assert re.search(r'<rect [^>]*data-series="forwarded" data-value="1"', overview)
    sign_in(client, officer_token("electricity"))  # the department's head office sees both
    head_queue = client.get("/dashboard").text
    assert f'data-tracking="{lahore}"' in head_queue and f'data-tracking="{karachi}"' in head_queue


def test_reassigning_to_another_office_hands_the_case_over(client, officer_token, file_case):
    tracking = file_case("electricity", "Meter burnt in Gulberg", district="Lahore")
    sign_in(client, officer_token(office="LESCO"))
    page = client.get(f"/dashboard/cases/{tracking}")
    assert '<option value="MEPCO">' in page.text and '<option value="LESCO">' not in page.text
    response = client.post(f"/dashboard/cases/{tracking}/reassign",
                           data={"department": "health", "office": "mepco", "csrf_token": csrf_of(page)})
    assert response.url.path == "/dashboard"  # no longer LESCO's to see
    sign_in(client, officer_token(office="MEPCO"))
    case = client.get(f"/dashboard/cases/{tracking}").text
    assert 'data-office="MEPCO"' in case and 'data-from-office="LESCO" data-to-office="MEPCO"' in case


def test_the_overview_breaks_figures_down_by_office(client, officer_token, file_case):
    file_case("police", "FIR not registered", district="Lahore")
    file_case("police", "Phone snatched", district="Lahore", address="2")
    file_case("police", "Bribe at the station", district="Multan", address="3")
    file_case("police", "Theft at home", district="Karachi", address="4")
    sign_in(client, officer_token(office="POL-PB"))
    html_text = client.get("/dashboard/overview", params={"by": "office"}).text
    rows = dict(re.findall(r'<tr data-department="police" data-office="([A-Z-]+)">\s*<td>[^<]*</td><td>(\d+)</td>',
                           html_text))
    assert rows == {"POL-LAHORE": "2", "POL-MULTAN": "1"}  # Punjab's offices only
    assert "Capital City Police Lahore" in html_text and "Punjab Police, Central Police Office" in html_text
    by_department = client.get("/dashboard/overview").text
    assert 'data-office=' not in by_department and re.search(r'data-department="police">\s*<td>[^<]*</td><td>3</td>',
                                                            by_department)


def test_a_provincial_office_narrows_its_queue_to_one_district_office(client, officer_token, file_case):
    lahore = file_case("police", "FIR not registered", district="Lahore")
    multan = file_case("police", "Bribe at the station", district="Multan", address="2")
    sign_in(client, officer_token(office="POL-PB"))
    queue = client.get("/dashboard").text
    assert '<option value="POL-MULTAN"' in queue and '<option value="POL-KARACHI"' not in queue
    assert f'data-tracking="{lahore}"' in queue and f'data-tracking="{multan}"' in queue
    narrowed = client.get("/dashboard", params={"office": "POL-MULTAN"}).text
    assert f'data-tracking="{multan}"' in narrowed and f'data-tracking="{lahore}"' not in narrowed
    outside = client.get("/dashboard", params={"office": "POL-KARACHI"}).text
    assert "unknown office &#39;POL-KARACHI&#39;" in outside or "unknown office 'POL-KARACHI'" in outside


def test_an_escalated_case_shows_the_province_it_climbed_to(client, officer_token, file_case, db):
    filed = utcnow() - timedelta(days=4)  # police SLA: 3 days
    tracking = file_case("police", "FIR not registered for a week", district="Lahore", now=filed)
    with db.transaction() as session:
        assert sweep_escalations(session) == 1
    sign_in(client, officer_token(office="POL-PB"))
    page = client.get(f"/dashboard/cases/{tracking}").text
    assert 'data-kind="escalated"' in page and 'data-office="POL-PB">Punjab Police, Central Police Office' in page
    assert 'data-kind="notify_escalation" data-status="pending"' in page
    assert 'data-kind="notify_escalated_to_office" data-status="pending"' in page  # the citizen is told

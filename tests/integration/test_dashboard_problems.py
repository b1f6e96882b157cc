"""Problems (clusters) on the dashboard: one row per problem with its size, the problem page with its
reports, actions on every open report, split and merge, and department isolation."""
from __future__ import annotations

import re

from sqlalchemy import select

from core.complaints.models import Complaint
from core.notifications.models import OutboxMessage
from tests.integration.test_dashboard import csrf_of, sign_in

ROW = re.compile(r'data-problem="(\d+)" data-size="(\d+)"')


def _reports(file_case):
    texts = [("bijli nahi hai subah se", "roman_ur"), ("بجلی نہیں ہے", "ur"), ("No electricity since morning", "en")]
    return [file_case("electricity", text, language=lang, address=f"77{i}", district="Lahore",
                      location="Model Town") for i, (text, lang) in enumerate(texts)]


def _problem_id(client, tracking_id) -> str:
    page = client.get(f"/dashboard/cases/{tracking_id}")
    return re.search(r'href="/dashboard/problems/(\d+)"', page.text).group(1)


def test_the_problems_queue_shows_one_row_per_problem_biggest_first(client, officer_token, file_case):
    reports = _reports(file_case)
    alone = file_case("electricity", "Meter ki reading ghalat", address="9001", district="Lahore", location="Gulberg")
    sign_in(client, officer_token("electricity"))
    queue = client.get("/dashboard")
    assert queue.text.count("×3") == 3  # each report's row says it has company
    rows = ROW.findall(client.get("/dashboard/problems").text)
    assert [size for _id, size in rows] == ["3", "1"]
    case = client.get(f"/dashboard/cases/{reports[0]}")
    assert "Other reports of this problem: 2" in case.text
    assert reports[1] in case.text and reports[2] in case.text and alone not in case.text


def test_resolving_a_problem_resolves_each_report_and_tells_each_citizen(client, officer_token, file_case, db):
    reports = _reports(file_case)
    sign_in(client, officer_token("electricity", name="SDO Iqbal"))
    problem = _problem_id(client, reports[0])
    page = client.get(f"/dashboard/problems/{problem}")
    assert all(r in page.text for r in reports) and "3 reports, 3 open" in page.text
    refused = client.post(f"/dashboard/problems/{problem}/status",
                          data={"target": "resolved", "note": "", "csrf_token": csrf_of(page)})
    assert refused.status_code == 409 and "public note" in refused.text
    done = client.post(f"/dashboard/problems/{problem}/status",
                       data={"target": "resolved", "note": "Transformer replaced", "csrf_token": csrf_of(page)})
    assert done.status_code == 200 and "Each citizen&#39;s notification is queued" in done.text
    with db.transaction() as s:
        cases = s.scalars(select(Complaint).where(Complaint.tracking_id.in_(reports))).unique().all()
        assert {c.status for c in cases} == {"resolved"}
        asked = s.scalars(select(OutboxMessage.complaint_id).where(
            OutboxMessage.kind == "notify_resolution_question")).all()
        assert sorted(asked) == sorted(c.id for c in cases)


def test_split_and_merge_from_the_problem_page(client, officer_token, file_case):
    reports = _reports(file_case)
    sign_in(client, officer_token("electricity"))
    problem = _problem_id(client, reports[0])
    page = client.get(f"/dashboard/problems/{problem}")
    split = client.post(f"/dashboard/problems/{problem}/split",
                        data={"tracking_id": reports[2], "csrf_token": csrf_of(page)})
    assert split.status_code == 200 and "2 reports, 2 open" in split.text and reports[2] not in split.text
    rows = dict(ROW.findall(client.get("/dashboard/problems").text))
    [other] = [pid for pid, size in rows.items() if size == "1"]
    assert rows[problem] == "2"
    case = client.get(f"/dashboard/cases/{reports[2]}")
    assert "Taken out of a problem" in case.text  # the audited event on the report's timeline
    merged = client.post(f"/dashboard/problems/{problem}/merge",
                         data={"other": other, "note": "same transformer", "csrf_token": csrf_of(page)})
    assert merged.status_code == 200 and "3 reports, 3 open" in merged.text
    assert client.get(f"/dashboard/problems/{other}").status_code == 404


def test_another_departments_problem_is_not_found(client, officer_token, file_case):
    reports = _reports(file_case)
    sign_in(client, officer_token("electricity"))
    problem = _problem_id(client, reports[0])
    client.post("/dashboard/logout", data={"csrf_token": csrf_of(client.get("/dashboard"))})
    sign_in(client, officer_token("health"))
    assert ROW.findall(client.get("/dashboard/problems").text) == []
    hidden = client.get(f"/dashboard/problems/{problem}")
    assert hidden.status_code == 404 and "Problem not found" in hidden.text
    page = client.get("/dashboard/problems")
    assert client.post(f"/dashboard/problems/{problem}/status",
                       data={"target": "in_progress", "csrf_token": csrf_of(page)}).status_code == 404

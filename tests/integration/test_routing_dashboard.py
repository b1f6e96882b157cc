"""The admins' Routing page over HTTP (real app, real database): review with CSRF, quality figures,
wrong pairs, each model's chart; officers are kept out (issue 12)."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from core.complaints.access import Viewer
from core.complaints.actions import reassign
from core.routing.models import RoutingFeedback
from tests.integration.test_dashboard import csrf_of, sign_in
from tests.integration.test_routing_cli import file_with_nlu

ADMIN = Viewer(1, "Admin", None, True)


def reviews(db) -> dict[int, str | None]:
    with db.transaction() as session:
        return {r.id: r.review for r in session.scalars(select(RoutingFeedback).order_by(RoutingFeedback.id))}


def test_admin_reviews_corrections_and_sees_routing_quality(client, officer_token, db):
    file_with_nlu(db, "Saima Bibi: gutter ubal raha hai 0300-1234567", "water_supply", "local_government",
                  name="Saima Bibi")
    moved = file_with_nlu(db, "nali band hai", "local_government", "local_government", address="+923000000009")
    with db.transaction() as session:
        reassign(session, ADMIN, moved, "water_supply")
    sign_in(client, officer_token(admin=True, name="Admin Rabia"))
    page = client.get("/dashboard/routing?days=7")
    assert page.status_code == 200 and 'id="nav-routing"' in page.text
    text = html.unescape(page.text)
    assert "<name>: gutter ubal raha hai <phone>" in text and "Saima" not in text and "1234567" not in text
    rows = re.findall(r'<tr data-correction="(\d+)">', page.text)
    assert len(rows) == 2
    assert 'data-pair="local_government>water_supply"' in page.text
    quality = re.search(r'<tr data-department="local_government" data-language="roman_ur">(.*?)</tr>', page.text,
                        re.S).group(1)
    assert re.findall(r'data-series="(\w+)">(\d+) \((\d+%|–)\)', quality) == [
        ("kept", "1", "50%"), ("citizen", "1", "50%"), ("officer", "1", "50%"), ("resolved", "0", "0%")]
    assert 'data-model="nlu-85a0295b28c6f935"' in page.text and 'id="chart-model-1"' in page.text
    assert re.search(r'<rect [^>]*data-series="citizen" data-value="1"', page.text)

    forged = client.post("/dashboard/routing/review", data={"verdict": "approved", "ids": rows[0],
                                                             "csrf_token": "forged"})
    assert forged.status_code == 403 and set(reviews(db).values()) == {"pending", None}
    done = client.post("/dashboard/routing/review", data={"verdict": "rejected", "ids": rows[1],
                                                           "csrf_token": csrf_of(page)}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/dashboard/routing?done=rejected"
    again = client.post("/dashboard/routing/review", data={"verdict": "rejected", "ids": rows[1],
                                                            "csrf_token": csrf_of(page)}, follow_redirects=False)
    assert again.headers["location"] == "/dashboard/routing?error=stale"
    client.post("/dashboard/routing/review", data={"verdict": "approved", "all_pending": "yes",
                                                   "csrf_token": csrf_of(page)})
    assert {k: v for k, v in reviews(db).items() if v} == {int(rows[0]): "approved", int(rows[1]): "rejected"}
    after = client.get("/dashboard/routing?done=approved")
    assert 'id="no-pending"' in after.text and 'id="done"' in after.text


def test_officers_cannot_open_or_post_the_routing_page(client, officer_token, db):
    file_with_nlu(db, "gutter ubal raha hai", "water_supply", "local_government")
    sign_in(client, officer_token("water_supply"))
    queue = client.get("/dashboard")
    assert 'id="nav-routing"' not in queue.text
    assert client.get("/dashboard/routing").status_code == 403
    posted = client.post("/dashboard/routing/review", data={"verdict": "approved", "all_pending": "yes",
                                                             "csrf_token": csrf_of(queue)})
    assert posted.status_code == 403 and list(reviews(db).values()) == ["pending"]


def test_urdu_page_renders(client, officer_token, db):
    file_with_nlu(db, "گٹر ابل رہا ہے", "water_supply", "local_government", language="ur")
    sign_in(client, officer_token(admin=True))
    page = client.get("/dashboard/routing")
    client.post("/dashboard/lang", data={"lang": "ur", "csrf_token": csrf_of(page), "next": "/dashboard/routing"})
    urdu = client.get("/dashboard/routing?days=0&language=ur&department=local_government")
    assert urdu.status_code == 200 and 'dir="rtl"' in urdu.text and "جائزے کی منتظر درستیاں" in urdu.text

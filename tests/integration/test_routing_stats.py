"""Routing quality figures (core.routing.stats) on the real database: kept, corrected by the citizen or an
officer, resolved where routed, wrong pairs, per model."""
from __future__ import annotations

from datetime import timedelta

from core.complaints.access import Viewer
from core.complaints.actions import reassign, transition
from core.db import utcnow
from core.routing.stats import compute_routing_stats
from tests.integration.test_routing_cli import file_with_nlu

ADMIN = Viewer(1, "Admin", None, True)


def test_figures_per_department_language_pair_and_model(db):
    kept = file_with_nlu(db, "bijli nahi", "electricity", "electricity", address="+923000000001")
    file_with_nlu(db, "bijli ka bill", "electricity", "electricity", address="+923000000002")
    file_with_nlu(db, "gutter ubal raha", "water_supply", "local_government", address="+923000000003")
    moved = file_with_nlu(db, "nali band hai", "local_government", "local_government", address="+923000000004")
    file_with_nlu(db, "sewerage", "water_supply", "local_government", address="+923000000005", language="en")
    with db.transaction() as session:
        reassign(session, ADMIN, moved, "water_supply")
        for target in ("in_progress", "resolved"):
            transition(session, ADMIN, kept, target, "fixed")
    with db.transaction() as session:
        stats = compute_routing_stats(session)
        week = compute_routing_stats(session, since=utcnow() + timedelta(days=1))
        only_lg = compute_routing_stats(session, department="local_government", language="roman_ur")
    rows = {(r.department, r.language): (r.complaints, r.kept, r.citizen, r.officer, r.resolved) for r in stats.rows}
    assert rows == {("electricity", "roman_ur"): (2, 2, 0, 0, 1), ("local_government", "roman_ur"): (2, 1, 1, 1, 0),
                    ("local_government", "en"): (1, 0, 1, 0, 0)}
    assert (stats.total.complaints, stats.total.kept, stats.total.citizen, stats.total.officer) == (5, 3, 2, 1)
    assert stats.total.share("kept") == 0.6 and stats.not_routed == 0
    assert stats.wrong_pairs == [("local_government", "water_supply", 3)]
    [model] = stats.models
    assert (model.model, model.complaints, model.kept, model.citizen, model.officer) == (
        "nlu-85a0295b28c6f935", 5, 3, 2, 1)
    assert list(model.per_day.values()) == [{"complaints": 5, "kept": 3, "citizen": 2, "officer": 1, "resolved": 1}]
    assert week.rows == [] and week.models == []
    assert [(r.complaints, r.citizen, r.officer) for r in only_lg.rows] == [(2, 1, 1)]

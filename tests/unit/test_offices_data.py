"""The shipped office data: every district the NLU knows routes to exactly one office per department."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.departments.catalog import departments
from core.offices.catalog import OfficeDataError, OfficeInfo, build_catalog, catalog, load_offices
from core.offices.service import escalation_office, office_label, route, visible_offices

ROOT = Path(__file__).resolve().parents[2]


def _districts() -> list[str]:
    lines = (ROOT / "nlu" / "districts.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def test_the_nlu_knows_153_districts():
    assert len(_districts()) == 153


@pytest.mark.parametrize("department", [d.code for d in departments()])
def test_every_district_routes_to_exactly_one_office_of_each_department(department):
    items = load_offices()
    for district in _districts():
        covering = [o.code for o in items if o.department == department and district in o.districts]
        assert len(covering) == 1, f"{department}: {district} is covered by {covering or 'no office'}"
        assert route(department, district).area_known


def test_office_districts_are_exact_nlu_names():
    known = set(_districts())
    unknown = {d for o in load_offices() for d in o.districts} - known
    assert not unknown


def test_each_department_has_one_head_and_every_office_climbs_to_it():
    cat = catalog()
    assert set(cat.heads) == {d.code for d in departments()}
    for office in cat.by_code.values():
        path = cat.path(office.code)
        assert path[-1] is cat.heads[office.department]
        assert len({o.code for o in path}) == len(path)


def test_known_routes():
    assert route("electricity", "Lahore").office.code == "LESCO"
    assert route("electricity", "Karachi").office.code == "KE"
    assert route("electricity", "Multan").office.code == "MEPCO"
    assert route("water_supply", "Karachi").office.code == "KWSC"
    assert route("water_supply", "Sahiwal").office.code == "WTR-SAHIWAL"
    assert route("police", "dera ghazi khan").office.code == "POL-DERA-GHAZI-KHAN"  # any case


def test_an_unknown_place_goes_to_the_head_office_marked_area_unknown():
    for district in (None, "", "Atlantis"):
        routing = route("electricity", district)
        assert routing.office.code == "ELC-HQ" and not routing.area_known


def test_trees_and_escalation_chain():
    assert visible_offices("ELC-HQ") is None  # head office: the whole department
    assert visible_offices("GONE") == frozenset({"GONE"})  # an office dropped from the data sees no more
    assert visible_offices("LESCO") == frozenset({"LESCO"})
    punjab = visible_offices("POL-PB")
    assert "POL-LAHORE" in punjab and "POL-KARACHI" not in punjab
    assert [escalation_office("POL-LAHORE", level).code for level in range(4)] == [
        "POL-LAHORE", "POL-PB", "POL-HQ", "POL-HQ"]


def test_the_label_names_the_company_and_the_district():
    assert office_label("LESCO", "Lahore", "en") == "LESCO (Lahore Electric Supply Company), Lahore"
    assert office_label("POL-LAHORE", "Lahore", "en") == "Capital City Police Lahore"
    assert office_label("LESCO", "Lahore", "ur").startswith("لیسکو")


def _office(code, parent=None, districts=(), department="police"):
    return OfficeInfo(code, department, code, code, parent, tuple(districts), None)


@pytest.mark.parametrize("items, complaint", [
    ([_office("A"), _office("B", "C")], "parent C"),
    ([_office("A"), _office("B", "C"), _office("C", "B")], "circle"),
    ([_office("A"), _office("B")], "two head offices"),
    ([_office("A", districts=["Lahore"]), _office("B", "A", ["Lahore"])], "covered by A and B"),
    ([_office("A"), _office("A", "A")], "twice"),
    ([_office("A"), _office("H", department="health"), _office("B", "H")], "not an office of police"),
])
def test_contradicting_data_is_refused(items, complaint):
    with pytest.raises(OfficeDataError, match=complaint):
        build_catalog(items)

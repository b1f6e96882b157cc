"""The officer's queue: their office tree's cases, most urgent SLA first, with filters, search and pages."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request

from api.dashboard.rendering import render
from api.dashboard.session import OfficerDep, SessionDep
from api.deps import ContainerDep
from core.complaints import queries
from core.complaints.access import Viewer
from core.complaints.lifecycle import Status
from core.departments.catalog import departments
from core.errors import InvalidInput
from core.offices.catalog import OfficeInfo, offices

router = APIRouter()
PER_PAGE = 20
STATUS_CHOICES = ("open", "all", *(s.value for s in Status))


def _day_start(day: date | None, *, plus_days: int = 0) -> datetime | None:
    if day is None:
        return None
    try:
        return datetime.combine(day + timedelta(days=plus_days), time.min, tzinfo=timezone.utc)
    except OverflowError:  # 9999-12-31 plus a day
        raise InvalidInput("dates must lie between 0001-01-01 and 9999-12-30") from None


def _optional_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise InvalidInput("dates are written YYYY-MM-DD") from None


@router.get("")
def queue(request: Request, state: SessionDep, viewer: OfficerDep, container: ContainerDep,
          status: Annotated[str, Query(max_length=20)] = "open",
          overdue: Annotated[str, Query(max_length=3)] = "",
          created_from: Annotated[str, Query(max_length=10)] = "",
          created_to: Annotated[str, Query(max_length=10)] = "",
          district: Annotated[str, Query(max_length=80)] = "",
          q: Annotated[str, Query(max_length=100)] = "",
          department: Annotated[str, Query(max_length=40)] = "",
          office: Annotated[str, Query(max_length=40)] = "",
          page: Annotated[int, Query(ge=1, le=100000)] = 1):
    form = {"status": status if status in STATUS_CHOICES else "open", "overdue": overdue,
            "created_from": created_from, "created_to": created_to, "district": district.strip(), "q": q.strip(),
            "department": department if viewer.is_admin else "", "office": office.strip()}
    error, result = None, None
    try:
        day_from, day_to = _optional_date(created_from), _optional_date(created_to)
        flt = queries.QueueFilter(
            status=None if form["status"] == "all" else form["status"],
            overdue={"yes": True, "no": False}.get(overdue), created_from=_day_start(day_from),
            created_to=_day_start(day_to, plus_days=1), q=form["q"] or None, district=form["district"] or None,
            department=form["department"] or None, office=form["office"] or None, page=page, per_page=PER_PAGE)
        with container.db.transaction() as session:
            result = queries.list_complaints(session, viewer, flt)
    except InvalidInput as exc:
        error = str(exc)
    pages = max(1, -(-result.total // PER_PAGE)) if result else 1
    kept = {k: v for k, v in form.items() if v}

    def page_link(number: int) -> str:
        return "/dashboard?" + urlencode({**kept, "page": number})

    return render(request, state, "queue.html", viewer=viewer, form=form, result=result, error=error,
                  pages=pages, page_link=page_link, status_choices=STATUS_CHOICES, departments=departments(),
                  office_choices=office_choices(viewer))


def office_choices(viewer: Viewer) -> list[OfficeInfo]:
    """The offices an officer may narrow the queue to: their tree, when it has more than one office.
    (Admins filter by department; a select of every office in the country would not help them.)"""
    if viewer.is_admin:
        return []
    scope = viewer.offices
    choices = [o for o in offices(viewer.department_code) if scope is None or o.code in scope]
    return choices if len(choices) > 1 else []

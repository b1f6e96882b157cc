"""GET /transparency (page), /api/v1/public/stats (JSON) and /transparency.csv: no sign-in, no personal
data (the core's PublicStats view carries none), one cached computation a minute per period."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from api.dashboard.rendering import HERE as DASHBOARD_HERE
from api.dashboard.rendering import SECURITY_HEADERS
from api.deps import ContainerDep
from api.transparency.page import LANGUAGES, Text, build_charts
from core.transparency.views import PERIODS, SMALL, GroupStats, PublicStats

HERE = Path(__file__).resolve().parent
# The page's own template first, then the dashboard's (its _charts.html macros are reused as they are).
templates = Jinja2Templates(directory=[str(HERE / "templates"), str(DASHBOARD_HERE / "templates")])
router = APIRouter(tags=["public statistics"])
DEFAULT_PERIOD = "30d"
# The dashboard's strict policy (no script at all, styles and images from this app only); the numbers
# are public and change at most once a minute, so shared caches may keep them that long.
PUBLIC_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "public, max-age=60"}
# One row per department, per district (all departments) and per department and district.
CSV_COLUMNS = ["group", "department"] + [f.name for f in fields(GroupStats) if f.name != "districts"]


def _period(period: str) -> str:
    if period not in PERIODS:
        raise HTTPException(400, f"period must be one of {', '.join(PERIODS)}")
    return period


async def _stats(container, period: str) -> PublicStats:
    # The first visitor after a minute computes (database work): off the event loop.
    return await run_in_threadpool(container.extras["public_stats"].get, period)


def _rendered(container, key: tuple, stats: PublicStats, make) -> str:
    """The response body for ``key``, made once per computation: a crowd costs one rendering a minute."""
    memo = container.extras.setdefault("public_stats_rendered", {})  # bounded: periods x (languages + formats)
    hit = memo.get(key)
    if hit is None or hit[0] != stats.computed_at:
        hit = memo[key] = (stats.computed_at, make())
    return hit[1]


@router.get("/transparency", response_class=HTMLResponse, summary="every department's record, for citizens")
async def transparency_page(container: ContainerDep, period: str = DEFAULT_PERIOD, lang: str = "en") -> HTMLResponse:
    period = period if period in PERIODS else DEFAULT_PERIOD  # a bad link still shows the page
    t = Text(lang if lang in LANGUAGES else "en")
    stats = await _stats(container, period)
    body = _rendered(container, ("page", period, t.lang), stats, lambda: templates.get_template("transparency.html")
                     .render(t=t, stats=stats, period=period, periods=list(PERIODS), charts=build_charts(stats, t),
                             silence_days=container.settings.resolution_silence_days,
                             has_data=any(r.filed for r in stats.departments)))
    return HTMLResponse(body, headers=PUBLIC_HEADERS)


@router.get("/api/v1/public/stats", summary="open data: the numbers of /transparency as JSON",
            responses={400: {"description": "unknown period"}})
async def public_stats(container: ContainerDep, period: str = DEFAULT_PERIOD) -> Response:
    stats = await _stats(container, _period(period))
    body = _rendered(container, ("json", period), stats, lambda: json.dumps(
        {**stats.to_dict(), "suppressed_below": SMALL}, ensure_ascii=False, separators=(",", ":")))
    return Response(body, media_type="application/json",
                    headers={**PUBLIC_HEADERS, "Access-Control-Allow-Origin": "*"})


def _csv(stats: PublicStats) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    rows = [("department", d.code, d) for d in stats.departments] + [("district", "", d) for d in stats.districts]
    rows += [("department_district", d.code, r) for d in stats.departments for r in d.districts]
    for group, department, row in rows:
        writer.writerow({"group": group, "department": department, **asdict(row)})
    return out.getvalue()


@router.get("/transparency.csv", summary="the same rows for spreadsheets", responses={400: {"description": "unknown period"}})
async def transparency_csv(container: ContainerDep, period: str = DEFAULT_PERIOD) -> Response:
    stats = await _stats(container, _period(period))
    # A byte-order mark so that spreadsheet programs read the Urdu names as UTF-8.
    body = _rendered(container, ("csv", period), stats, lambda: "\ufeff" + _csv(stats))
    return Response(body, media_type="text/csv; charset=utf-8", headers={
        **PUBLIC_HEADERS, "Content-Disposition": f'attachment; filename="awaaz-transparency-{period}.csv"'})

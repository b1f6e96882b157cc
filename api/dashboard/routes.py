"""The dashboard's router under /dashboard: sign-in, queue, case pages, overview."""
from __future__ import annotations

from fastapi import APIRouter

from api.dashboard import (
    attachment_routes,
    auth_routes,
    case_routes,
    overview_routes,
    problem_routes,
    queue_routes,
    routing_routes,
    voice_routes,
)

router = APIRouter(include_in_schema=False)
for module in (auth_routes, queue_routes, case_routes, attachment_routes, problem_routes, overview_routes,
               routing_routes, voice_routes):
    router.include_router(module.router, prefix="/dashboard")

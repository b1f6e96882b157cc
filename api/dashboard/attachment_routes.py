"""A case's uploaded photo (from the web chat), shown to officers who may see the case."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from api.dashboard.case_routes import NOT_FOUND
from api.dashboard.rendering import not_found_page
from api.dashboard.session import OfficerDep, SessionDep
from api.deps import ContainerDep
from api.webchat.photos import CONTENT_TYPES, stored_path
from core.complaints import queries

router = APIRouter()


@router.get("/cases/{tracking_id}/attachments/{index}")
def attachment(tracking_id: str, index: int, request: Request, state: SessionDep, viewer: OfficerDep,
               container: ContainerDep):
    try:
        with container.db.transaction() as session:
            case = queries.get_complaint(session, viewer, tracking_id)  # the officer's access is checked here
    except NOT_FOUND:
        return not_found_page(request, state, viewer)
    path = stored_path(container.settings.upload_dir, case.attachments[index]) \
        if 0 <= index < len(case.attachments) else None
    if path is None:
        return not_found_page(request, state, viewer)
    return FileResponse(path, media_type=CONTENT_TYPES[path.suffix],
                        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})

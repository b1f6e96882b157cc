"""Typed FastAPI dependencies: the container, a transaction, the signed-in officer."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.container import Container
from core.complaints.access import Viewer
from core.officers import viewer_for_token

_bearer = HTTPBearer(auto_error=False, description="officer token from `awaaz officer create`")


def get_container(request: Request) -> Container:
    return request.app.state.container


ContainerDep = Annotated[Container, Depends(get_container)]


def get_session(container: ContainerDep) -> Iterator[Session]:
    with container.db.transaction() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_viewer(container: ContainerDep,
               credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Viewer:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    with container.db.transaction() as session:
        viewer = viewer_for_token(session, credentials.credentials)
    if viewer is None:
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
    return viewer


ViewerDep = Annotated[Viewer, Depends(get_viewer)]


def require_admin(viewer: ViewerDep) -> Viewer:
    if not viewer.is_admin:
        raise HTTPException(403, "admins only")
    return viewer

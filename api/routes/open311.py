"""Open311 GeoReport v2 under /open311/v2 (to be completed)."""
from fastapi import APIRouter

router = APIRouter(prefix="/open311/v2", tags=["open311"])

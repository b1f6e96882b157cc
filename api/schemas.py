"""Pydantic shapes of the officer and public APIs (built from core views, never from ORM objects)."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from core.clusters.views import ClusterActionResult, ClusterView
from core.complaints.lifecycle import Status
from core.complaints.stats import DepartmentStats
from core.complaints.views import ComplaintView

StatusName = Literal["submitted", "forwarded", "in_progress", "resolved", "closed", "rejected", "reopened"]


# The officer API serves the core's frozen view dataclasses as they are (FastAPI validates and
# documents stdlib dataclasses), so a field added to a view reaches the API without a second copy.
ComplaintOut = ComplaintView


class PageOut(BaseModel):
    items: list[ComplaintOut]
    total: int = Field(description="matching complaints, counted up to 10000")
    page: int
    per_page: int
    total_capped: bool = Field(False, description="true when more than `total` match")


# --- issue 13: clusters ---
ClusterOut = ClusterView
MAX_CLUSTER_ID = 2**31 - 1  # an INTEGER key: larger numbers are no cluster, not a database error
ClusterActionOut = ClusterActionResult


class ClusterPageOut(BaseModel):
    items: list[ClusterOut]
    total: int = Field(description="matching clusters, counted up to 1000")
    page: int
    per_page: int
    total_capped: bool = Field(False, description="true when more than `total` match")


class SplitIn(BaseModel):
    tracking_id: str = Field(min_length=1, max_length=20, description="the report to take out")
    note: str = Field("", max_length=2000)


class MergeIn(BaseModel):
    cluster_id: int = Field(ge=1, le=MAX_CLUSTER_ID, description="the cluster whose reports move into this one")
    note: str = Field("", max_length=2000)


class TransitionIn(BaseModel):
    to: StatusName
    note: str = Field("", max_length=2000)


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=2000)


class ReassignIn(BaseModel):
    department: str | None = Field(None, min_length=1, max_length=40,
                                   description="alone: the department's office covering the case's district")
    office: str | None = Field(None, min_length=1, max_length=40, description="an office code; names its department")
    note: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def _one_target(self) -> "ReassignIn":
        if not self.department and not self.office:
            raise ValueError("give a department or an office")
        return self


class PublicNote(BaseModel):
    at: datetime
    status: str | None
    note: str


class TrackOut(BaseModel):
    tracking_id: str
    status: str
    department: str
    department_name_en: str
    department_name_ur: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    public_notes: list[PublicNote]
    office: str | None = Field(None, description="the office that has the case (data/offices.yml)")
    office_name_en: str = ""
    office_name_ur: str = ""

    @classmethod
    def of(cls, view) -> "TrackOut":
        notes = [PublicNote(at=e.at, status=e.to_status, note=e.note) for e in view.public_notes]
        return cls(tracking_id=view.tracking_id, status=view.status, department=view.department,
                   department_name_en=view.department_name_en, department_name_ur=view.department_name_ur,
                   created_at=view.created_at, updated_at=view.updated_at, due_at=view.due_at, public_notes=notes,
                   office=view.office, office_name_en=view.office_name_en, office_name_ur=view.office_name_ur)


class StatsOut(BaseModel):
    departments: list[DepartmentStats]
    totals: dict[str, float | int | None]


STATUSES = [s.value for s in Status]

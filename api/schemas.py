"""Pydantic shapes of the officer and public APIs (built from core views, never from ORM objects)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from core.complaints.lifecycle import Status

StatusName = Literal["submitted", "forwarded", "in_progress", "resolved", "closed", "rejected", "reopened"]


class EventOut(BaseModel):
    at: datetime
    kind: str
    actor_type: str
    actor_name: str | None
    from_status: str | None
    to_status: str | None
    note: str
    public: bool
    data: dict


class CitizenOut(BaseModel):
    name: str | None
    phone: str | None
    cnic: str | None
    channel: str
    address: str


class ComplaintOut(BaseModel):
    tracking_id: str
    department: str
    department_name_en: str
    department_name_ur: str
    description: str
    language: str
    channel: str
    anonymous: bool
    citizen: CitizenOut | None
    location_text: str
    district: str | None
    latitude: float | None
    longitude: float | None
    attachments: list
    status: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    overdue: bool
    escalation_level: int
    routed_by: str
    nlu_confidence: float | None
    resolved_at: datetime | None
    citizen_confirmed_at: datetime | None
    closed_at: datetime | None
    closed_by: str | None
    reject_reason: str | None
    events: list[EventOut] = []

    @classmethod
    def of(cls, view) -> "ComplaintOut":
        return cls.model_validate(asdict(view))


class PageOut(BaseModel):
    items: list[ComplaintOut]
    total: int = Field(description="matching complaints, counted up to 10000")
    page: int
    per_page: int
    total_capped: bool = Field(False, description="true when more than `total` match")


class TransitionIn(BaseModel):
    to: StatusName
    note: str = Field("", max_length=2000)


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=2000)


class ReassignIn(BaseModel):
    department: str = Field(min_length=1, max_length=40)
    note: str = Field("", max_length=2000)


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

    @classmethod
    def of(cls, view) -> "TrackOut":
        notes = [PublicNote(at=e.at, status=e.to_status, note=e.note) for e in view.public_notes]
        return cls(tracking_id=view.tracking_id, status=view.status, department=view.department,
                   department_name_en=view.department_name_en, department_name_ur=view.department_name_ur,
                   created_at=view.created_at, updated_at=view.updated_at, due_at=view.due_at, public_notes=notes)


class DepartmentStatsOut(BaseModel):
    department: str
    total: int
    by_status: dict[str, int]
    open: int
    overdue: int
    overdue_share: float
    resolved_by_department: int
    confirmed_by_citizen: int
    rejected_by_citizen: int
    closed_by_silence: int
    median_hours_to_resolve: float | None
    satisfied_share: float | None
    average_rating: float | None
    per_day: dict[str, int]


class StatsOut(BaseModel):
    departments: list[DepartmentStatsOut]
    totals: dict[str, float | int | None]


STATUSES = [s.value for s in Status]

"""ORM models of the complaint domain: departments, citizens, complaints, events, feedback, suggestions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base, UtcDateTime, utcnow
from core.offices.models import Office  # noqa: F401  (complaints and officers reference offices.code)


class Department(Base):
    __tablename__ = "departments"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ur: Mapped[str] = mapped_column(String(120))
    sla_days: Mapped[int] = mapped_column(Integer)
    service_code: Mapped[str] = mapped_column(String(40), unique=True)
    service_group: Mapped[str] = mapped_column(String(120))
    escalation_chain: Mapped[list] = mapped_column(JSON, default=list)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")


class Citizen(Base):
    __tablename__ = "citizens"
    __table_args__ = (UniqueConstraint("channel", "address", name="uq_citizen_identity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(120))
    name: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(20))
    cnic: Mapped[str | None] = mapped_column(String(13))
    language: Mapped[str] = mapped_column(String(10), default="ur")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_citizen", "citizen_id", "created_at"),
        Index("ix_complaints_escalation", "is_open", "escalation_due_at"),
        Index("ix_complaints_silence", "status", "resolved_at"),
        Index("ix_complaints_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tracking_id: Mapped[str] = mapped_column(String(11), unique=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("departments.code"))
    # The office of the department covering the place (core.offices.service.route); the head office
    # when the place is unknown. Always set by filing; nullable only so migration 0005 could add it.
    office_code: Mapped[str | None] = mapped_column(ForeignKey("offices.code"))
    description: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(20))
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    location_text: Mapped[str] = mapped_column(String(500), default="")
    district: Mapped[str | None] = mapped_column(String(80))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the SLA sweep next escalates; None once the top of the chain is reached or the case is done.
    escalation_due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    routed_by: Mapped[str] = mapped_column(String(10))  # nlu | citizen | officer
    nlu_confidence: Mapped[float | None] = mapped_column(Float)
    # What the NLU said at filing time, whatever the citizen then chose (issue 12, core.routing).
    nlu_model: Mapped[str | None] = mapped_column(String(80))
    nlu_department: Mapped[str | None] = mapped_column(String(40))  # its top department, if any
    nlu_intents: Mapped[list | None] = mapped_column(JSON)  # [[intent, confidence], …] best first
    # The department's claim and the citizen's verdict are separate facts.
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    times_resolved: Mapped[int] = mapped_column(Integer, default=0)
    citizen_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    times_rejected_by_citizen: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(10))  # citizen | silence
    reject_reason: Mapped[str | None] = mapped_column(Text)
    # The problem this report belongs to (core/clusters); None for reports filed before clustering.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), index=True)

    department: Mapped[Department] = relationship(lazy="joined")
    citizen: Mapped[Citizen | None] = relationship(lazy="joined")
    events: Mapped[list["ComplaintEvent"]] = relationship(
        back_populates="complaint", order_by="ComplaintEvent.id", lazy="selectin"
    )


# The queue's ORDER BY (open first, most urgent first) in index order: a page reads its rows from the
# index instead of sorting the whole department (migration 0002, docs/performance.md).
# office_code last (migration 0005): a provincial office's queue walks this index and filters its offices here.
Index("ix_complaints_queue", Complaint.department_code, Complaint.is_open.desc(), Complaint.due_at, Complaint.id,
      Complaint.office_code)
Index("ix_complaints_all_queue", Complaint.is_open.desc(), Complaint.due_at, Complaint.id)
# The same order within one office, for officers of a district office (migration 0005).
Index("ix_complaints_office_queue", Complaint.office_code, Complaint.is_open.desc(), Complaint.due_at, Complaint.id)


class ComplaintEvent(Base):
    """One fact in a case's history. Append-only: never updated or deleted."""

    __tablename__ = "complaint_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(30))
    actor_type: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[str | None] = mapped_column(String(80))
    actor_name: Mapped[str | None] = mapped_column(String(120))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    complaint: Mapped[Complaint] = relationship(back_populates="events")


@event.listens_for(ComplaintEvent, "before_update")
def _events_are_append_only(_mapper, _connection, target) -> None:
    raise RuntimeError(f"complaint event {target.id} is append-only")


@event.listens_for(ComplaintEvent, "before_delete")
def _events_cannot_be_deleted(_mapper, _connection, target) -> None:
    raise RuntimeError(f"complaint event {target.id} is append-only")


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    satisfied: Mapped[bool] = mapped_column(Boolean)
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Suggestion(Base):
    __tablename__ = "suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(13), unique=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("departments.code"))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

"""ORM model of routing feedback: one row per correction or confirmation of the NLU's choice."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, UtcDateTime, utcnow

CORRECTION, CONFIRMATION = "correction", "confirmation"
# Who told us: the citizen at filing, an officer reassigning, or a resolution in the routed department.
SOURCES = ("citizen", "officer", "resolution")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


class RoutingFeedback(Base):
    """A correction (the final department differs from the NLU's choice) or a confirmation.

    ``text`` is the complaint text after ``core.routing.scrub``: the only form that may leave the core
    for training. Corrections wait for review (``review`` pending → approved | rejected);
    confirmations are not reviewed (``review`` is None).
    """

    __tablename__ = "routing_feedback"
    __table_args__ = (
        Index("ix_routing_feedback_review", "review", "id"),
        Index("ix_routing_feedback_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # correction | confirmation
    source: Mapped[str] = mapped_column(String(20))  # citizen | officer | resolution
    from_department: Mapped[str | None] = mapped_column(String(40))  # the NLU's (or the previous) department
    to_department: Mapped[str] = mapped_column(String(40))
    model_id: Mapped[str] = mapped_column(String(80), default="")
    language: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(String(80))
    actor_name: Mapped[str | None] = mapped_column(String(120))
    review: Mapped[str | None] = mapped_column(String(10))
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

"""Frozen views of routing feedback handed to adapters (CLI, dashboard) and to the learner in nlu/."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.routing.models import RoutingFeedback


@dataclass(frozen=True)
class CorrectionView:
    id: int
    text: str  # scrubbed
    language: str
    from_department: str | None
    to_department: str
    source: str
    created_at: datetime
    actor_name: str | None
    review: str | None

    def as_json(self) -> dict:
        """The line ``awaaz nlu corrections`` prints."""
        return {"id": self.id, "text": self.text, "language": self.language, "from": self.from_department,
                "to": self.to_department, "source": self.source, "date": self.created_at.isoformat()}


@dataclass(frozen=True)
class TrainingExample:
    """One approved correction as training data: scrubbed text labelled with the final department."""

    id: int
    text: str
    label: str
    language: str


def correction_view(row: RoutingFeedback) -> CorrectionView:
    return CorrectionView(row.id, row.text, row.language, row.from_department, row.to_department, row.source,
                          row.created_at, row.actor_name, row.review)

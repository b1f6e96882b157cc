"""Suggestions: ideas from citizens, with their own reference IDs (S- plus a tracking-style code)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from core.complaints.models import Department, Suggestion
from core.complaints.tracking import new_tracking_id
from core.errors import InvalidInput

MAX_SUGGESTION = 4000


@dataclass(frozen=True)
class SuggestionView:
    reference: str
    text: str
    language: str
    department: str | None
    created_at: datetime


def file_suggestion(session: Session, text: str, language: str, channel: str, citizen_id: int | None = None,
                    department: str | None = None) -> SuggestionView:
    if not text.strip():
        raise InvalidInput("the suggestion is empty")
    if len(text) > MAX_SUGGESTION:
        raise InvalidInput(f"the suggestion is longer than {MAX_SUGGESTION} characters")
    if department is not None and session.get(Department, department) is None:
        raise InvalidInput(f"unknown department {department!r}")
    row = Suggestion(reference="S-" + new_tracking_id(), citizen_id=citizen_id, department_code=department,
                     text=text.strip(), language=language, channel=channel)
    session.add(row)
    session.flush()
    return SuggestionView(row.reference, row.text, row.language, row.department_code, row.created_at)

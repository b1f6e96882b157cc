"""Every ORM model in one import, for Alembic and for tests that build a schema."""
from core.auth_models import ApiKey, Officer
from core.complaints.models import Citizen, Complaint, ComplaintEvent, Department, Feedback, Suggestion
from core.db import Base
from core.dialogue.models import Conversation, InboundMessage
from core.notifications.models import OutboxMessage
from core.routing.models import RoutingFeedback

__all__ = [
    "ApiKey", "Base", "Citizen", "Complaint", "ComplaintEvent", "Conversation", "Department",
    "Feedback", "InboundMessage", "Officer", "OutboxMessage", "RoutingFeedback", "Suggestion",
]

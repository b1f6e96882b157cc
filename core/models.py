"""Every ORM model in one import, for Alembic and for tests that build a schema."""
from core.auth_models import ApiKey, Officer
from core.clusters.models import Cluster
from core.complaints.models import Citizen, Complaint, ComplaintEvent, Department, Feedback, Suggestion
from core.db import Base
from core.dialogue.models import Conversation, InboundMessage
from core.notifications.models import OutboxMessage
from core.offices.models import Office
from core.routing.models import RoutingFeedback
from core.transparency.models import PublicStatsCache
from core.voice.models import VoiceNote

__all__ = [
    "ApiKey", "Base", "Citizen", "Cluster", "Complaint", "ComplaintEvent", "Conversation", "Department",
    "Feedback", "InboundMessage", "Office", "Officer", "OutboxMessage", "PublicStatsCache", "RoutingFeedback",
    "Suggestion", "VoiceNote",
]

"""Errors the core raises; adapters translate them into HTTP statuses or citizen replies."""
from core.complaints.lifecycle import TransitionError
from core.complaints.tracking import InvalidTrackingId, TrackingIdTypo


class NotFound(LookupError):
    """No such record, or not visible to the caller (the two are never told apart)."""


class InvalidInput(ValueError):
    """A value failed validation; the message is safe to show."""


__all__ = ["InvalidInput", "InvalidTrackingId", "NotFound", "TrackingIdTypo", "TransitionError"]

"""Notifications: the outbox of what must be sent to whom, and the worker that retries until sent."""

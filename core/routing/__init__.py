"""Routing feedback: what the NLU chose, what the case's department finally was, and the review of it."""

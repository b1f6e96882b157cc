"""Complaints: models, the status lifecycle, tracking IDs and the service functions."""

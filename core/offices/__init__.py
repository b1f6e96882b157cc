"""Offices: which office of a department covers which district, loaded from data/offices.yml."""

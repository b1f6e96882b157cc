"""Departments and routing rules, loaded from data/departments.yml."""

"""Awaaz test suite: unit/ (fakes only), integration/ (real DB, real Rasa), channels/, e2e/."""

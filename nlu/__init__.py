"""Awaaz NLU: Rasa project, HTTP client, language tagging, Urdu/Roman-Urdu normalisation.

Deliberately imports nothing: the package is imported from Python 3.11 (the app) and from
Python 3.10 inside the Rasa server (the custom normaliser component), with different packages.
"""

"""Awaaz core: the complaint domain and its application services (no frameworks, no adapters)."""

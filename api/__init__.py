"""The FastAPI app (the one composition root), officer REST API, Open311 v2, web chat, dashboard, CLI."""

"""`make run`: start the local Rasa server (when the NLU is set up), then serve; stop Rasa on exit."""
from __future__ import annotations

import argparse
import os
import secrets
import sys

from api.cli import main as awaaz


def _start_rasa():
    """Start Rasa in the background if the NLU package can; returns the process or None."""
    try:
        from nlu import server
    except ImportError:
        return None
    token = os.environ.setdefault("RASA_TOKEN", secrets.token_urlsafe(16))
    port = int(os.environ.get("RASA_PORT", "5005"))
    os.environ.setdefault("RASA_URL", f"http://127.0.0.1:{port}")
    process = server.start_server(port, token)
    server.wait_until_ready(os.environ["RASA_URL"], timeout=180)
    return process


def main() -> int:
    parser = argparse.ArgumentParser(description="start Rasa and the Awaaz service")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    rasa = _start_rasa()
    try:
        return awaaz(["serve", "--port", str(args.port)])
    finally:
        if rasa is not None:
            rasa.terminate()
            rasa.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())

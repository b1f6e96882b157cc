"""`make run`: start the local Rasa server (when the NLU is set up), then serve; stop Rasa on exit.

Rasa (~600 MB) never outlives this process: it is stopped after the app on Ctrl-C and on SIGTERM
(``kill``, systemd, Docker), and the kernel sends it SIGTERM if this process dies any other way. When
``make`` started us, killing ``make`` stops us too. A stale Rasa of this checkout found on the port is
replaced; another program on the port is reported with what to do.
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from api.cli import main as awaaz


def _launched_by_make() -> bool:
    try:
        return Path(f"/proc/{os.getppid()}/comm").read_text().strip() in ("make", "gmake")
    except OSError:
        return False


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
    try:
        server.wait_until_ready(os.environ["RASA_URL"], timeout=180, process=process)
    except BaseException:  # not ready, or Ctrl-C/SIGTERM while it loads: it must not stay behind
        server.stop_server(process)
        raise
    return process


def _stop_rasa(process) -> None:
    if process is not None:
        from nlu import server

        server.stop_server(process)


def main() -> int:
    parser = argparse.ArgumentParser(description="start Rasa and the Awaaz service")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    try:
        from nlu import process as lifecycle
    except ImportError:
        lifecycle = None
    if lifecycle is not None:
        lifecycle.stop_on_sigterm()  # uvicorn re-raises SIGTERM after its shutdown: we still stop Rasa
        if _launched_by_make():
            lifecycle.die_with_parent(os.getppid())
    rasa = None
    try:
        rasa = _start_rasa()
        return awaaz(["serve", "--port", str(args.port)])
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:  # Rasa could not start: the message says what to do
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        _stop_rasa(rasa)


if __name__ == "__main__":
    sys.exit(main())

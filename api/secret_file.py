"""SESSION_SECRET for local runs: when the setting is empty, one random secret is generated once and
kept in a file (``var/session_secret`` by default, mode 0600), so a restart of `make run` does not
sign every web visitor and officer out. Production sets SESSION_SECRET (the same in every process)."""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

log = logging.getLogger("awaaz.settings")


def kept_secret(path: str | Path) -> str:
    """The secret stored at ``path``; made (atomically, readable by this user only) when missing or empty."""
    path = Path(path)
    try:
        stored = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        stored = ""
    if stored:
        return stored
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first (or it was empty): use theirs when there is one
        return path.read_text(encoding="utf-8").strip() or _overwrite(path, secret)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(secret)
    log.warning("SESSION_SECRET is empty: generated one and kept it in %s (set SESSION_SECRET in production)", path)
    return secret


def _overwrite(path: Path, secret: str) -> str:
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret

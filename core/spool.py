"""Inbound messages kept on local disk while the database is unreachable, replayed in arrival order.

One JSON file per message, written to a temporary name, flushed to disk (fsync) and then linked to its
final name, so a crash leaves either a whole file or none. The name carries the arrival time (order),
the channel, and hashes of the sender (a sender's later messages queue behind their spooled ones) and
of the message id (a retried delivery is spooled once; replay itself is idempotent by message id).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict
from pathlib import Path

from core.dialogue.types import Inbound, Location


def _h(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


class Spool:
    def __init__(self, directory: Path | str):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    def put(self, kind: str, inbound: Inbound) -> bool:
        """Keep ``inbound`` durably; False when this message id is already kept."""
        if any(self.directory.glob(f"*_{inbound.channel}_*_{_h(inbound.message_id)}.json")):
            return False
        name = f"{time.time_ns():020d}_{inbound.channel}_{_h(inbound.sender)}_{_h(inbound.message_id)}.json"
        temporary = self.directory / f".{name}.tmp"
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump({"kind": kind, "inbound": asdict(inbound)}, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, self.directory / name)
        finally:
            temporary.unlink(missing_ok=True)
        self._sync_directory()
        return True

    def holds(self, channel: str, sender: str) -> bool:
        """True while earlier messages of this sender wait here: later ones must queue behind them."""
        return any(self.directory.glob(f"*_{channel}_{_h(sender)}_*.json"))

    def pending(self) -> list[tuple[Path, str, Inbound]]:
        """Every kept message, oldest first: (file, kind, inbound)."""
        found = []
        for path in sorted(self.directory.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # taken by another replayer meanwhile, or not ours
            fields = dict(data["inbound"])
            fields["media"] = tuple(fields.get("media") or ())
            if fields.get("location"):
                fields["location"] = Location(**fields["location"])
            found.append((path, data["kind"], Inbound(**fields)))
        return found

    def done(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self._sync_directory()

    def set_aside(self, path: Path) -> None:
        """A message that fails for another reason than the database must not block the ones after it."""
        failed = self.directory / "failed"
        failed.mkdir(exist_ok=True)
        path.replace(failed / path.name)

    def __len__(self) -> int:
        return sum(1 for _ in self.directory.glob("*.json"))

    def _sync_directory(self) -> None:
        descriptor = os.open(self.directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

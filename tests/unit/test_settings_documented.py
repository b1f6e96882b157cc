"""Every setting in api/settings.py is documented in the README's Settings table, with its default."""
from pathlib import Path

from api.settings import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def _settings_table() -> dict[str, str]:
    section = README.read_text(encoding="utf-8").split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| `")]
    return {cells[0].strip().strip("`"): cells[1].strip() for cells in rows}


def test_every_setting_has_a_row_with_its_default():
    table = _settings_table()
    for name, field in Settings.model_fields.items():
        assert name.upper() in table, f"{name.upper()} is missing from the README's Settings table"
        default = field.default
        if isinstance(default, bool):
            default = str(default).lower()
        if default != "":
            assert f"`{default}`" == table[name.upper()], f"{name.upper()}: README says {table[name.upper()]}"
    assert set(table) == {n.upper() for n in Settings.model_fields}  # and nothing that no longer exists

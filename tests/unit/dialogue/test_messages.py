"""Every text the dialogue uses exists in all three languages with the same placeholders: a missing
translation is caught here, not by a citizen."""
import re
import string
from pathlib import Path

from core import messages
from core.dialogue.idle import MAIN_MENU

DIALOGUE = Path(__file__).resolve().parents[3] / "core" / "dialogue"
# say("key" …), t("key" …), ask("step", "key" …) and f-string keys like f"choice_{v}".
USED = re.compile(r"""(?:say|\.t)\(\s*"([a-z_]+)"|ask\(\s*"[a-z_]+",\s*(?:"([a-z_]+)"|\n\s*"([a-z_]+)")""")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def used_keys() -> set[str]:
    keys = set()
    for path in DIALOGUE.glob("*.py"):
        for match in USED.finditer(path.read_text(encoding="utf-8")):
            keys.update(k for k in match.groups() if k)
    return keys


def test_no_translation_is_missing():
    assert messages.missing_translations() == []


def test_placeholders_are_the_same_in_every_language():
    catalog = messages.catalog()
    mismatched = [key for key in used_keys() for entry in [catalog[key]]
                  if len({frozenset(placeholders(entry[lang])) for lang in messages.LANGUAGES}) != 1]
    assert mismatched == []


def test_every_key_the_dialogue_uses_exists():
    keys = used_keys()
    assert {"welcome", "filed", "summary", "verdict_closed", "emergency"} <= keys  # the scan finds them
    assert sorted(keys - set(messages.catalog())) == []


def test_menu_labels_exist_for_every_choice_and_language():
    needed = [f"choice_{v}" for v in MAIN_MENU] + [
        f"language_name_{lang}" for lang in messages.LANGUAGES]
    assert [k for k in needed if k not in messages.catalog()] == []

"""Citizen messages from the first message to the tracking ID, when the first message names the problem
and the place: median (and the share filed in two) per language and channel, with the real Rasa model.

    .venv/bin/python bench/messages_to_filing.py [--csv PATH] [--high 0.95] [--low 0.5]

First messages: the rows of the shared dev set (default /work/shared/eval/nlu_dev.csv) labelled with a
department whose text names a district (the NLU's location entity or a district name). Each runs
through the real DialogueService (a fresh SQLite database, the same code every channel adapter
calls) as a simulated citizen who answers honestly: accepts a proposal only when the department is
the labelled one, otherwise presses "another department" and picks it; answers "what is it about?"
and the menu with the labelled department's name. Uses the Rasa server at RASA_URL (RASA_TOKEN) if it
answers, else trains if needed and starts one. Prints JSON, with the load average.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.settings import Settings  # noqa: E402
from core.complaints.tracking import ID_PATTERN  # noqa: E402
from core.db import Database  # noqa: E402
from core.departments.catalog import department  # noqa: E402
from core.dialogue.places import district_named  # noqa: E402
from core.dialogue.service import DialogueService  # noqa: E402
from core.dialogue.types import Inbound  # noqa: E402
from core.migrate import upgrade  # noqa: E402
from nlu.client import RasaNluClient  # noqa: E402
from nlu.server import serving  # noqa: E402

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "nlu_dev.csv"
CHANNELS = ("whatsapp", "telegram", "web")
MAX_MESSAGES = 8
LANGUAGE_OF = {"ur": "ur", "roman_ur": "en", "en": "en"}  # department names as a citizen types them


def first_messages(path: Path, nlu: RasaNluClient) -> list[tuple[str, str, str]]:
    """(text, department, language) for department rows that name a place."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if department(row["label"]) is None:
                continue
            parse = nlu.parse(row["text"])
            if parse.entity("location") or district_named(row["text"]):
                rows.append((row["text"], row["label"], row["lang"]))
    return rows


def _choice(reply, value: str) -> str | None:
    values = [c.value for c in reply.choices]
    return str(values.index(value) + 1) if value in values else None


def answer(reply, label: str, language: str, first: str) -> Inbound | dict:
    """What an honest citizen sends next, given the newest question."""
    step = reply.question.split("#")[0]
    name = department(label).name(LANGUAGE_OF[language])
    shown = department(label).name(reply.language)
    if step == "summary":
        return {"choice": "yes" if shown in reply.text else "department"}
    if step == "confirm_department":
        return {"choice": "yes" if shown in reply.text else "no"}
    if step == "choose_department":
        return {"choice": label}
    if step == "duplicate":
        return {"choice": "no"}
    if step == "ask_problem":
        return {"text": name}
    if step in ("ask_location", "ask_district"):
        return {"text": first}  # the place is in their first message: they say it again
    return {"text": "1"}


def run_one(service: DialogueService, channel: str, sender: str, text: str, label: str, language: str) -> int | None:
    """Citizen messages until the tracking ID (None when not filed within MAX_MESSAGES)."""
    message: dict = {"text": text}
    for count in range(1, MAX_MESSAGES + 1):
        replies = service.handle(Inbound(channel, sender, message.get("text", ""), message_id=f"{sender}-{count}",
                                         choice=message.get("choice"), question=message.get("question")))
        asked = next((r for r in reversed(replies) if r.question), None)
        if asked is None:  # no question left open: filed (the reply names the ID), or a dead end
            return count if any(re.search(ID_PATTERN, r.text) for r in replies) else None
        message = answer(asked, label, language, text)
        if "choice" in message:
            if channel == "whatsapp":  # WhatsApp citizens type the number
                message = {"text": _choice(asked, message["choice"]) or message["choice"]}
            else:  # a button press names its question
                message["question"] = asked.question
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--high", type=float, default=Settings().nlu_high_confidence_threshold, help="NLU_HIGH_CONFIDENCE_THRESHOLD")
    parser.add_argument("--low", type=float, default=Settings().nlu_confidence_threshold, help="NLU_CONFIDENCE_THRESHOLD")
    args = parser.parse_args(argv)
    url = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
    with serving(url, os.environ.get("RASA_TOKEN", "")) as (rasa_url, token), \
            tempfile.TemporaryDirectory() as tmp:
        nlu = RasaNluClient(rasa_url, token, timeout=10.0)
        db = Database(f"sqlite:///{tmp}/bench.db")
        upgrade(db)
        service = DialogueService(db, nlu, confidence_threshold=args.low, high_confidence_threshold=args.high)
        rows = first_messages(args.csv, nlu)
        counts: dict[tuple[str, str], list[int | None]] = defaultdict(list)
        for channel in CHANNELS:
            for i, (text, label, language) in enumerate(rows):
                sender = f"web-bench{i}" if channel == "web" else f"+9230000{i:05d}"
                counts[(language, channel)].append(run_one(service, channel, sender, text, label, language))
        db.dispose()
    report = {}
    for (language, channel), values in sorted(counts.items()):
        filed = [v for v in values if v is not None]
        report[f"{language}/{channel}"] = {
            "first_messages": len(values), "filed": len(filed),
            "median_messages": statistics.median(filed) if filed else None, "max_messages": max(filed, default=None),
            "filed_in_two": round(sum(v == 2 for v in filed) / len(values), 3),
        }
    print(json.dumps({"thresholds": {"low": args.low, "high": args.high}, "by_language_and_channel": report,
                      "loadavg": Path("/proc/loadavg").read_text().split()[:3]}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
